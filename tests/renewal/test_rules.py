"""Renewal rules: population determination, compensation by a published policy, the police-data cross-check."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules import (
    COUNTED,
    NOT_COUNTED,
    PENDING,
    Building,
    Case,
    Clause,
    Deadline,
    DeterminationRules,
    LedgerPerson,
    PersonFacts,
    PoliceRecord,
    Policy,
    category_counts,
    crosscheck,
    determine,
    difference,
    household_determined,
    monetary,
    names_match,
    normalise_id,
    property_exchange,
    yuan,
)

FREEZE = date(2020, 6, 1)
RULES = DeterminationRules(FREEZE, newborn_cutoff=date(2020, 12, 31), marriage_cutoff=date(2020, 9, 30))


# --- determination -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "facts, verdict, reason",
    [
        (PersonFacts(date(1990, 3, 1)), COUNTED, "冻结日（2020-06-01）户籍在册"),
        (PersonFacts(FREEZE), COUNTED, "冻结日（2020-06-01）户籍在册"),  # moved in on the freeze date
        (PersonFacts(date(2020, 6, 2)), NOT_COUNTED, "冻结日后（2020-06-02）迁入"),  # the day after
        (PersonFacts(date(1990, 3, 1), resident=False), NOT_COUNTED, "空挂户：户籍在此但未实际居住"),
        (PersonFacts(None), PENDING, "迁入日期不明，待与派出所核实"),
        (PersonFacts(date(1990, 3, 1), left_on=date(2019, 9, 1)), NOT_COUNTED, "2019-09-01 已迁出或注销，冻结日不在册"),
        (
            PersonFacts(date(1990, 3, 1), left_on=date(2020, 7, 1)),
            COUNTED,
            "冻结日（2020-06-01）户籍在册",
        ),  # left after
        (
            PersonFacts(date(2001, 3, 1), left_on=date(2019, 9, 1), left_for="college"),
            COUNTED,
            "在校大学生（户口迁往学校），冻结前户口迁出，按政策认定",
        ),
        (
            PersonFacts(date(2001, 3, 1), left_on=date(2018, 9, 1), left_for="soldier"),
            COUNTED,
            "现役军人，冻结前户口迁出，按政策认定",
        ),
        (
            PersonFacts(date(1980, 3, 1), left_on=date(2018, 9, 1), left_for="custody"),
            COUNTED,
            "服刑、羁押人员，冻结前户口迁出，按政策认定",
        ),
        (
            PersonFacts(date(2020, 8, 1), born_on=date(2020, 7, 20)),
            COUNTED,
            "冻结后出生、2020-12-31 前出生的子女，按政策认定",
        ),
        (PersonFacts(date(2021, 2, 1), born_on=date(2021, 1, 5)), NOT_COUNTED, "冻结日后（2021-02-01）迁入"),
        (
            PersonFacts(date(2020, 11, 1), married_in_on=date(2020, 9, 30)),
            COUNTED,
            "2020-09-30 前婚入的配偶，按政策认定",
        ),
        (PersonFacts(date(2020, 11, 1), married_in_on=date(2020, 10, 1)), NOT_COUNTED, "冻结日后（2020-11-01）迁入"),
    ],
)
def test_determination_cases(facts, verdict, reason):
    assert determine(facts, RULES) == (verdict, reason)


def test_a_special_case_the_project_does_not_count():
    rules = DeterminationRules(FREEZE, counted_special_cases=frozenset({"soldier"}))
    assert determine(PersonFacts(date(2001, 3, 1), left_on=date(2019, 9, 1), left_for="custody"), rules) == (
        NOT_COUNTED,
        "服刑、羁押人员，本项目规则不予认定",
    )


@given(st.dates(date(1950, 1, 1), date(2030, 1, 1)))
def test_the_freeze_date_is_the_boundary(moved_in):
    verdict, _ = determine(PersonFacts(moved_in), DeterminationRules(FREEZE))
    assert verdict == (COUNTED if moved_in <= FREEZE else NOT_COUNTED)


def test_a_household_is_determined_when_nobody_is_pending():
    assert household_determined([COUNTED, NOT_COUNTED]) and not household_determined([COUNTED, PENDING])


# --- compensation ------------------------------------------------------------------------------

POLICY = Policy(
    name="济阳街道老城区改造补偿安置方案（2020）",
    unit_prices={
        ("砖混", "有证"): Clause(Decimal("3200"), "第十七条"),
        ("砖木", "有证"): Clause(Decimal("2600"), "第十七条"),
        ("砖混", "无证"): Clause(Decimal("1600"), "第十八条"),
    },
    decoration_per_m2=Clause(Decimal("300"), "第十九条"),
    attachment_prices={"水井": Clause(Decimal("800"), "第二十条"), "树木": Clause(Decimal("35.5"), "第二十条")},
    relocation_fee=Clause(Decimal("1500"), "第二十一条"),
    temporary_fee_per_month=Clause(Decimal("900"), "第二十二条"),
    monetary_temporary_months=3,
    signing_awards=(
        Deadline(date(2020, 8, 31), Decimal("20000"), "第二十五条"),
        Deadline(date(2020, 10, 31), Decimal("10000"), "第二十五条"),
    ),
    vacating_awards=(Deadline(date(2020, 9, 30), Decimal("10000"), "第二十六条"),),
    area_per_person=Clause(Decimal("30"), "第二十八条"),
    price_within_entitlement=Clause(Decimal("2000"), "第二十九条"),
    price_above_entitlement=Clause(Decimal("4500"), "第二十九条"),
    price_below_entitlement=Clause(Decimal("3800"), "第三十条"),
)
CASE = Case(
    buildings=(
        Building("正房", "砖混", "有证", Decimal("96.35"), date(1995, 5, 1)),
        Building("东厢房", "砖木", "有证", Decimal("28.40"), date(1988, 4, 1)),
        Building("西侧棚子", "简易", "违建", Decimal("12.00")),
        Building("后院新建房", "砖混", "有证", Decimal("40.00"), date(2020, 7, 15)),
    ),
    attachments=(("水井", Decimal("1")), ("树木", Decimal("3"))),
    determined_persons=4,
    freeze_date=FREEZE,
    signed_on=date(2020, 9, 10),
    vacated_on=date(2020, 9, 25),
    months_until_handover=30,
    chosen_area=Decimal("125.50"),
)


def test_monetary_compensation_line_by_line():
    result = monetary(CASE, POLICY)
    assert [(line.item, line.amount, line.clause) for line in result.lines] == [
        ("房屋补偿（正房）", Decimal("308320.00"), "第十七条"),  # 96.35 × 3200
        ("房屋补偿（东厢房）", Decimal("73840.00"), "第十七条"),  # 28.40 × 2600
        ("装修补偿", Decimal("37425.00"), "第十九条"),  # 124.75 × 300
        ("附属物（水井）", Decimal("800.00"), "第二十条"),
        ("附属物（树木）", Decimal("106.50"), "第二十条"),  # 3 × 35.5
        ("搬迁费", Decimal("1500.00"), "第二十一条"),
        ("临时安置费", Decimal("2700.00"), "第二十二条"),  # 3 × 900
        ("签约奖励", Decimal("10000.00"), "第二十五条"),  # signed after 8-31, before 10-31
        ("腾空奖励", Decimal("10000.00"), "第二十六条"),
    ]
    assert result.total == Decimal("444691.50")
    assert result.excluded == [
        ("西侧棚子", "违法建设，不予补偿"),
        ("后院新建房", "冻结日后（2020-07-15）新建、扩建，不予补偿"),
    ]


def test_property_rights_exchange_line_by_line():
    result = property_exchange(CASE, POLICY)
    amounts = {line.item: line.amount for line in result.lines}
    assert amounts["安置房价款（应安置面积内）"] == Decimal("-240000.00")  # 120 m² × 2000
    assert amounts["超出应安置面积部分"] == Decimal("-24750.00")  # 5.5 m² × 4500
    assert amounts["搬迁费"] == Decimal("3000.00")  # two moves
    assert amounts["临时安置费"] == Decimal("27000.00")  # 30 months × 900
    assert amounts["房屋补偿（正房）"] == Decimal("308320.00")  # settled against the flat's price
    assert result.total == Decimal("205741.50")  # paid to the household


def test_entitled_area_not_taken_is_paid():
    result = property_exchange(
        Case(buildings=CASE.buildings[:1], determined_persons=3, chosen_area=Decimal("80")), POLICY
    )
    amounts = {line.item: line.amount for line in result.lines}
    assert amounts["未选足应安置面积部分"] == Decimal("38000.00")  # (90 − 80) × 3800


@pytest.mark.parametrize(
    "signed, award",
    [
        (date(2020, 8, 31), "20000.00"),
        (date(2020, 9, 1), "10000.00"),
        (date(2020, 10, 31), "10000.00"),
        (date(2020, 11, 1), None),
        (None, None),
    ],
)
def test_signing_awards_by_deadline(signed, award):
    result = monetary(Case(buildings=CASE.buildings[:1], signed_on=signed), POLICY)
    found = [line.amount for line in result.lines if line.item == "签约奖励"]
    assert found == ([Decimal(award)] if award else [])


@pytest.mark.parametrize(
    "value, rounded", [("0.005", "0.01"), ("0.004", "0.00"), ("1234.565", "1234.57"), ("-0.005", "-0.01")]
)
def test_rounding_to_the_fen(value, rounded):
    assert yuan(Decimal(value)) == Decimal(rounded)


@given(st.decimals(Decimal("0.01"), Decimal("2000"), places=2), st.integers(0, 8))
def test_the_same_inputs_always_give_the_same_result(area, persons):
    case = Case(buildings=(Building("正房", "砖混", "有证", area),), determined_persons=persons)
    assert monetary(case, POLICY) == monetary(case, POLICY)
    assert property_exchange(case, POLICY).total == property_exchange(case, POLICY).total
    assert all(line.amount == line.amount.quantize(Decimal("0.01")) for line in monetary(case, POLICY).lines)


def test_a_policy_change_shows_its_difference():
    raised = Policy(**{**POLICY.__dict__, "decoration_per_m2": Clause(Decimal("350"), "第十九条")})
    rows = difference(monetary(CASE, POLICY), monetary(CASE, raised))
    assert rows == [
        ("装修补偿", Decimal("37425.00"), Decimal("43662.50")),
        ("合计", Decimal("444691.50"), Decimal("450929.00")),
    ]


def test_absurd_areas_are_excluded_not_paid():
    result = monetary(Case(buildings=(Building("正房", "砖混", "有证", Decimal("0")),)), POLICY)
    assert result.excluded == [("正房", "面积为零或负数，待复测")] and "房屋补偿（正房）" not in [
        x.item for x in result.lines
    ]


# --- cross-check -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("张三", "张 三", True),
        ("张三", "張三", True),
        ("陈国华", "陳國華", True),
        ("阎丽", "闫丽", False),  # two standard characters (通用规范汉字表): not variants, a real discrepancy
        ("髙敏", "高敏", True),
        ("钟伟", "鍾偉", True),
        ("买买提·艾力", "买买提艾力", True),
        ("张三", "张山", False),
        ("王五", "王伍", False),
    ],
)
def test_names_allowing_for_variants_and_spaces(a, b, same):
    assert names_match(a, b) is same


@pytest.mark.parametrize(
    "raw, normal",
    [
        ("37012519900101123x", "37012519900101123X"),
        (" 370125199001011234 ", "370125199001011234"),
        ("３７０１２５１９９００１０１１２３４", "370125199001011234"),
    ],
)
def test_id_numbers_normalised(raw, normal):
    assert normalise_id(raw) == normal


def test_every_category():
    ledger = [
        LedgerPerson(1, "张三", "370125199001011234", "CL001"),
        LedgerPerson(2, "李四", "37012519900101123x", "CL001"),
        LedgerPerson(3, "王五", "370125198001011111", "CL002"),
        LedgerPerson(4, "赵六", "370125197001012222", "CL003"),
        LedgerPerson(5, "钱七", "370125196001013333", "CL004"),
        LedgerPerson(6, "孙八", "370125195001014444", "CL005"),
        LedgerPerson(7, "孙八", "370125195001014444", "CL006"),
    ]
    police = [
        PoliceRecord(2, "張 三", "370125199001011234", "H1", "城里居1号", date(1990, 1, 1), "正常"),
        PoliceRecord(3, "李四", "37012519900101123X", "H1", "城里居1号", date(2020, 7, 1), "正常"),
        PoliceRecord(4, "王伍", "370125198001011111", "H2", "城里居2号", date(1985, 1, 1), "正常"),
        PoliceRecord(5, "赵六", "370125197001012222", "H3", "城里居3号", date(1975, 1, 1), "死亡"),
        PoliceRecord(6, "周九", "370125194001015555", "H4", "东关居4号", date(1960, 1, 1), "正常"),
        PoliceRecord(7, "孙八", "370125195001014444", "H5", "东关居5号", date(1970, 1, 1), "正常"),
    ]
    results = crosscheck(ledger, police, FREEZE)
    assert category_counts(results) == {
        "一致": 1,
        "公安无此人": 1,
        "台账未登记": 1,
        "姓名不符": 1,
        "冻结后迁入": 1,
        "死亡或注销": 1,
        "重复登记": 1,
    }
    assert {r.category: r.ledger.key if r.ledger else None for r in results}["公安无此人"] == 5


def test_an_extract_wider_than_the_project_only_counts_inside_it():
    ledger = [LedgerPerson(1, "张三", "370125199001011234", "CL001")]
    police = [
        PoliceRecord(2, "张三", "370125199001011234", "H1", "城里居1号", date(1990, 1, 1), "正常"),
        PoliceRecord(3, "周九", "370125194001015555", "H4", "城里居4号", date(1960, 1, 1), "正常"),
        PoliceRecord(4, "吴十", "370125194001016666", "H9", "新市镇新市村9号", date(1960, 1, 1), "正常"),
    ]
    results = crosscheck(ledger, police, FREEZE, in_area=lambda r: "城里居" in r.address)
    assert [(r.category, r.id_number[-4:]) for r in results] == [("一致", "1234"), ("台账未登记", "5555")]
