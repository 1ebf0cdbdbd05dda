"""The household import: whole or nothing, idempotent, every bad row reported."""

import os
from datetime import date

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.audit.selectors import household_timeline
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import Target
from taizhang.imports.models import ImportBatch
from taizhang.imports.services import batch_void
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household, Person
from tests.conftest import HEADER, csv_bytes, household_rows, make_id, xlsx_bytes


def run(world, data, filename="t.csv", unit=None, **kwargs):
    return household_import(unit=unit or world.xinshi, data=data, filename=filename, **kwargs)


def reasons(report):
    return [(e.row, e.column, e.reason) for e in report.errors]


def test_it_imports_households_and_members(world):
    report = run(world, csv_bytes(household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)))
    assert report.ok and report.applied
    assert (report.households_created, report.persons_created) == (2, 5)
    household = Household.objects.get(household_no="XS001")
    assert household.head.name == "张三" and household.phone == "13812345678"
    assert household.members.count() == 3
    person = Person.objects.get(name="张小明")
    assert person.name_initials == "zxm" and person.gender in ("男", "女") and person.birth_date.year == 1980


def test_reimporting_the_same_file_changes_nothing(world):
    data = xlsx_bytes(household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20))
    run(world, data, "t.xlsx")
    entries = AuditEntry.objects.count()
    report = run(world, data, "t.xlsx")
    assert report.ok
    assert (report.households_created, report.households_updated, report.households_unchanged) == (0, 0, 2)
    assert (report.persons_created, report.persons_updated, report.persons_unchanged) == (0, 0, 5)
    assert Person.objects.count() == 5
    assert AuditEntry.objects.count() == entries + 1  # only the import's own summary entry


def test_a_changed_value_updates_and_is_audited_with_old_and_new(world):
    rows = household_rows("XS001")
    run(world, csv_bytes(rows))
    rows[1][3] = "李美"
    report = run(world, csv_bytes(rows))
    assert (report.households_updated, report.persons_updated) == (1, 1)
    entry = AuditEntry.objects.filter(action="import_update").get()
    assert entry.changes["李美·姓名"] == ["李梅", "李美"]


def test_three_bad_rows_are_each_reported_and_nothing_is_written(world):
    rows = household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)
    rows[0][4] = rows[0][4][:-1] + ("0" if rows[0][4][-1] != "0" else "1")  # check digit
    rows[1][6] = "12345"  # phone
    rows[3][1] = "不存在村"  # community
    report = run(world, csv_bytes(rows))
    assert not report.ok and not report.applied
    assert [(r, c) for r, c, _ in reasons(report)] == [(2, "身份证号"), (3, "联系电话"), (5, "村居")]
    assert "校验" in report.errors[0].reason
    assert Household.objects.count() == 0 and Person.objects.count() == 0


def test_missing_required_columns_stop_the_import_with_their_names(world):
    header = [h for h in HEADER if h not in ("地址", "身份证号")] + ["备注"]
    report = run(world, csv_bytes([], header=header))
    assert not report.ok
    assert "地址" in report.errors[0].reason and "身份证号" in report.errors[0].reason
    assert report.unknown_columns == ["备注"]


def test_unknown_columns_are_reported_and_ignored(world):
    header = HEADER + ["备注"]
    rows = [row + ["随便写"] for row in household_rows("XS001")]
    report = run(world, csv_bytes(rows, header=header))
    assert report.ok and report.unknown_columns == ["备注"]


def test_an_empty_file_is_rejected(world):
    report = run(world, b"", "empty.xlsx")
    assert not report.ok and "空" in report.errors[0].reason


def test_a_header_only_file_is_rejected(world):
    report = run(world, csv_bytes([]))
    assert not report.ok and "没有数据" in report.errors[0].reason


def test_a_text_file_named_xlsx_is_rejected(world):
    report = run(world, "户编号,村居\n1,2\n".encode(), "renamed.xlsx")
    assert not report.ok and "Excel" in report.errors[0].reason


def test_ten_megabytes_of_garbage_is_rejected_without_writing(world):
    report = run(world, os.urandom(10 * 1024 * 1024), "garbage.xlsx")
    assert not report.ok and Household.objects.count() == 0


def test_duplicate_id_numbers_within_the_file_name_the_first_row(world):
    rows = household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)
    rows[4][4] = rows[0][4]
    report = run(world, csv_bytes(rows))
    assert reasons(report) == [(6, "身份证号", "与第2行的身份证号重复")]


def test_two_heads_in_a_household_are_rejected(world):
    rows = household_rows("XS001")
    rows[1][5] = "户主"
    report = run(world, csv_bytes(rows))
    assert not report.ok and "有2个户主" in report.errors[0].reason and "第2行、第3行" in report.errors[0].reason


def test_a_household_without_a_head_is_rejected(world):
    rows = household_rows("XS001")[1:]
    report = run(world, csv_bytes(rows))
    assert not report.ok and "没有户主" in report.errors[0].reason


def test_rows_of_one_household_must_agree_on_village_and_address(world):
    rows = household_rows("XS001")
    rows[2][2] = "别的地址"
    report = run(world, csv_bytes(rows))
    assert reasons(report) == [(4, "地址", "同一户（首行为第2行）的地址不一致")]


def test_a_gbk_csv_is_read(world):
    report = run(world, csv_bytes(household_rows("XS001"), encoding="gbk"))
    assert report.ok and Person.objects.filter(name="张三").exists()


def test_an_id_stored_as_a_number_in_excel_is_rejected_with_advice(world):
    rows = household_rows("XS001")
    rows[0][4] = 1.10101199003074e17
    report = run(world, xlsx_bytes(rows), "t.xlsx")
    assert report.errors[0].column == "身份证号" and "文本" in report.errors[0].reason


def test_a_person_registered_in_another_unit_is_rejected(world):
    run(world, csv_bytes(household_rows("JY001", "城里居", 2, 30)), unit=world.jiyang)
    rows = household_rows("XS001", "新市村", 3, 30)
    report = run(world, csv_bytes(rows))
    assert not report.ok and "济阳街道" in report.errors[0].reason


def test_dry_run_reports_counts_and_writes_nothing(world):
    entries = AuditEntry.objects.count()
    report = run(world, csv_bytes(household_rows("XS001")), dry_run=True)
    assert report.ok and not report.applied and report.households_created == 1
    assert Household.objects.count() == 0 and AuditEntry.objects.count() == entries


def test_optional_columns_are_validated(world):
    header = HEADER + ["开户银行", "银行账号", "在校生", "残疾类别", "残疾等级", "就业状态"]
    rows = [row + ["", "", "", "", "", ""] for row in household_rows("XS001")]
    rows[0][7:13] = ["农业银行", "6228480000000000001", "", "", "", "务工"]  # Luhn fails
    rows[1][9:13] = ["也许", "", "二级", "上班"]
    report = run(world, csv_bytes(rows, header=header))
    found = {(r, c) for r, c, _ in reasons(report)}
    assert found == {(2, "银行账号"), (3, "在校生"), (3, "残疾等级"), (3, "就业状态")}


def test_a_person_moving_between_households_is_recorded(world):
    run(world, csv_bytes(household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)))
    moved = household_rows("XS002", "闻韶村", 2, 20) + [
        ["XS002", "闻韶村", "闻韶村幸福街02号", "张小明", make_id(3, date(1980, 3, 3)), "其他", ""]
    ]
    report = run(world, csv_bytes(moved))
    assert report.ok, report.errors
    assert Person.objects.get(name="张小明").household.household_no == "XS002"


@pytest.mark.parametrize("relation, stored", [("本人", "户主"), ("妻", "配偶"), ("长子", "子")])
def test_common_relation_words_are_normalised(world, relation, stored):
    rows = household_rows("XS001", members=2)
    rows[0][5] = relation if stored == "户主" else "户主"
    rows[1][5] = relation if stored != "户主" else "配偶"
    report = run(world, csv_bytes(rows))
    assert report.ok
    assert Person.objects.filter(relation=stored).exists()


def test_a_new_household_is_audited_with_every_member_field(world):
    rows = household_rows("XS001")
    run(world, csv_bytes(rows), actor=world.xs_admin)
    household = Household.objects.get(household_no="XS001")
    entry = AuditEntry.objects.get(household_id=household.id, action=AuditEntry.Action.IMPORT_CREATE)
    assert entry.actor_id == world.xs_admin.id and entry.reason == "导入文件 t.csv"
    assert entry.changes["地址"] == [None, rows[0][2]]
    assert entry.changes["村居"] == [None, "新市村"]
    assert entry.changes["张三·身份证号"] == [None, rows[0][4]]
    assert entry.changes["张三·与户主关系"] == [None, "户主"]
    assert entry.changes["李梅·身份证号"] == [None, rows[1][4]]
    assert not any(key.endswith("·联系电话") for key in entry.changes if key.startswith("李梅"))  # blank: not recorded


# --- as a numbered batch (the pages and the command) -------------------------------------------------------------


def run_batch(world, data, filename="t.csv", actor=None):
    from taizhang.imports.ledgers import declared
    from taizhang.imports.services import import_run

    target = Target(unit=world.xinshi, label=world.xinshi.name)
    ledger = declared("registry.households")
    return import_run(ledger=ledger, actor=actor, target=target, data=data, filename=filename)


def test_a_batch_records_the_creation_of_its_households_in_its_own_entry(world):
    report, batch = run_batch(world, csv_bytes(household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)))
    assert report.ok and batch is not None
    assert not AuditEntry.objects.filter(object_type="registry.household").exists()
    household = Household.objects.get(household_no="XS001")
    assert household.import_batch_id == batch.pk and household.members.filter(import_batch=batch).count() == 3
    timeline = household_timeline(world.xs_admin, household)
    assert [(e.object_type, e.action) for e in timeline] == [("imports.batch", "import")]
    assert timeline[0].object_id == str(batch.pk)


def test_a_household_a_batch_changes_keeps_its_own_entry_with_before_and_after(world):
    run_batch(world, csv_bytes(household_rows("XS001")))
    rows = household_rows("XS001")
    for row in rows:
        row[2] = "新市村幸福街99号"
    report, batch = run_batch(world, csv_bytes(rows))
    assert report.households_updated == 1
    entry = AuditEntry.objects.get(object_type="registry.household", action="import_update")
    assert entry.changes["地址"] == [household_rows("XS001")[0][2], "新市村幸福街99号"]
    household = Household.objects.get(household_no="XS001")
    actions = [e.action for e in household_timeline(world.xs_admin, household)]
    assert actions == ["import_update", "import"]  # the change, then the creation by the first batch


def test_households_of_an_undone_batch_come_back_when_imported_again(world):
    rows = household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)
    _, first = run_batch(world, csv_bytes(rows))
    batch_void(batch=first, actor=world.xs_admin, reason="文件选错了")
    assert not Household.objects.filter(status=RecordStatus.ACTIVE).exists()
    assert not Person.objects.filter(status=RecordStatus.ACTIVE).exists()

    for row in rows[:3]:  # the corrected file
        row[2] = "新市村幸福街99号"
    report, again = run_batch(world, csv_bytes(rows))
    assert report.ok, reasons(report)
    assert (report.households_created, report.households_updated, report.persons_updated) == (0, 2, 5)
    household = Household.objects.get(household_no="XS001")
    assert household.status == RecordStatus.ACTIVE and household.import_batch_id == again.pk
    assert (household.void_reason, household.voided_at, household.voided_by_id) == ("", None, None)
    assert household.address == "新市村幸福街99号" and household.head.name == "张三"
    assert Person.objects.filter(status=RecordStatus.ACTIVE, import_batch=again, void_reason="").count() == 5
    entry = AuditEntry.objects.get(
        object_type="registry.household", object_id=str(household.pk), action="import_update"
    )
    assert entry.changes["状态"] == ["已作废", "有效"] and entry.changes["张三·状态"] == ["已作废", "有效"]


def test_a_household_voided_by_hand_is_still_refused(world):
    _, first = run_batch(world, csv_bytes(household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)))
    Household.objects.filter(household_no="XS002").update(
        status=RecordStatus.VOIDED, void_reason="重复登记", voided_at=first.created_at
    )
    batch_void(batch=first, actor=world.xs_admin, reason="文件选错了")  # voids XS001 only: XS002 was voided by hand
    report, batch = run_batch(world, csv_bytes(household_rows("XS001") + household_rows("XS002", "闻韶村", 2, 20)))
    assert batch is None
    assert reasons(report) == [(5, "户编号", "该户已作废，请先在系统中恢复后再导入")]


def test_the_command_brings_back_what_an_undone_batch_voided(world, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "人员.csv"
    path.write_bytes(csv_bytes(household_rows("XS001")))
    call_command("import-households", str(path), "--unit", "新市镇")
    batch_void(batch=ImportBatch.objects.get(), actor=world.xs_admin, reason="重来")
    call_command("import-households", str(path), "--unit", "新市镇")
    assert Household.objects.get(household_no="XS001").status == RecordStatus.ACTIVE
    assert Person.objects.filter(status=RecordStatus.ACTIVE).count() == 3
