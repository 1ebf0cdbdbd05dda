"""Reading the registry ledgers' numbers (万元, 亩, 吨标准煤) and what an import row changes: tables and properties."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules.registry import as_json, changed, parse_amount, parse_energy, parse_land


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", None),
        ("  ", None),
        ("1285.6", Decimal("1285.6000")),
        ("12,000.5", Decimal("12000.5000")),
        ("12，000", Decimal("12000.0000")),
        ("0.00005", Decimal("0.0001")),  # half up to the yuan
        ("0.00004", Decimal("0.0000")),
        ("0", Decimal("0.0000")),
    ],
)
def test_amounts_in_wan_yuan_are_read_to_four_decimals(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [("abc", "应是数字"), ("-1", "不能为负数"), ("1e20", "数值过大"), ("NaN", "应是数字"), ("Infinity", "应是数字")],
)
def test_what_is_not_an_amount_is_refused_with_its_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_amount(text)


def test_land_and_energy_keep_two_decimals():
    assert parse_land("35.555") == Decimal("35.56") and parse_energy("860") == Decimal("860.00")
    with pytest.raises(ValueError, match="过大"):
        parse_land("10000000")


@given(st.decimals(min_value=0, max_value=Decimal(10) ** 10, places=4, allow_nan=False))
def test_an_amount_written_with_thousands_separators_reads_back_to_itself(value):
    assert parse_amount(f"{value:,}") == value


@given(
    st.dictionaries(st.sampled_from("abcde"), st.integers(0, 3)),
    st.dictionaries(st.sampled_from("abcde"), st.integers(0, 3)),
)
def test_changed_names_exactly_the_fields_that_differ(before, after):
    changes = changed(before, after)
    assert set(changes) == {k for k in after if before.get(k) != after[k]}
    assert all(changes[k] == [before.get(k), after[k]] for k in changes)


def test_json_values_keep_decimals_as_written_and_sort_sets():
    assert as_json(Decimal("1.50")) == "1.50" and as_json({3, 1}) == [1, 3] and as_json(None) is None
