import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.documents.importing import Target
from taizhang.enterprise import demo_functions
from taizhang.enterprise.functions_import import COLUMNS, handover_import
from taizhang.enterprise.models import FunctionNote, HandedFunction
from taizhang.hub import tasks
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run
from tests.conftest import xlsx_bytes
from tests.enterprise import fixtures_functions
from tests.enterprise.fixtures_functions import TODAY

handover = fixtures_functions.handover

GOOD = [
    [10, "高龄津贴发放", "民政服务", "济阳街道", "2020-08-01"],
    [10, "高龄津贴发放", "民政服务", "崔寨街道", "2020/8/1"],
    [11, "殡葬管理", "民政服务", "崔寨街道", date(2020, 8, 3)],
]


def test_a_good_ledger_hands_every_row_over(handover):
    report = handover_import(
        actor=handover.zone_admin, unit=handover.zone, data=xlsx_bytes(GOOD, COLUMNS), filename="移交.xlsx"
    )
    assert report.ok and report.applied and (report.created, report.streets) == (3, 2)
    assert HandedFunction.objects.filter(handed_by=handover.zone, number__in=[10, 11]).count() == 3


def test_every_error_of_the_file_is_reported_at_once_and_nothing_is_written(handover):
    rows = [
        [0, "高龄津贴发放", "民政服务", "济阳街道", "2020-08-01"],
        ["", "", "杂项", "城外街道", "2020-13-01"],
        [1, "城乡低保", "社会救助", "济阳街道", "2020-08-01"],  # already handed to 济阳街道
        [12, "殡葬管理", "民政服务", "崔寨街道", "2021-01-01"],  # after today
        [13, "环境卫生", "城乡管理", "新市镇", "2020-08-01"],  # the zone itself
        [14, "信访", "平安建设", "崔寨街道", "2020-08-01"],
        [14, "信访", "平安建设", "崔寨街道", "2020-08-01"],
        *GOOD,
    ]
    report = handover_import(
        actor=handover.zone_admin, unit=handover.zone, data=xlsx_bytes(rows, COLUMNS), filename="x.xlsx"
    )
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "职能编号"),
        (3, "职能编号"),
        (3, "职能名称"),
        (3, "类别"),
        (3, "承接街道"),
        (3, "移交日期"),
        (4, "职能编号"),
        (5, "移交日期"),
        (6, "承接街道"),
        (8, "职能编号"),
    }
    assert not report.applied and not HandedFunction.objects.filter(number__gte=10).exists()
    assert any("已移交给济阳街道" in e.reason for e in report.errors)


def test_a_batch_is_undone_until_a_street_takes_a_function_on(handover):
    ledger = declared("enterprise.handover")
    target = Target(unit=handover.zone, label=handover.zone.name)
    report, batch = import_run(
        ledger=ledger, actor=handover.zone_admin, target=target, data=xlsx_bytes(GOOD, COLUMNS), filename="x.xlsx"
    )
    assert report.applied
    assert ledger.undo(batch=batch, actor=handover.zone_admin, reason="清单有误") == 3
    assert not HandedFunction.objects.filter(number__gte=10, withdrawn_on__isnull=True).exists()


def test_the_command_imports_the_ledger_for_the_named_unit(handover, tmp_path):
    path = tmp_path / "移交.xlsx"
    path.write_bytes(xlsx_bytes(GOOD, COLUMNS))
    out = io.StringIO()
    call_command("import-handed-functions", str(path), "--unit", "新市镇", stdout=out)
    assert "已移交 3 项职能" in out.getvalue()
    path.write_bytes(xlsx_bytes([[99, "x", "杂项", "济阳街道", "2020-08-01"]], COLUMNS))
    with pytest.raises((CommandError, SystemExit)):
        call_command("import-handed-functions", str(path), "--unit", "新市镇", stdout=io.StringIO())


def test_the_demo_hands_42_functions_and_puts_two_overdue_notes_in_jiyangs_inbox(ez, world, clock):
    """The ez fixture's unit stands in for 济北开发区; the base case has 济阳街道 but no 崔寨街道 (skipped)."""
    clock.set(TODAY)
    demo_functions.build(unit=ez.unit, seed=7, today=TODAY)
    counts = (HandedFunction.objects.count(), FunctionNote.objects.count())
    assert counts == (42, 5) and set(HandedFunction.objects.values_list("unit__name", flat=True)) == {"济阳街道"}
    assert set(HandedFunction.objects.values_list("state", flat=True)) == {"handed", "taken", "running"}
    demo_functions.build(unit=ez.unit, seed=7, today=TODAY)
    assert (HandedFunction.objects.count(), FunctionNote.objects.count()) == counts
    late = [t for t in tasks.collect(world.jy_admin, today=TODAY) if t.kind == "enterprise.function_note"]
    assert len(late) >= 2
