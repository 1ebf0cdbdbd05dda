"""The assistance rules as 新市镇 adopted them: tables of cases and properties."""

from datetime import date, datetime, timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.assistance.rules import (
    DEFAULT_DEADLINE_DAYS,
    PROBLEM_CATEGORIES,
    ArchiveFacts,
    Compliance,
    InvalidVisit,
    MemberFacts,
    Month,
    ProblemTimes,
    VisitFacts,
    VisitRule,
    archive_findings,
    card_matches,
    category_of_topic,
    check_visit_times,
    days_left,
    deadline_days,
    distance_metres,
    due_date,
    duration_ranges,
    far_from_home,
    is_overdue,
    late_entries,
    required_visits,
    roster_differences,
    rule_on,
    timeliness,
    training_dates,
    visit_minutes,
    visit_validity,
)
from taizhang.registry.rules import compose_id_number, luhn_check_digit

CST = timezone(timedelta(hours=8))
TOWN = [VisitRule(date(2020, 1, 1), 2, 30)]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CST)


# --- duration -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, minutes, counts",
    [
        ("2026-03-05 09:00", "2026-03-05 09:30", 30, True),  # exactly 30 minutes counts
        ("2026-03-05 09:00", "2026-03-05 09:29", 29, False),  # 29 does not
        ("2026-03-05 09:00:00", "2026-03-05 09:29:59", 29, False),  # nor 29 min 59 s
        ("2026-03-05 09:00", "2026-03-05 10:45", 105, True),
        ("2026-03-05 23:45", "2026-03-06 00:20", 35, True),  # across midnight
    ],
)
def test_a_visit_counts_from_thirty_whole_minutes(start, end, minutes, counts):
    assert visit_minutes(at(start), at(end)) == minutes
    assert visit_validity(day=at(start).date(), minutes=minutes, voided=False, rules=TOWN)[0] is counts


def test_a_short_visit_is_kept_with_its_reason():
    assert visit_validity(day=date(2026, 3, 5), minutes=20, voided=False, rules=TOWN) == (
        False,
        "走访时长 20 分钟，不足 30 分钟",
    )


def test_a_voided_visit_never_counts():
    assert visit_validity(day=date(2026, 3, 5), minutes=90, voided=True, rules=TOWN) == (False, "已作废")


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("2026-03-05 10:00", "2026-03-05 09:00", "结束时间必须晚于开始时间"),
        ("2026-03-05 10:00", "2026-03-05 10:00", "结束时间必须晚于开始时间"),
        ("2026-03-11 09:00", "2026-03-11 10:00", "走访开始时间不能晚于现在"),  # a date in the future
        ("2026-03-10 11:30", "2026-03-10 12:30", "走访结束时间不能晚于现在"),
        ("2026-03-05 06:00", "2026-03-05 19:00", "一次走访超过12小时"),
    ],
)
def test_impossible_times_are_refused(start, end, message):
    with pytest.raises(InvalidVisit) as error:
        check_visit_times(at(start), at(end), now=at("2026-03-10 12:00"))
    assert message in error.value.message


def test_a_phone_clock_a_little_ahead_is_tolerated():
    check_visit_times(at("2026-03-10 11:00"), at("2026-03-10 12:03"), now=at("2026-03-10 12:00"))


# --- rule versions ------------------------------------------------------------------------------

VERSIONS = [VisitRule(date(2020, 1, 1), 2, 30), VisitRule(date(2026, 3, 15), 3, 45), VisitRule(date(2026, 5, 1), 4, 40)]


@pytest.mark.parametrize(
    "day, minimum",
    [
        (date(2019, 12, 31), 30),  # before any version: the town's default
        (date(2026, 3, 14), 30),  # the day before a change: the old rule
        (date(2026, 3, 15), 45),  # from its effective date
        (date(2026, 4, 30), 45),
        (date(2026, 5, 1), 40),
    ],
)
def test_a_visit_is_judged_by_the_rule_of_its_day(day, minimum):
    assert rule_on(VERSIONS, day).min_minutes == minimum
    assert visit_validity(day=day, minutes=minimum, voided=False, rules=VERSIONS)[0]
    assert not visit_validity(day=day, minutes=minimum - 1, voided=False, rules=VERSIONS)[0]


@pytest.mark.parametrize("month, required", [("2026-02", 2), ("2026-03", 2), ("2026-04", 3), ("2026-05", 4)])
def test_a_months_requirement_is_the_rule_on_its_first_day(month, required):
    assert required_visits(VERSIONS, Month.parse(month)) == required


def test_a_month_with_a_change_is_cut_into_ranges():
    assert duration_ranges(VERSIONS, Month(2026, 3)) == [
        (date(2026, 3, 1), date(2026, 3, 14), 30),
        (date(2026, 3, 15), date(2026, 3, 31), 45),
    ]
    assert duration_ranges(VERSIONS, Month(2026, 4)) == [(date(2026, 4, 1), date(2026, 4, 30), 45)]


@given(
    st.lists(
        st.builds(VisitRule, st.dates(date(2020, 1, 1), date(2027, 12, 31)), st.integers(1, 6), st.integers(1, 120)),
        max_size=5,
    ),
    st.dates(date(2020, 1, 1), date(2027, 12, 31)),
)
def test_ranges_cover_the_month_and_agree_with_rule_on(rules, day):
    month = Month.of(day)
    ranges = duration_ranges(rules, month)
    assert ranges[0][0] == month.first_day and ranges[-1][1] == month.last_day
    assert all(a[1] + timedelta(days=1) == b[0] for a, b in pairwise(ranges))
    start, end, minimum = next(r for r in ranges if r[0] <= day <= r[1])
    assert minimum == rule_on(rules, day).min_minutes


# --- months -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, month",
    [
        ("2026-03", Month(2026, 3)),
        ("2026-3", Month(2026, 3)),
        ("2026年3月", Month(2026, 3)),
        (" 2026/12 ", Month(2026, 12)),
    ],
)
def test_months_are_read_as_people_write_them(text, month):
    assert Month.parse(text) == month


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-03", "三月", ""])
def test_a_bad_month_is_refused_in_chinese(text):
    with pytest.raises(ValueError, match="应为 YYYY-MM"):
        Month.parse(text)


def test_the_last_day_of_the_previous_month_is_not_in_the_month():
    march = Month(2026, 3)
    assert not (march.first_day <= date(2026, 2, 28) <= march.last_day)
    assert march.previous() == Month(2026, 2) and Month(2026, 12).next() == Month(2027, 1)
    assert Month(2024, 2).last_day == date(2024, 2, 29)


@pytest.mark.parametrize(
    "today, left", [(date(2026, 3, 1), 31), (date(2026, 3, 31), 1), (date(2026, 4, 1), 0), (date(2026, 2, 20), 31)]
)
def test_days_left_in_the_month(today, left):
    assert days_left(Month(2026, 3), today) == left


@pytest.mark.parametrize(
    "valid, required, label, missing", [(0, 2, "未达标", 2), (1, 2, "未达标", 1), (2, 2, "达标", 0), (5, 2, "达标", 0)]
)
def test_compliance(valid, required, label, missing):
    result = Compliance(valid, required)
    assert (result.label, result.missing, result.met) == (label, missing, label == "达标")


# --- authenticity signals -----------------------------------------------------------------------


def facts(id, household, start, end, text="", helper=7, recorded=None, start_position=None):
    return VisitFacts(id, household, helper, at(start), at(end), at(recorded or end), text, start_position)


NOTE = "家中水管正常，房屋安全，档案齐全，与户主拉家常了解务工情况"


def test_late_entries_are_flagged_after_three_days():
    visits = [
        facts(1, 10, "2026-03-01 09:00", "2026-03-01 09:40", recorded="2026-03-04 09:39"),
        facts(2, 10, "2026-03-01 10:00", "2026-03-01 10:40", recorded="2026-03-05 10:41"),
    ]
    assert [s.visit_ids for s in late_entries(visits)] == [(2,)]


def test_distance_and_far_from_home():
    home = (36.9784, 117.1769)
    assert distance_metres(home, home) == 0
    assert 1045 < distance_metres(home, (36.9784, 117.1887)) < 1052  # 0.0118° × 111.2 km × cos 37°
    visits = [
        facts(1, 10, "2026-03-05 09:00", "2026-03-05 09:40", start_position=(36.9785, 117.1770)),
        facts(2, 10, "2026-03-06 09:00", "2026-03-06 09:40", start_position=(36.9784, 117.1887)),
        facts(3, 11, "2026-03-06 10:00", "2026-03-06 10:40", start_position=(36.0, 117.0)),
    ]  # no home known
    [signal] = far_from_home(visits, {10: home})
    assert signal.visit_ids == (2,) and "米" in signal.detail


# --- problems -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "topic, category", [("饮水", "饮水"), ("住房安全", "住房安全"), ("档案资料", "其他"), ("家庭情况", "其他")]
)
def test_a_checklist_items_problem_is_filed_under_its_topic_or_other(topic, category):
    assert category_of_topic(topic) == category


@given(st.text(max_size=6))
def test_a_checklist_topic_always_maps_to_a_problem_category(topic):
    assert category_of_topic(topic) in PROBLEM_CATEGORIES


@pytest.mark.parametrize("category, days", [("饮水", 7), ("住房安全", 15), ("就业", 30), ("不认识的", 15)])
def test_deadlines_by_category(category, days):
    assert deadline_days(category) == days
    assert due_date(date(2026, 3, 1), category) == date(2026, 3, 1) + timedelta(days=days)


def test_a_unit_may_set_its_own_deadline():
    assert deadline_days("饮水", {"饮水": 3}) == 3 and deadline_days("医疗", {"饮水": 3}) == 7
    assert set(DEFAULT_DEADLINE_DAYS) == set(PROBLEM_CATEGORIES)


@pytest.mark.parametrize(
    "due, resolved, today, overdue",
    [
        (date(2026, 3, 8), None, date(2026, 3, 8), False),  # due today: not yet
        (date(2026, 3, 8), None, date(2026, 3, 9), True),
        (date(2026, 3, 8), date(2026, 3, 8), date(2026, 4, 1), False),  # resolved on the day
        (date(2026, 3, 8), date(2026, 3, 10), date(2026, 4, 1), True),  # resolved late stays late
        (None, None, date(2026, 4, 1), False),  # not handed over yet
    ],
)
def test_overdue(due, resolved, today, overdue):
    assert is_overdue(due, resolved, today) is overdue


def test_timeliness_figures():
    d = date
    figures = timeliness(
        [
            ProblemTimes(d(2026, 3, 1), d(2026, 3, 1), d(2026, 3, 8), d(2026, 3, 5)),  # reported same day, in time
            ProblemTimes(d(2026, 3, 1), d(2026, 3, 3), d(2026, 3, 10), d(2026, 3, 12)),  # 2 days to report, late
            ProblemTimes(d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 9), None),  # open and overdue
            ProblemTimes(d(2026, 3, 9), None, None, None),  # found, not reported
        ],
        today=d(2026, 3, 20),
    )
    assert (figures.problems, figures.reported, figures.resolved, figures.resolved_in_time, figures.overdue_open) == (
        4,
        3,
        2,
        1,
        1,
    )
    assert figures.days_to_report == pytest.approx(2 / 3) and figures.days_to_resolve == pytest.approx((4 + 9) / 2)


# --- trainings ----------------------------------------------------------------------------------


def test_a_biweekly_schedule():
    assert training_dates(date(2026, 1, 5), date(2026, 2, 16)) == [
        date(2026, 1, 5),
        date(2026, 1, 19),
        date(2026, 2, 2),
        date(2026, 2, 16),
    ]
    assert training_dates(date(2026, 1, 5), date(2026, 1, 4)) == []
    assert training_dates(date(2026, 1, 5), date(2026, 1, 31), 7)[-1] == date(2026, 1, 26)


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(0, 400), st.integers(1, 60))
def test_schedule_properties(start, length, interval):
    dates = training_dates(start, start + timedelta(days=length), interval)
    assert dates[0] == start and len(dates) == length // interval + 1
    assert all((b - a).days == interval for a, b in pairwise(dates))


# --- the archive audit --------------------------------------------------------------------------

HEAD_ID = compose_id_number("370125", date(1960, 3, 1), 11)
WIFE_ID = compose_id_number("370125", date(1962, 5, 2), 22)
CHILD_ID = compose_id_number("370125", date(2012, 9, 1), 33)
ACCOUNT = "622848012345678901" + luhn_check_digit("622848012345678901")


def family(**overrides):
    members = (
        MemberFacts("张三", HEAD_ID, True, False, False),
        MemberFacts("李梅", WIFE_ID, True, False, True),
        MemberFacts("张乐", CHILD_ID, True, True, False),
    )
    values = dict(
        phone="13812345678",
        bank_account=ACCOUNT,
        account_holder="张三",
        archive_family_size=3,
        members=members,
        documents=frozenset({"身份证复印件", "帮扶计划"}),
        required_documents=("身份证复印件", "帮扶计划"),
    )
    return ArchiveFacts(**(values | overrides))


def details(findings):
    return [(f.kind, f.item, f.detail) for f in findings]


def test_a_complete_archive_has_no_findings():
    assert archive_findings(family(), today=date(2026, 3, 1)) == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"phone": ""}, ("missing", "联系电话", "没有联系电话")),
        ({"phone": "1381234"}, ("wrong", "联系电话", None)),
        ({"bank_account": ""}, ("missing", "银行账号", "没有银行账号，帮扶资金无法发放")),
        ({"bank_account": ACCOUNT[:-1] + str((int(ACCOUNT[-1]) + 1) % 10)}, ("wrong", "银行账号", None)),
        ({"account_holder": "王五"}, ("wrong", "银行账号", "持卡人“王五”不是本户在世成员")),
        ({"archive_family_size": 4}, ("wrong", "家庭成员", "档案记载 4 人，户籍台账在世成员 3 人")),
        ({"documents": frozenset({"身份证复印件"})}, ("missing", "帮扶计划", "缺少帮扶计划")),
        ({"members": ()}, ("missing", "家庭成员", "没有家庭成员")),
    ],
)
def test_each_missing_or_wrong_item(overrides, expected):
    found = details(archive_findings(family(**overrides), today=date(2026, 3, 1)))
    assert any(f[:2] == expected[:2] and (expected[2] is None or f[2] == expected[2]) for f in found), found


def test_a_deceased_member_still_listed_and_a_bad_id():
    members = (
        MemberFacts("张三", HEAD_ID, False, False, False),
        MemberFacts("李梅", WIFE_ID[:-1] + "0", True, False, False),
    )
    found = details(
        archive_findings(family(members=members, archive_family_size=1, account_holder="李梅"), today=date(2026, 3, 1))
    )
    assert ("wrong", "家庭成员", "张三已死亡或注销，仍列为家庭成员") in found
    assert any(f[2].startswith("李梅的身份证号有误") for f in found)


def test_findings_have_stable_keys():
    first = archive_findings(family(phone=""), today=date(2026, 3, 1))
    again = archive_findings(family(phone=""), today=date(2026, 4, 1))
    assert [f.key for f in first] == [f.key for f in again]


def test_rosters_cross_checked_both_ways():
    rosters = {"disability": {HEAD_ID}, "school": set(), "insurance": {HEAD_ID, WIFE_ID}, "dibao": {WIFE_ID}}
    found = details(roster_differences(family(), rosters))
    assert found == [
        ("wrong", "残疾人保障", "张三在残联名册中，户籍台账未登记残疾"),
        ("wrong", "残疾人保障", "李梅登记为残疾，残联名册中没有"),
        ("wrong", "教育", "张乐登记为在校生，学籍名册中没有"),
        ("wrong", "医疗", "张乐不在医保参保名册中"),
        ("wrong", "低保", "低保名册中有本户成员，户未标注“低保”"),
    ]
    assert roster_differences(family(), {}) == []  # no roster imported, nothing compared
    assert roster_differences(family(tags=frozenset({"低保"})), {"dibao": {WIFE_ID}}) == []


def test_furniture_bought_delivered_and_owed():
    from taizhang.assistance.rules import furniture_balance

    balance = furniture_balance(
        [("床", 2, True), ("床", 1, False), ("椅", 4, False), ("柜", 1, True)], [("床", 3), ("椅", 2), ("桌", 1)]
    )
    assert [(b.item, b.needed, b.bought, b.delivered, b.owed, b.to_buy) for b in balance] == [
        ("床", 3, 3, 2, 1, 0),
        ("桌", 0, 1, 0, 0, 0),
        ("椅", 4, 2, 0, 4, 2),
        ("柜", 1, 0, 1, 0, 0),
    ]


def test_benefits_the_registry_already_shows():
    from taizhang.assistance.rules import derived_benefits

    members = [
        MemberFacts("张三", HEAD_ID, True, False, True),
        MemberFacts("张乐", CHILD_ID, True, True, False),
        MemberFacts("张老", WIFE_ID, False, False, True),
    ]
    assert derived_benefits(members, {"低保"}) == ["教育资助：在校生 张乐", "残疾人两项补贴：张三", "城乡低保"]
    assert derived_benefits([], []) == []


# --- the helper's household cards -----------------------------------------------------------------

CARD = {"household_no": "XS003", "address": "新市村和平路 8 号", "names": ["王建国", "刘芳"], "initials": ["wjg", "lf"]}


@pytest.mark.parametrize(
    "query, found",
    [
        ("", True),
        ("  ", True),
        ("xs003", True),  # 户编号, any case
        ("003", True),
        ("和平路8号", True),  # the address, spaces ignored
        ("刘芳", True),  # a member, not only the head
        ("建国", True),
        ("wj", True),  # pinyin initials from the start
        ("WJG", True),
        ("jg", False),  # initials only from the start of a name
        ("张三", False),
        ("xs004", False),
    ],
)
def test_a_card_is_found_by_number_address_name_or_initials(query, found):
    assert card_matches(query, **CARD) is found


@given(st.from_regex(r"[A-Za-z0-9\u4e00-\u9fff-]{0,8}", fullmatch=True))
def test_a_card_is_found_by_any_part_of_its_number(text):
    number = "XS" + text
    assert card_matches(text, household_no=number, address="", names=[], initials=[])
