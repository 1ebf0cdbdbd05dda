"""链长制 rules: a link is a gap exactly when no active enterprise is on it; the three columns; a chain's 亩均税收."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import chains as rules

STATUSES = ["active", "left", "closed"]


@pytest.mark.parametrize(
    ("links", "placements", "expected"),
    [
        ([1, 2, 3], [], {1, 2, 3}),
        ([1, 2, 3], [(1, "active"), (3, "active")], {2}),
        ([1, 2], [(1, "left"), (2, "closed")], {1, 2}),  # who left the zone fills nothing
        ([1, 2], [(1, "left"), (1, "active"), (2, "active")], set()),
        ([1], [(9, "active")], {1}),  # a placement on another chain's link
        ([], [(1, "active")], set()),
    ],
)
def test_gaps_table(links, placements, expected):
    assert rules.gaps(links, placements) == expected


@given(
    links=st.sets(st.integers(1, 30), max_size=12),
    placements=st.lists(st.tuples(st.integers(1, 30), st.sampled_from(STATUSES)), max_size=40),
)
def test_a_link_is_a_gap_iff_no_active_enterprise_is_placed_on_it(links, placements):
    found = rules.gaps(links, placements)
    assert found <= links
    for link in links:
        has_active = any(on == link and status == "active" for on, status in placements)
        assert (link in found) is not has_active


@given(st.lists(st.sampled_from(["up", "mid", "down"]), max_size=15))
def test_the_columns_keep_every_link_once_in_order_under_its_position(positions):
    links = [SimpleNamespace(n=n, position=p) for n, p in enumerate(positions)]
    columns = rules.columns(links)
    assert [label for _, label, _ in columns] == ["上游", "中游", "下游"]
    for code, _, column in columns:
        assert all(link.position == code for link in column)
        assert [link.n for link in column] == sorted(link.n for link in column)
    assert sum(len(column) for _, _, column in columns) == len(links)


def test_a_chains_tax_per_mu_is_its_taxed_sum_over_its_land_half_up():
    year = rules.ChainYear(2020, 3, Decimal(100), Decimal(30), None, Decimal("20.005"), Decimal(2))
    assert year.tax_per_mu == Decimal("10.00")  # 10.0025 → 10.00
    assert rules.ChainYear(2020, 1, None, None, None, Decimal(5), None).tax_per_mu is None
    assert rules.ChainYear(2020, 1, None, None, None, Decimal("1.005"), Decimal(1)).tax_per_mu == Decimal("1.01")


def test_the_chart_has_three_bars_and_the_tax_per_mu_line_on_its_own_axis():
    years = [rules.ChainYear(2019, 2, Decimal("1.5"), None, Decimal(3), Decimal(2), Decimal(4))]
    chart = rules.chart(years)
    assert chart["years"] == [2019]
    assert [s["name"] for s in chart["series"]] == ["营业收入", "税收", "工业总产值", "亩均税收"]
    assert chart["series"][0]["data"] == [1.5] and chart["series"][1]["data"] == [None]
    assert chart["series"][3] == {"name": "亩均税收", "type": "line", "axis": 1, "data": [0.5]}
