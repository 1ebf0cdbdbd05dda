"""The import-households and export-households commands."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from taizhang.audit.models import AuditEntry
from taizhang.core.rules import mask_id_number
from taizhang.registry.fields import ALL_COLUMNS
from taizhang.registry.models import Household, Person
from tests.conftest import csv_bytes, household_rows, make_id, xlsx_bytes

ZHANG_SAN = make_id(10, date(1960, 3, 1))  # XS001's head in the seeded data


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def good_rows():
    return household_rows("XS001", "新市村", 3, 10) + household_rows("XS002", "闻韶村", 2, 20)


def state():
    return Household.objects.count(), Person.objects.count(), AuditEntry.objects.count()


# --- import-households -----------------------------------------------------------------------


@pytest.mark.parametrize("name, data", [("hh.csv", csv_bytes(good_rows())), ("hh.xlsx", xlsx_bytes(good_rows()))])
def test_import_applies_a_good_file(world, tmp_path, name, data):
    out = run("import-households", write(tmp_path, name, data), unit="新市镇")
    assert "已导入新户 2 户" in out and "新增人员 5 人" in out
    assert set(Household.objects.filter(unit=world.xinshi).values_list("household_no", flat=True)) == {"XS001", "XS002"}
    assert Person.objects.filter(unit=world.xinshi).count() == 5
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, unit_id=world.xinshi.pk).exists()


def test_the_import_prints_its_batch_which_void_import_undoes(world, tmp_path):
    from taizhang.imports.models import ImportBatch

    out = run("import-households", write(tmp_path, "hh.csv", csv_bytes(good_rows())), unit="新市镇")
    batch = ImportBatch.objects.get()
    assert f"导入批次: {batch.pk}" in out and batch.ledger == "registry.households" and batch.unit == world.xinshi
    assert Household.objects.filter(import_batch=batch).count() == 2
    out = run("void-import", str(batch.pk), reason="导错了单位")
    assert "作废记录 7 条" in out
    assert (
        not Household.objects.filter(status="active").exists() and not Person.objects.filter(status="active").exists()
    )


def test_importing_the_same_file_twice_changes_nothing(world, tmp_path):
    path = write(tmp_path, "hh.csv", csv_bytes(good_rows()))
    run("import-households", path, unit="新市镇")
    before = Household.objects.count(), Person.objects.count()
    out = run("import-households", path, unit="新市镇")
    assert "未变 2 户" in out and "未变 5 人" in out
    assert (Household.objects.count(), Person.objects.count()) == before


def test_a_dry_run_writes_nothing(world, tmp_path):
    before = state()
    out = run("import-households", write(tmp_path, "hh.csv", csv_bytes(good_rows())), unit="新市镇", dry_run=True)
    assert "检查通过（未写入）" in out and "可导入新户 2 户" in out
    assert state() == before


def test_the_dry_run_flag_on_the_command_line(world, tmp_path):
    before = state()
    out = run("import-households", write(tmp_path, "hh.csv", csv_bytes(good_rows())), "--unit", "新市镇", "--dry-run")
    assert "检查通过" in out and state() == before


def test_a_bad_row_exits_1_with_row_column_and_reason_and_writes_nothing(world, tmp_path):
    rows = good_rows()
    rows[1][6] = "12345"  # file row 3: the phone
    path = write(tmp_path, "bad.csv", csv_bytes(rows))
    before = state()
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import-households", path, unit="新市镇", stdout=out)
    assert exit_info.value.code == 1
    text = out.getvalue()
    assert "第3行「联系电话」“12345”：联系电话格式不对" in text
    assert "共 1 处错误，没有写入任何数据。" in text
    assert state() == before


def test_every_bad_row_is_listed(world, tmp_path):
    rows = good_rows()
    rows[0][4] = rows[0][4][:-1] + ("0" if rows[0][4][-1] != "0" else "1")
    rows[3][1] = "不存在村"
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import-households", write(tmp_path, "bad.csv", csv_bytes(rows)), unit="新市镇", stdout=out)
    assert "第2行「身份证号」" in out.getvalue() and "校验位错误" in out.getvalue()
    assert "第5行「村居」“不存在村”：村居不在本单位" in out.getvalue()
    assert Household.objects.count() == 0


def test_an_unknown_unit_is_a_clear_error(world, tmp_path):
    path = write(tmp_path, "hh.csv", csv_bytes(good_rows()))
    with pytest.raises(CommandError, match="没有名为“不存在镇”的单位") as error:
        run("import-households", path, unit="不存在镇")
    assert "新市镇" in str(error.value) and "济阳街道" in str(error.value)
    assert Household.objects.count() == 0


def test_a_missing_file_is_a_clear_error(world, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run("import-households", str(tmp_path / "nope.csv"), unit="新市镇")


def test_unknown_columns_are_named_and_ignored(world, tmp_path):
    header = ALL_COLUMNS[:7] + ["备注"]
    rows = [row + ["随便"] for row in good_rows()]
    out = run("import-households", write(tmp_path, "hh.csv", csv_bytes(rows, header=header)), unit="新市镇")
    assert "已忽略不认识的列：备注" in out and Person.objects.count() == 5


# --- export-households -----------------------------------------------------------------------


def test_export_writes_a_workbook_with_the_header_and_one_row_per_person(seeded, tmp_path):
    target = tmp_path / "out.xlsx"
    out = run("export-households", unit="新市镇", output=str(target))
    assert "已导出 5 人" in out
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert list(rows[0]) == ALL_COLUMNS
    assert len(rows) == 1 + 5
    assert [r[0] for r in rows[1:]] == ["XS001"] * 3 + ["XS002"] * 2
    assert ZHANG_SAN in [r[4] for r in rows[1:]]  # full IDs by default


def test_export_writes_utf8_csv(seeded, tmp_path):
    target = tmp_path / "out.csv"
    run("export-households", "--unit", "新市镇", "-o", str(target))
    text = target.read_bytes().decode("utf-8")  # strict: raises on anything that is not UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ALL_COLUMNS and len(rows) == 6
    assert "张三" in text and ZHANG_SAN in text


def test_export_masked_and_of_one_village(seeded, tmp_path):
    target = tmp_path / "out.csv"
    out = run("export-households", unit="新市镇", community="闻韶村", output=str(target), masked=True)
    assert "已导出 2 人" in out
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["XS002", "XS002"]
    assert all(r[4][6:] == "************" for r in rows[1:])
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.actor is None and entry.changes["身份证号与银行账号"] == [None, "脱敏"]


def test_export_is_audited_as_full(seeded, tmp_path):
    run("export-households", unit="济阳街道", output=str(tmp_path / "out.xlsx"))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.unit_id == seeded.jiyang.pk and entry.changes["身份证号与银行账号"] == [None, "完整"]
    assert entry.changes["行数"] == [None, 2]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"unit": "不存在镇", "output": "out.xlsx"}, "没有名为“不存在镇”的单位"),
        ({"unit": "新市镇", "community": "城里居", "output": "out.xlsx"}, "新市镇 没有名为“城里居”的村居"),
        ({"unit": "新市镇", "output": "out.txt"}, "须以 .xlsx 或 .csv 结尾"),
    ],
)
def test_export_errors_are_clear(seeded, tmp_path, options, message):
    options["output"] = str(tmp_path / options["output"])
    with pytest.raises(CommandError, match=message):
        run("export-households", **options)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_masked_ids_look_like_the_pages(seeded, tmp_path):
    target = tmp_path / "out.xlsx"
    run("export-households", unit="新市镇", output=str(target), masked=True)
    ids = [r[4] for r in load_workbook(target).active.iter_rows(min_row=2, values_only=True)]
    assert mask_id_number(ZHANG_SAN) in ids and ZHANG_SAN not in ids
