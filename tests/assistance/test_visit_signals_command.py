"""`taizhang visit-signals --unit 单位名 --month YYYY-MM`: the month's visit signals as CSV, nothing written."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from taizhang.assistance.models import Visit
from taizhang.integrity.models import Signal
from tests.assistance.conftest import local, visit


def run(*args) -> list[list[str]]:
    out = io.StringIO()
    call_command("visit-signals", *args, stdout=out)
    return list(csv.reader(io.StringIO(out.getvalue())))


def test_the_command_prints_one_row_per_visit_and_signal_and_writes_nothing(assisted):
    world = assisted
    late = visit(world.xs_worker, "XS001", date(2025, 3, 3), "09:00", 40)
    Visit.objects.filter(pk=late.pk).update(created_at=local(date(2025, 3, 10), "18:30"))
    on_time = visit(world.wenshao_worker, "XS002", date(2025, 3, 4), "10:00", 40)
    Visit.objects.filter(pk=on_time.pk).update(created_at=on_time.ended_at + timedelta(minutes=5))

    rows = run("--unit", "新市镇", "--month", "2025-03")

    assert rows == [
        ["户编号", "走访日期", "开始时间", "帮扶责任人", "疑点类型", "说明"],
        [
            "XS001",
            "2025-03-03",
            "09:00",
            "张帮扶",
            "补录过晚",
            "XS001 3月3日 09:00 的走访 3月10日 18:30 才录入，距走访结束已 7 天",
        ],
    ]
    assert not Signal.objects.exists()
    assert run("--unit", "新市镇", "--month", "2025-04") == [rows[0]]


@pytest.mark.parametrize(
    "args, message",
    [
        (("--unit", "新市镇", "--month", "2025-13"), "月份“2025-13”格式不对"),
        (("--unit", "旧市镇", "--month", "2025-03"), "没有名为“旧市镇”的单位"),
    ],
)
def test_an_unknown_unit_or_a_bad_month_is_refused_in_chinese(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
