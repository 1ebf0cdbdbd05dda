"""taizhang import-determinations: the ledgers kept in Excel before the system, whole or nothing."""

from datetime import date

import pytest
from django.core.management import call_command

from taizhang.org.models import OrgNode
from taizhang.registry.importing import household_import
from taizhang.registry.models import Person
from taizhang.renewal import rules
from taizhang.renewal.determination_import import IMPORT_COLUMNS, determinations_import
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Determination, ProjectHousehold
from taizhang.staff.services import node_create
from tests.conftest import csv_bytes, household_rows, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(renewal):
    """JY201 (城里居, not yet in the project) and JY301 in 南关居, which the project does not cover."""
    nanguan = node_create(
        actor=None, parent=renewal.world.jiyang, kind=OrgNode.Kind.COMMUNITY, name="南关居", subtype="urban"
    )
    rows = household_rows("JY201", "城里居", 2, 60) + household_rows("JY301", nanguan.name, 1, 70)
    assert household_import(unit=renewal.world.jiyang, data=csv_bytes(rows), filename="more.csv").applied
    return renewal


def ids(no):
    return [(p.name, p.id_number) for p in Person.objects.filter(household__household_no=no).order_by("id")]


def good_rows():
    (a, a_id), (b, b_id) = ids("JY001")
    (c, c_id), (d, d_id) = ids("JY201")
    return [
        ["JY001", a, a_id, "认定", "冻结日在册", "2020-07-01"],
        ["JY001", b, b_id, "不认定", "冻结后迁入", "2020/7/2"],
        ["JY201", c, c_id, "待定", "", "2020年7月3日"],
        ["JY201", d, d_id, "认定", "在校大学生", "2020-07-03"],
    ]


def run(renewal, data, filename="界定台账.xlsx", dry_run=False):
    return determinations_import(
        actor=renewal.world.jy_admin, project=renewal.project, data=data, filename=filename, dry_run=dry_run
    )


def test_the_ledger_is_imported_as_written_and_households_join_the_project(ledger):
    report = run(ledger, xlsx_bytes(good_rows(), header=IMPORT_COLUMNS))
    assert report.ok and report.applied, [e.as_text() for e in report.errors]
    assert (report.created, report.unchanged) == (4, 0)
    current = {d.name: d for d in Determination.objects.filter(is_current=True, entry=ledger.entry("JY001"))}
    assert current["张三"].source == Determination.Source.IMPORT and current["李梅"].verdict == rules.NOT_COUNTED
    jy201 = ProjectHousehold.objects.get(household__household_no="JY201")
    assert jy201.source == ProjectHousehold.Source.DETERMINATION and jy201.determined_on is None  # one 待定
    assert Determination.objects.get(entry=jy201, verdict=rules.PENDING).reason == "原台账未写理由"
    assert ledger.entry("JY001").determined_on == date(2020, 7, 2)


def test_re_importing_the_same_file_changes_nothing(ledger):
    data = xlsx_bytes(good_rows(), header=IMPORT_COLUMNS)
    assert run(ledger, data).applied
    again = run(ledger, data)
    assert again.applied and (again.created, again.unchanged) == (0, 4)
    assert Determination.objects.count() == 4


def test_a_corrected_ledger_supersedes_the_imported_result_and_keeps_history(ledger):
    rows = good_rows()
    assert run(ledger, xlsx_bytes(rows, header=IMPORT_COLUMNS)).applied
    rows[2][3:5] = ["认定", "已核实"]
    report = run(ledger, xlsx_bytes(rows, header=IMPORT_COLUMNS))
    assert (report.created, report.unchanged) == (1, 3)
    assert Determination.objects.filter(id_number=rows[2][2]).count() == 2
    assert ProjectHousehold.objects.get(household__household_no="JY201").determined_on == date(2020, 7, 3)


def test_several_bad_rows_write_nothing_and_are_all_named(ledger):
    (a, a_id), (b, b_id) = ids("JY001")
    ((c, c_id),) = ids("JY301")
    rows = good_rows() + [
        ["JY999", a, a_id, "认定", "", "2020-07-01"],
        ["JY301", c, c_id, "认定", "", "2020-07-01"],
        ["JY001", a, ids("JY101")[0][1], "认定", "", "2020-07-01"],
        ["JY001", a, a_id, "暂缓", "", "2020-07-01"],
        ["JY001", b, b_id, "认定", "", "七月"],
    ]
    report = run(ledger, xlsx_bytes(rows, header=IMPORT_COLUMNS))
    assert not report.applied
    text = "\n".join(e.as_text() for e in report.errors)
    assert "第6行" in text and "户籍台账中没有这一户" in text
    assert "第7行" in text and "不在项目" in text
    assert "第8行" in text and "在册成员中没有这个身份证号" in text
    assert "第9行" in text and "界定结果只能是认定、不认定、待定" in text
    assert "第10行" in text and "界定日期" in text
    assert Determination.objects.count() == 0
    assert not ProjectHousehold.objects.filter(household__household_no="JY201").exists()


def test_a_full_width_id_with_spaces_and_lower_case_x_matches(ledger):
    person = Person.objects.filter(household__household_no="JY001").first()
    wide = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in person.id_number)
    wide = wide[:6] + " " + wide[6:]
    wide = wide[:-1] + ("x" if person.id_number.endswith("X") else wide[-1])
    report = run(ledger, xlsx_bytes([["JY001", person.name, wide, "认定", "", "2020-07-01"]], header=IMPORT_COLUMNS))
    assert report.applied, [e.as_text() for e in report.errors]
    assert Determination.objects.get().person == person


def test_a_wrong_name_is_a_row_error_naming_both(ledger):
    (a, a_id), _ = ids("JY001")
    report = run(ledger, xlsx_bytes([["JY001", "张叁", a_id, "认定", "", "2020-07-01"]], header=IMPORT_COLUMNS))
    assert not report.applied
    assert "张叁" in report.errors[0].as_text() and a in report.errors[0].as_text()


def test_a_gbk_csv_is_read(ledger):
    report = run(ledger, csv_bytes(good_rows(), header=IMPORT_COLUMNS, encoding="gbk"), filename="界定.csv")
    assert report.applied, [e.as_text() for e in report.errors]
    assert report.created == 4


def test_wrong_headers_write_nothing(ledger):
    report = run(
        ledger, csv_bytes(good_rows(), header=["户编号", "姓名", "证件号", "结果", "理由", "日期"]), filename="界定.csv"
    )
    assert not report.applied and "缺少必填列" in report.errors[0].as_text()
    assert run(ledger, b"\x00\x01garbage", filename="x.xlsx").errors


def test_a_decision_made_in_the_system_is_not_overwritten(ledger):
    entry = ledger.entry("JY001")
    person = Person.objects.filter(household=entry.household).first()
    determination_record(
        actor=ledger.world.jy_admin, entry=entry, person=person, registered_on=None, decided_on=date(2020, 7, 1)
    )
    report = run(ledger, xlsx_bytes(good_rows()[:1], header=IMPORT_COLUMNS))
    assert not report.applied and "导入不覆盖" in report.errors[0].as_text()


def test_the_command_prints_the_summary_and_exits_1_on_errors(ledger, tmp_path, capsys):
    good = tmp_path / "界定.xlsx"
    good.write_bytes(xlsx_bytes(good_rows(), header=IMPORT_COLUMNS))
    call_command("import-determinations", str(good), "--project", "老城区棚改", "--dry-run")
    assert "检查通过（未写入）" in capsys.readouterr().out and Determination.objects.count() == 0
    call_command("import-determinations", str(good), "--project", "老城区棚改")
    assert "已导入新增 4 人" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx_bytes([["JY001", "某某", "1", "认定", "", "2020-07-01"]], header=IMPORT_COLUMNS))
    with pytest.raises(SystemExit) as exit_:
        call_command("import-determinations", str(bad), "--project", "老城区棚改")
    assert exit_.value.code == 1 and "没有写入任何数据" in capsys.readouterr().out
