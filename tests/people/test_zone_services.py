"""The zone figures import (whole or nothing, every error at once, a later import replacing the year's set, undo
bringing the earlier back), the indicators' versions, and the assessment read from them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.imports.services import batch_void
from taizhang.people import selectors_zone, zone
from taizhang.people.models import ZoneFigure, ZoneIndicator
from taizhang.people.rules import zone as rules
from tests.conftest import csv_bytes
from tests.people.zone_data import FIGURES, HEADER, figure_rows, figures_file, import_figures

D = Decimal
EXPECTED = [("济南新材料产业园", D("98.00"), 1), ("新市镇", D("90.00"), 2), ("平阴工业园", D("80.40"), 3)]
EXPECTED += [("商河经济开发区", D("72.30"), 4), ("济北开发区（旧址）", D("60.80"), 5)]


def test_the_import_stores_the_years_set_and_the_assessment_ranks_it(district_zone, world):
    report, batch = import_figures(world.xinshi, 2020, actor=district_zone.committee)
    assert report.ok and batch is not None, report.errors
    assert report.summary() == "共 44 行：已导入 2020 年度 5 个开发区的 44 条数据"
    assert ZoneFigure.objects.filter(import_batch=batch, zone_node=world.xinshi).count() == 9
    result = selectors_zone.assessment(world.xinshi, 2020)
    assert [(r.zone, r.total, r.rank) for r in result.rows] == EXPECTED
    assert result.own == "新市镇" and result.own_row.rank == 2
    pingyin = next(r for r in result.rows if r.zone == "平阴工业园")
    assert (pingyin.cells[4].value, pingyin.cells[4].rank, pingyin.cells[4].score) == (None, 5, D(60))
    assert (pingyin.cells[7].rank, pingyin.cells[7].score) == (1, D(100))  # the lowest energy use ranks first
    entry = AuditEntry.objects.get(object_type="people.zone_figure")
    assert entry.unit_id == world.xinshi.pk and entry.changes["数据条数"] == [None, 44]


def test_every_bad_row_is_reported_at_once_naming_row_and_field_and_nothing_is_written(district_zone, world):
    rows = [
        ["新市镇", "营业收入", "520"],
        ["新市镇", "营业总收入", "10"],
        ["平阴工业园", "亩均税收", "二十"],
        ["平阴工业园", "亩均税收", "22"],
        ["新市镇", "营业收入", "1,234.5"],
        ["", "研发经费投入强度", "-1"],
        ["园" * 3000, "高新技术产业产值占比", "9" * 3000],
    ]
    report, batch = import_figures(world.xinshi, 2020, data=csv_bytes(rows, header=HEADER))
    assert batch is None and not report.ok
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "指标"),
        (4, "数值"),
        (5, "指标"),
        (6, "指标"),
        (7, "开发区"),
        (7, "数值"),
        (8, "开发区"),
        (8, "数值"),
    ]
    texts = [e.as_text() for e in report.errors]
    assert texts[0].startswith("第3行「指标」“营业总收入”：没有这项指标；2020 年度的指标有：营业收入、")
    assert texts[1] == "第4行「数值」“二十”：数值应是数字，如 128.5"
    assert texts[2] == "第5行「指标」“亩均税收”：与第4行重复：同一开发区的同一指标只能有一个数值"
    assert texts[3] == "第6行「指标」“营业收入”：与第2行重复：同一开发区的同一指标只能有一个数值"
    assert texts[4] == "第7行「开发区」：开发区名称不能为空" and texts[5].endswith("数值不能为负数")
    assert texts[6].endswith("开发区名称过长（最多 64 个字）") and len(texts[6]) < 200
    assert texts[7].endswith("数值过大，请核对计量单位")
    assert not ZoneFigure.objects.exists()


def test_a_file_without_the_zones_own_figures_is_refused(district_zone, world):
    rows = [r for r in figure_rows() if r[0] != "新市镇"]
    report, batch = import_figures(world.xinshi, 2020, data=csv_bytes(rows, header=HEADER))
    assert batch is None
    assert [e.as_text() for e in report.errors] == ["文件中没有本开发区（新市镇）的数据，开发区名称须与系统中一致"]


def test_a_unit_that_is_not_a_zone_cannot_import_figures(zone, world):
    report, batch = import_figures(world.xinshi, 2020)
    assert batch is None and report.errors[0].reason == "新市镇不是开发区，不能导入开发区考核数据"


def test_only_the_zones_committee_and_admin_import(district_zone, world):
    with pytest.raises(PermissionDenied):
        import_figures(world.xinshi, 2020, actor=district_zone.staff[0])
    with pytest.raises(PermissionDenied):
        import_figures(world.xinshi, 2020, actor=world.jy_admin)
    assert import_figures(world.xinshi, 2020, actor=world.xs_admin)[1] is not None


def test_a_later_import_replaces_the_years_set_and_undoing_it_brings_the_earlier_back(district_zone, world):
    _, first = import_figures(world.xinshi, 2020)
    better = dict(FIGURES, 新市镇=["900", "900", "90", "900", "9000", "90", "9", "0.1", "90"])
    _, second = import_figures(world.xinshi, 2020, data=figures_file(figure_rows(better)))
    assert selectors_zone.assessment(world.xinshi, 2020).own_row.total == D(100)
    batch_void(batch=second, actor=world.xs_admin, reason="数据有误")
    result = selectors_zone.assessment(world.xinshi, 2020)
    assert result.batch_id == first.pk and result.own_row.total == D(90)
    assert AuditEntry.objects.filter(object_type="people.zone_figure", action=AuditEntry.Action.VOID).count() == 1
    batch_void(batch=first, actor=world.xs_admin, reason="重新导入")
    assert selectors_zone.assessment(world.xinshi, 2020).rows == []
    assert selectors_zone.years(world.xinshi.pk) == []


def test_years_keep_their_own_sets(district_zone, world):
    import_figures(world.xinshi, 2019)
    rows = [r for r in figure_rows() if r[0] in ("新市镇", "商河经济开发区")]
    import_figures(world.xinshi, 2020, data=csv_bytes(rows, header=HEADER))
    assert selectors_zone.years(world.xinshi.pk) == [2020, 2019]
    assert len(selectors_zone.assessment(world.xinshi, 2019).rows) == 5
    assert [r.zone for r in selectors_zone.assessment(world.xinshi, 2020).rows] == ["新市镇", "商河经济开发区"]


def _indicators(*pairs):
    return [rules.Indicator(name, rules.ECONOMY, "亿元", D(weight)) for name, weight in pairs]


def test_a_district_admin_saves_a_version_that_applies_from_its_year(district_admin):
    zone.indicators_save(actor=district_admin, from_year=2021, indicators=_indicators(("营业收入", 60), ("税收", 40)))
    assert selectors_zone.scheme_for(2020).from_year is None  # the defaults before it
    assert selectors_zone.scheme_for(2020).indicators == rules.DEFAULT_INDICATORS
    assert [i.name for i in selectors_zone.scheme_for(2023).indicators] == ["营业收入", "税收"]
    zone.indicators_save(actor=district_admin, from_year=2021, indicators=_indicators(("营业收入", 50), ("税收", 50)))
    assert list(ZoneIndicator.objects.values_list("weight", flat=True)) == [D(50), D(50)]
    entry = AuditEntry.objects.filter(object_type="people.zone_indicator").latest("id")
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes["税收"] == ["经济总量，权重 40，亿元，越高越好", "经济总量，权重 50，亿元，越高越好"]


def test_indicators_need_weights_totalling_100_and_a_district_admin(district_admin, world):
    with pytest.raises(ValidationError, match="各项指标权重合计应为 100，现为 90"):
        zone.indicators_save(actor=district_admin, from_year=2021, indicators=_indicators(("营业收入", 90)))
    with pytest.raises(PermissionDenied):
        zone.indicators_save(actor=world.xs_admin, from_year=2021, indicators=_indicators(("营业收入", 100)))
    with pytest.raises(ValidationError, match="适用起始年度"):
        zone.indicators_save(actor=district_admin, from_year=1999, indicators=_indicators(("营业收入", 100)))
    assert not ZoneIndicator.objects.exists()


def test_the_import_checks_the_indicators_of_its_year(district_zone, world, district_admin):
    zone.indicators_save(actor=district_admin, from_year=2021, indicators=_indicators(("营业收入", 100)))
    report, _ = import_figures(world.xinshi, 2021)
    assert report.error_count == 39  # every indicator but 营业收入 is unknown in 2021
    assert import_figures(world.xinshi, 2020)[1] is not None
