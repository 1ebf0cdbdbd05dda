"""Tags as typed in a ledger and the figures derived from an enterprise's yearly figures."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import figures, tags


@pytest.mark.parametrize(
    ("text", "fields", "unknown"),
    [
        ("", set(), []),
        ("新技术、规上", {"tag_new_technology", "tag_above_scale"}, []),
        ("高新，专精特新; 新模式", {"tag_high_tech", "tag_specialized", "tag_new_model"}, []),
        ("规模以上 高企", {"tag_above_scale", "tag_high_tech"}, []),
        ("新技术、独角兽", {"tag_new_technology"}, ["独角兽"]),
    ],
)
def test_tags_are_read_as_townships_type_them(text, fields, unknown):
    assert tags.parse(text) == (frozenset(fields), unknown)


@pytest.mark.parametrize(
    ("fields", "four_new"),
    [
        ({"tag_new_technology"}, True),
        ({"tag_new_industry", "tag_high_tech"}, True),
        ({"tag_new_format"}, True),
        ({"tag_new_model"}, True),
        ({"tag_high_tech", "tag_above_scale", "tag_specialized"}, False),
        (set(), False),
    ],
)
def test_four_new_is_any_of_the_first_four(fields, four_new):
    assert tags.is_four_new(fields) is four_new


def test_labels_follow_the_tables_order():
    assert tags.labels({"tag_above_scale", "tag_new_technology"}) == ["新技术", "规上"]


@pytest.mark.parametrize(
    ("tax", "land", "expected"),
    [("500", "50", "10.00"), ("100", "3", "33.33"), ("200", "3", "66.67"), ("1", "0", None), (None, "5", None)],
)
def test_tax_per_mu_is_rounded_half_up(tax, land, expected):
    result = figures.tax_per_mu(Decimal(tax) if tax else None, Decimal(land))
    assert result == (Decimal(expected) if expected else None)


def test_rd_intensity_and_energy_per_output():
    assert figures.rd_intensity(Decimal(300), Decimal(10000)) == Decimal("3.00")
    assert figures.rd_intensity(Decimal(1), Decimal(0)) is None
    assert figures.energy_per_output(Decimal(800), Decimal(12000)) == Decimal("0.0667")


@given(st.decimals(min_value=0, max_value=10**8, places=2), st.decimals(min_value="0.01", max_value=10**5, places=2))
def test_tax_per_mu_times_land_is_within_half_a_cent_per_mu_of_the_tax(tax, land):
    per_mu = figures.tax_per_mu(tax, land)
    assert abs(per_mu * land - tax) <= Decimal("0.005") * land
