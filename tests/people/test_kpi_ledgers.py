"""The KPI and review ledgers through the kernel's import pipeline: a township's workbook (title, instructions
sheet, footer), every error at once naming row, column and reason, whole or nothing, and the batch's undo."""

import pytest
from django.core.exceptions import ValidationError

from taizhang.imports.ledgers import declared
from taizhang.imports.services import batch_void, import_run
from taizhang.people import assessment
from taizhang.people.ledgers_kpi import cycle_target
from taizhang.people.models import Indicator, Review
from tests.conftest import csv_bytes
from tests.imports.test_real_ledgers import xls, xlsx

KPI_HEADER = ["用户名", "指标", "权重", "计分方式", "目标值", "实际值", "下限", "上限", "扣分标准"]


def run(zone, key, data, filename="台账.csv", dry_run=False):
    return import_run(
        ledger=declared(key),
        actor=zone.committee,
        target=cycle_target(zone.cycle),
        data=data,
        filename=filename,
        dry_run=dry_run,
    )


@pytest.mark.parametrize("make, suffix", [(xlsx, "xlsx"), (xls, "xls")])
@pytest.mark.parametrize("key", ["people.kpi", "people.reviews"])
def test_the_ledger_reads_a_township_workbook(zone, key, make, suffix):
    report, _ = run(zone, key, make(declared(key)), f"台账.{suffix}", dry_run=True)
    assert (report.sheet_name, report.header_row) == ("台账", 2)
    assert report.rows == 1 and not report.unknown_columns
    # The example row is one person's only indicator of weight 40: the plan does not total 100.
    assert all(e.row == 3 for e in report.errors), [e.as_text() for e in report.errors]


def test_the_committee_may_import_into_its_open_cycles_only(zone, world):
    assert [t.label for t in declared("people.kpi").targets(zone.committee)] == ["新市镇 2020Q3"]
    assert declared("people.kpi").targets(zone.staff[0]) == []
    assert declared("people.kpi").targets(world.jy_admin) == []


def test_every_error_is_reported_at_once_naming_row_column_and_reason(zone):
    rows = [
        ["kong1", "公文办理", "60", "线性", "100", "95", "", "", ""],
        ["kong1", "会议保障", "30", "达标", "1", "1", "", "", ""],
        ["nobody", "走访", "100", "线性", "10", "10", "", "", ""],
        ["kong2", "指" * 3000, "abc", "对数", "", "", "", "", ""],
        ["kong3", "产值", "100", "线性", "0", "5", "", "", ""],
    ]
    report, batch = run(zone, "people.kpi", csv_bytes(rows, header=KPI_HEADER))
    texts = [e.as_text() for e in report.errors]
    assert batch is None and not Indicator.objects.exists()
    assert any("第4行" in t and "用户名" in t and "本单位没有这个人员" in t for t in texts), texts
    assert any("第5行" in t and "权重" in t and "不是数字" in t for t in texts), texts
    assert any("第5行" in t and "指标" in t and "不超过 64 字" in t for t in texts), texts
    assert any("第2行" in t and "孔一：各指标权重合计应为 100，现为 90（第 2、3 行）" in t for t in texts), texts
    assert any("第6行" in t and "目标值应大于 0" in t for t in texts), texts


def test_an_import_is_a_batch_that_can_be_undone_while_the_cycle_is_open(zone):
    rows = [["kong1", "公文办理", "100", "", "100", "95", "", "", ""]]  # blank method: 线性
    report, batch = run(zone, "people.kpi", csv_bytes(rows, header=KPI_HEADER))
    assert report.ok and batch is not None and Indicator.objects.get().method.name == "线性"
    reviews = [["kong1", "上级", "weiyuan", "90"], ["孔一", "自评", "kong1", "95"]]
    report, review_batch = run(
        zone, "people.reviews", csv_bytes(reviews, header=["被考核人", "评价人类型", "评价人", "得分"])
    )
    assert report.ok and Review.objects.filter(rater_type="self").exists()
    assert Review.objects.get(rater_type="superior").rater_name == "魏委员"
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    with pytest.raises(ValidationError, match="已评定"):
        batch_void(batch=review_batch, actor=zone.committee, reason="导错了")
    assessment.assessment_withdraw(actor=zone.committee, cycle=zone.cycle, reason="重导")
    batch_void(batch=review_batch, actor=zone.committee, reason="导错了")
    assert not Review.objects.exists()
