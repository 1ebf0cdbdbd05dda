"""`taizhang signals`: a unit's findings of a period as CSV per module, written nowhere unless --record."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from taizhang.integrity.models import Signal, SignalRun
from tests.integrity import fakes
from tests.integrity.conftest import MARCH, signal

HEADER = "户编号,走访日期,开始时间,帮扶责任人,疑点类型,说明"


def signals(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("signals", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_one_row_per_record_and_signal_and_writes_nothing(world, found):
    found(world.xinshi, fakes.pair(MARCH), fakes.late(date(2026, 3, 31)), fakes.late(date(2026, 4, 1), 9))
    out, err = signals("--unit", "新市镇", "--from", "2026-03-01", "--to", "2026-03-31")
    lines = out.splitlines()
    assert lines[0] == HEADER and len(lines) == 4 and err == ""
    assert lines[1].startswith("XS001,2026-03-10,09:10,张帮扶,两次走访相隔过近,XS001 3月10日 09:10 与 XS002")
    assert lines[2].startswith("XS002,2026-03-10,09:16,孙帮扶,两次走访相隔过近,")
    assert lines[3] == "XS001,2026-03-31,14:00,张帮扶,补录过晚,XS001 3月31日 14:00 的走访 5 天后才录入"
    assert not Signal.objects.exists() and not SignalRun.objects.exists()


def test_record_keeps_the_findings_and_sums_up_on_stderr(world, found):
    signal(world.xinshi, fakes.late(MARCH, visit_id=8))
    found(world.xinshi, fakes.pair(MARCH))
    out, err = signals(
        "--unit", "新市镇", "--from", "2026-03-01", "--to", "2026-03-31", "--record", "--module", "assistance"
    )
    assert out.splitlines()[0] == HEADER and len(out.splitlines()) == 3
    assert err.strip() == "新市镇 2026-03-01 至 2026-03-31：发现 1 条（新 1 条，消失 1 条）"
    assert SignalRun.objects.get().ran_by_name == "系统（命令行）" and Signal.objects.count() == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "新市县", "--from", "2026-03-01", "--to", "2026-03-31"], "没有名为“新市县”的单位"),
        (["--unit", "新市镇", "--from", "2026-3-1", "--to", "2026-03-31"], "应为 YYYY-MM-DD"),
        (["--unit", "新市镇", "--from", "2026-03-31", "--to", "2026-03-01"], "结束日期早于开始日期"),
        (["--unit", "新市镇", "--from", "2026-03-01", "--to", "2026-03-31", "--module", "renewal"], "可选：assistance"),
    ],
)
def test_errors_are_explained(world, args, message):
    with pytest.raises(CommandError, match=message):
        signals(*args)
