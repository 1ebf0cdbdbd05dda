"""The coverage rule of a police extract: partial when a community of the project is missing or the total share of
the project's persons found is under the floor (80 %: a genuine extract misses a few persons, the 公安无此人 the check is for)."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules import Coverage, coverage_total, coverage_warnings


@pytest.mark.parametrize(
    "rows, warnings",
    [
        ([Coverage("城里居", 100, 100), Coverage("东关居", 50, 50)], 0),
        ([Coverage("城里居", 100, 80)], 0),  # 80 % exactly passes
        ([Coverage("城里居", 100, 79)], 1),
        ([Coverage("城里居", 1000, 1000), Coverage("东关居", 10, 0)], 1),  # total 99 %, but a community missing
        ([Coverage("城里居", 1250, 3), Coverage("东关居", 1250, 0)], 2),  # the 3-of-2,500 extract
        ([Coverage("城里居", 100, 100), Coverage("东关居", 0, 0)], 0),  # a community without persons
        ([], 0),
    ],
)
def test_the_coverage_rule(rows, warnings):
    assert len(coverage_warnings(rows)) == warnings


def test_the_warnings_name_the_community_and_the_share():
    warnings = coverage_warnings([Coverage("城里居", 1250, 3), Coverage("东关居", 1250, 0)])
    assert warnings[0] == "东关居：文件中没有该村居的任何人员（0/1250）"
    assert "3/2500" in warnings[1] and "0.1%" in warnings[1]


communities = st.lists(st.integers(0, 500).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))), max_size=6).map(
    lambda pairs: [Coverage(f"村{i}", n, f) for i, (n, f) in enumerate(pairs)]
)


@given(communities)
def test_a_full_extract_is_never_partial_and_a_partial_one_has_a_reason(rows):
    full = [Coverage(c.community, c.persons, c.persons) for c in rows]
    assert coverage_warnings(full) == []
    total = coverage_total(rows)
    missing = any(c.persons and not c.found for c in rows)
    assert bool(coverage_warnings(rows)) == (missing or (total.persons > 0 and total.share < Fraction(4, 5)))


@given(communities, st.integers(0, 5))
def test_finding_more_persons_never_adds_a_warning(rows, extra):
    more = [Coverage(c.community, c.persons, min(c.persons, c.found + extra)) for c in rows]
    assert len(coverage_warnings(more)) <= len(coverage_warnings(rows))
