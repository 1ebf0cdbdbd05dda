"""The zone's enterprise counts as of a day (在园企业, 规上企业, 四新企业), per unit in one grouped query."""

from datetime import date

from taizhang.core import clock
from taizhang.core.manifest import Value, module
from taizhang.enterprise.models import Enterprise
from taizhang.enterprise.rules.uscc import with_check
from taizhang.hub import metrics

KEYS = {"enterprises_in_zone": "in_zone", "enterprises_above_scale": "above_scale", "enterprises_four_new": "four_new"}


def _all(unit_ids, as_of):
    """The three figures as the engine computes them (sharing their one query)."""
    items = [item for item in metrics.published(["enterprise"]) if item.metric.key in KEYS]
    computed = metrics.compute_all(items, {unit_id: frozenset(["enterprise"]) for unit_id in unit_ids}, as_of=as_of)
    return {KEYS[item.metric.key]: computed[item.key] for item in items}


def test_the_counts_follow_settling_and_leaving_dates(ez, jy_enterprise, django_assert_num_queries):
    Enterprise.objects.filter(pk=ez.enterprises[0].pk).update(settled_on=date(2021, 3, 1))
    Enterprise.objects.filter(pk=ez.enterprises[1].pk).update(settled_on=date(2018, 1, 1))
    Enterprise.objects.filter(pk=ez.enterprises[3].pk).update(settled_on=date(2018, 1, 1))
    Enterprise.objects.create(
        unit=ez.unit, uscc=with_check("91370125MA3G00001"), name="四新规上", tag_new_model=True, tag_above_scale=True
    )
    units = [ez.unit.pk, jy_enterprise.unit_id]
    before = _all(units, date(2021, 1, 1))
    # On 2021-01-01: 齐鲁智造 and 华宇零部件 (settled 2018, leaves 2021-06-30); 鲁味 settles later, 黄河饮品 and
    # 四新规上 have no 入园日期 and count from the day they were registered in the system (today).
    assert before["in_zone"] == {(ez.unit.pk, None): Value(2)}
    today = clock.today()
    with django_assert_num_queries(1):
        now = _all(units, today)
    assert now["in_zone"] == {(ez.unit.pk, None): Value(4), (jy_enterprise.unit_id, None): Value(1)}
    assert now["above_scale"] == {(ez.unit.pk, None): Value(2)}
    assert now["four_new"] == {(ez.unit.pk, None): Value(2)}


def test_the_manifest_publishes_the_three_figures_with_their_lists():
    metrics = {m.key: m for m in module("enterprise").metrics}
    assert [metrics[k].label for k in ("enterprises_in_zone", "enterprises_above_scale", "enterprises_four_new")] == [
        "在园企业",
        "规上企业",
        "四新企业",
    ]
    assert all(m.measure == "家" for m in metrics.values() if m.key.startswith("enterprises_"))
