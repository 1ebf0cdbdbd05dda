"""Targets and actuals are shown as written, not with the four decimals the field keeps."""

from decimal import Decimal

import pytest

from taizhang.people.templatetags.people import figure


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1.1400"), "1.14"),
        (Decimal("100.0000"), "100"),
        (Decimal("0.5200"), "0.52"),
        (Decimal("96.5000"), "96.5"),
        (Decimal("0.0000"), "0"),
        (Decimal("1200"), "1200"),
        (None, ""),
    ],
)
def test_a_figure_is_shown_without_trailing_zeros(value, shown):
    assert figure(value) == shown
