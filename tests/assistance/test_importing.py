"""The town's ledgers in: assisted households and historical visits, whole or nothing; the compliance command out."""

import io
from datetime import date, datetime, time

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from taizhang.assistance.importing import ASSISTED_COLUMNS, VISIT_COLUMNS, assisted_import, visits_import
from taizhang.assistance.models import AssistedHousehold, HelperAssignment, Visit
from taizhang.audit.models import AuditEntry
from taizhang.audit.verify import verify_chains
from tests.assistance.conftest import visit
from tests.conftest import csv_bytes, xlsx_bytes


def run_assisted(world, rows, **kwargs):
    return assisted_import(
        actor=world.xs_admin, unit=world.xinshi, data=csv_bytes(rows, ASSISTED_COLUMNS), filename="帮扶户.csv", **kwargs
    )


def run_visits(world, rows, fmt="csv", **kwargs):
    data = xlsx_bytes(rows, VISIT_COLUMNS) if fmt == "xlsx" else csv_bytes(rows, VISIT_COLUMNS)
    return visits_import(actor=world.xs_admin, unit=world.xinshi, data=data, filename=f"走访.{fmt}", **kwargs)


def reasons(report):
    return [(e.row, e.column, e.reason) for e in report.errors]


# --- assisted households ----------------------------------------------------------------------


def test_the_towns_list_is_imported_with_several_helpers(seeded):
    report = run_assisted(
        seeded,
        [["XS001", "建档立卡户", "2025-01-01", "xs_worker、xs_group"], ["XS002", "监测户", "2025/6/1", "ws_worker"]],
    )
    assert report.ok and report.applied and report.created == 2, reasons(report)
    xs001 = AssistedHousehold.objects.get(household__household_no="XS001")
    assert xs001.category == "registered" and xs001.start_date == date(2025, 1, 1)
    assert set(HelperAssignment.objects.filter(assisted=xs001).values_list("helper__username", flat=True)) == {
        "xs_worker",
        "xs_group",
    }
    assert AuditEntry.objects.filter(object_type="assistance.household", household_id=xs001.household_id).exists()
    again = run_assisted(
        seeded,
        [["XS001", "建档立卡户", "2025-01-01", "xs_worker、xs_group"], ["XS002", "监测户", "2025/6/1", "ws_worker"]],
    )
    assert again.ok and (again.created, again.unchanged) == (0, 2)
    assert HelperAssignment.objects.count() == 3


def test_every_bad_assisted_row_is_reported_and_nothing_written(seeded):
    report = run_assisted(
        seeded,
        [
            ["XS001", "贫困", "2025-01-01", "xs_worker"],
            ["XS009", "监测户", "2025-01-01", "xs_worker"],
            ["XS002", "监测户", "2025-02-30", "nobody"],
            ["JY001", "监测户", "2025-01-01", "jy_worker"],
        ],
    )
    assert reasons(report) == [
        (2, "帮扶类别", "帮扶类别应为：建档立卡户、监测户"),
        (3, "户编号", "新市镇户籍台账中没有这一户（或已作废），请先导入户籍"),
        (4, "帮扶开始日期", "帮扶开始日期“2025-02-30”不存在"),
        (4, "帮扶责任人", "本单位没有用户名为 nobody 的人员"),
        (5, "户编号", "新市镇户籍台账中没有这一户（或已作废），请先导入户籍"),
        (5, "帮扶责任人", "本单位没有用户名为 jy_worker 的人员"),
    ]
    assert not AssistedHousehold.objects.exists()


# --- visits -----------------------------------------------------------------------------------

GOOD = [
    ["XS001", "xs_worker", "2026-03-02", "09:00", "09:40", "了解务工情况"],
    ["XS001", "xs_worker", "2026/3/9", "9:00", "9:25", "时间较短"],
    ["XS002", "ws_worker", "2026年3月2日", "23:40", "次日00:20", "夜间走访"],
]


def test_historical_visits_are_imported_and_counted_by_the_rules(assisted):
    report = run_visits(assisted, GOOD)
    assert report.ok and report.created == 3, reasons(report)
    night = Visit.objects.get(assisted__household__household_no="XS002")
    assert (night.minutes, night.visit_date, night.source) == (40, date(2026, 3, 2), "import")
    assert list(night.helpers.values_list("username", flat=True)) == ["ws_worker"]
    assert Visit.objects.get(notes="时间较短").minutes == 25
    entry = AuditEntry.objects.get(object_type="assistance.visit-import", household_id=night.assisted.household_id)
    assert entry.changes["导入走访"] == [None, "2026-03-02 23:40–00:20"]
    assert verify_chains().ok


def test_reimporting_the_same_visits_changes_nothing(assisted):
    run_visits(assisted, GOOD, fmt="xlsx")
    again = run_visits(assisted, GOOD, fmt="xlsx")
    assert again.ok and (again.created, again.unchanged) == (0, 3), reasons(again)
    assert Visit.objects.count() == 3


def test_excel_date_and_time_cells_are_read():
    from taizhang.documents.cells import cell_date, cell_time

    assert cell_date(datetime(2026, 3, 2)) == date(2026, 3, 2) and cell_date(46083.0) == date(2026, 3, 2)
    assert (
        cell_time(time(9, 5)) == time(9, 5) and cell_time(0.375) == time(9, 0) and cell_time("9时30分") == time(9, 30)
    )


def test_every_bad_visit_row_is_reported_and_nothing_written(assisted):
    rows = [
        ["XS001", "xs_worker", "2026-03-02", "10:00", "09:00", ""],  # end before start
        ["XS001", "ws_worker", "2026-03-03", "09:00", "10:00", ""],  # not this household's helper
        ["XS009", "xs_worker", "2026-03-03", "09:00", "10:00", ""],  # not assisted
        ["XS001", "xs_worker", "2099-03-03", "09:00", "10:00", ""],  # in the future
        ["XS001", "xs_worker", "2026-03-04", "9点", "10:00", ""],  # unreadable time
        ["XS001", "xs_worker", "2026-03-05", "09:00", "10:00", ""],
        ["XS001", "xs_worker", "2026-03-05", "09:00", "10:00", ""],  # the same visit twice
        ["XS001", "xs_worker", "2024-12-20", "09:00", "10:00", ""],  # before the assistance began
    ]
    report = run_visits(assisted, rows)
    assert [(row, column) for row, column, _ in reasons(report)] == [
        (2, "结束时间"),
        (3, "帮扶责任人"),
        (4, "户编号"),
        (5, "走访日期"),
        (6, "开始时间"),
        (8, "开始时间"),
        (9, "走访日期"),
    ]
    assert "次日" in report.errors[0].reason and "不是户 XS001 的帮扶责任人" in report.errors[1].reason
    assert "与第7行是同一次走访" in report.errors[5].reason
    assert not Visit.objects.exists()


def test_overlapping_visits_in_the_file_and_against_the_system_are_refused(assisted):
    from taizhang.assistance.households import helpers_assign
    from tests.assistance.conftest import household

    helpers_assign(
        actor=assisted.xs_admin,
        assisted=household("XS002"),
        helpers=[assisted.wenshao_worker, assisted.xs_worker],
        on=date(2026, 1, 1),
    )
    visit(assisted.xs_worker, "XS001", date(2026, 3, 10), "09:00", 60)
    report = run_visits(
        assisted,
        [
            ["XS002", "xs_worker", "2026-03-10", "09:30", "10:30", "与系统中的走访重叠"],
            ["XS001", "xs_worker", "2026-03-11", "23:30", "次日00:30", ""],
            ["XS002", "xs_worker", "2026-03-12", "00:10", "00:50", "跨午夜重叠"],
        ],
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "开始时间"), (4, "开始时间")]
    assert "系统中已有" in report.errors[0].reason and "第3行" in report.errors[1].reason
    assert Visit.objects.count() == 1


def test_an_overlap_is_reported_together_with_the_other_rows_errors(assisted):
    report = run_visits(
        assisted,
        [
            ["XS001", "xs_worker", "2026-03-10", "09:00", "10:00", ""],
            ["XS001", "nobody", "2026-03-10", "11:00", "11:40", "一行别的错"],
            ["XS001", "xs_worker", "2026-03-10", "09:30", "10:30", "与第2行重叠"],
        ],
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "帮扶责任人"), (4, "开始时间")]
    assert "第2行" in report.errors[1].reason and not Visit.objects.exists()


def test_a_file_with_the_wrong_columns_names_them(assisted):
    report = visits_import(
        actor=None, unit=assisted.xinshi, data=csv_bytes([["XS001"]], ["户编号", "走访地点"]), filename="x.csv"
    )
    assert "缺少必填列：帮扶责任人、走访日期、开始时间、结束时间、走访内容" in report.errors[0].reason


# --- commands ---------------------------------------------------------------------------------


def test_the_import_commands_apply_or_exit_1(assisted, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes(GOOD, VISIT_COLUMNS))
    bad.write_bytes(csv_bytes([["XS001", "xs_worker", "2026-03-02", "10:00", "09:00", ""]], VISIT_COLUMNS))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import-visits", str(bad), "--unit", "新市镇", stdout=out)
    assert exit_info.value.code == 1 and "第2行「结束时间」" in out.getvalue() and not Visit.objects.exists()
    call_command("import-visits", str(good), "--unit", "新市镇", "--dry-run", stdout=io.StringIO())
    assert not Visit.objects.exists()
    out = io.StringIO()
    call_command("import-visits", str(good), "--unit", "新市镇", stdout=out)
    assert "已导入新增 3 次走访" in out.getvalue() and Visit.objects.count() == 3


def test_the_compliance_command_prints_csv_or_writes_xlsx(assisted, tmp_path):
    for day in (date(2026, 3, 2), date(2026, 3, 9)):
        visit(assisted.xs_worker, "XS001", day, "09:00", 40)
    out = io.StringIO()
    call_command("visit-compliance", "--unit", "新市镇", "--month", "2026-03", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "户编号,户主,村居,帮扶责任人,有效走访次数,是否达标"
    assert lines[1:] == ["XS001,张三,新市村,张帮扶,2,达标", "XS002,张三,闻韶村,孙帮扶,0,未达标"]
    target = tmp_path / "march.xlsx"
    call_command("visit-compliance", "--unit", "新市镇", "--month", "2026-03", "-o", str(target), stdout=io.StringIO())
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "新市镇2026年3月帮扶走访达标情况"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:F1"]
    assert [c.value for c in sheet[2]] == ["户编号", "户主", "村居", "帮扶责任人", "有效走访次数", "是否达标"]
    assert [c.value for c in sheet[3]] == ["XS001", "张三", "新市村", "张帮扶", 2, "达标"]
    assert sheet.max_row == 4


def test_the_compliance_command_refuses_a_bad_month(assisted):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("visit-compliance", "--unit", "新市镇", "--month", "2026-13")
