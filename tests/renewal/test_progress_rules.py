"""The brief's sentence, the chart's points and the cumulative counts: pure rules, tables and properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules import ProgressFigures, brief_text, cumulative_counts, progress_points

TODAY = date(2020, 11, 20)
FOUR = ["城里居", "东关居", "南关居", "西关居"]
ISSUE = ProgressFigures(households=1200, measured=907, courtyards=932, factories=5, determined=206)


@pytest.mark.parametrize(
    "as_of, communities, figures, text",
    [
        # the issue's example, word for word
        (
            TODAY,
            FOUR,
            ISSUE,
            "截至目前,城里居、东关居、南关居、西关居累计测量907户,测量院落932个,测量厂房5所,人口界定206户。",
        ),
        (
            date(2020, 9, 15),
            FOUR,
            ISSUE,
            "截至2020年9月15日,城里居、东关居、南关居、西关居累计测量907户,测量院落932个,测量厂房5所,人口界定206户。",
        ),
        (
            date(2020, 10, 1),
            ["城里居"],
            ProgressFigures(measured=12, courtyards=13),
            "截至2020年10月1日,城里居累计测量12户,测量院落13个。",
        ),  # no factory, none determined yet
        (
            TODAY,
            ["城里居"],
            ProgressFigures(measured=12, courtyards=13, determined=3),
            "截至目前,城里居累计测量12户,测量院落13个,人口界定3户。",
        ),
        (
            TODAY,
            ["城里居", "东关居"],
            ProgressFigures(households=30),
            "截至目前,城里居、东关居尚未开始测量和人口界定。",
        ),
        (
            TODAY,
            FOUR,
            ProgressFigures(measured=907, courtyards=932, factories=5, determined=206, signed=81, vacated=40),
            "截至目前,城里居、东关居、南关居、西关居累计测量907户,测量院落932个,测量厂房5所,人口界定206户。"
            "累计签约81户,腾空40户。",
        ),
        (
            TODAY,
            ["城里居"],
            ProgressFigures(measured=2, courtyards=2, signed=1),
            "截至目前,城里居累计测量2户,测量院落2个。累计签约1户。",
        ),
        (
            TODAY,
            ["城里居"],
            ProgressFigures(measured=2, courtyards=2, violations_found=3),
            "截至目前,城里居累计测量2户,测量院落2个。控违拆违发现违法建设3处。",
        ),
        (
            TODAY,
            ["城里居"],
            ProgressFigures(measured=2, courtyards=2, signed=2, vacated=1, violations_found=3, violations_demolished=2),
            "截至目前,城里居累计测量2户,测量院落2个。累计签约2户,腾空1户。控违拆违发现违法建设3处,拆除2处。",
        ),
    ],
)
def test_the_brief(as_of, communities, figures, text):
    assert brief_text(as_of, TODAY, communities, figures) == text


figures_strategy = st.builds(ProgressFigures, *[st.integers(0, 10_000)] * 9)


@given(figures_strategy, st.dates(date(2018, 1, 1), date(2030, 12, 31)))
def test_the_brief_is_one_paragraph_of_sentences_naming_every_figure_of_work_begun(figures, as_of):
    text = brief_text(as_of, TODAY, FOUR, figures)
    assert text.endswith("。") and "\n" not in text
    assert text.startswith("截至目前," if as_of == TODAY else f"截至{as_of.year}年{as_of.month}月{as_of.day}日,")
    for value, words in (
        (figures.signed, "签约"),
        (figures.vacated, "腾空"),
        (figures.factories, "测量厂房"),
        (figures.determined, "人口界定"),
        (figures.violations_demolished, "拆除"),
    ):
        assert (f"{words}{value}" in text) == bool(value)


def test_the_figures_add_up():
    assert ProgressFigures(measured=1, signed=2) + ProgressFigures(measured=3) == ProgressFigures(measured=4, signed=2)


@pytest.mark.parametrize(
    "start, end, points",
    [
        (date(2020, 5, 1), date(2020, 5, 1), [date(2020, 5, 1)]),
        (date(2020, 5, 1), date(2020, 4, 1), [date(2020, 4, 1)]),  # before the start: just the day
        (date(2020, 5, 1), date(2020, 5, 7), [date(2020, 5, 7)]),
        (date(2020, 5, 1), date(2020, 5, 8), [date(2020, 5, 7), date(2020, 5, 8)]),
        (date(2020, 5, 1), date(2020, 5, 20), [date(2020, 5, 7), date(2020, 5, 14), date(2020, 5, 20)]),
        (
            date(2020, 5, 1),
            date(2021, 2, 3),
            [date(2020, m, 1) - timedelta(days=1) for m in range(6, 13)]
            + [date(2020, 12, 31), date(2021, 1, 31), date(2021, 2, 3)],
        ),  # over half a year: by the month
    ],
)
def test_the_chart_points(start, end, points):
    assert progress_points(start, end) == points


@given(st.dates(date(2015, 1, 1), date(2030, 1, 1)), st.integers(0, 2000))
def test_the_points_rise_and_end_on_the_day(start, days):
    end = start + timedelta(days=days)
    points = progress_points(start, end)
    assert points[-1] == end and points == sorted(set(points))
    assert len(points) <= 27 + days // 28  # a readable chart: weeks for half a year, months beyond


def test_cumulative_counts_table():
    daily = {date(2020, 5, 3): 2, date(2020, 5, 7): 1, date(2020, 5, 9): 4, date(2020, 4, 20): 1}
    points = [date(2020, 5, 6), date(2020, 5, 7), date(2020, 5, 8), date(2020, 5, 31)]
    assert cumulative_counts(daily, points) == [3, 4, 4, 8]
    assert cumulative_counts({}, points) == [0, 0, 0, 0]


@given(
    st.dictionaries(st.dates(date(2020, 1, 1), date(2021, 12, 31)), st.integers(1, 50)),
    st.lists(st.dates(date(2020, 1, 1), date(2021, 12, 31)), min_size=1, unique=True),
)
def test_cumulative_counts_are_what_counting_by_hand_gives(daily, points):
    points = sorted(points)
    counted = cumulative_counts(daily, points)
    assert counted == [sum(n for day, n in daily.items() if day <= point) for point in points]
    assert counted == sorted(counted)
