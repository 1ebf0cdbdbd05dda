"""The registry's validators: tables of real cases and hypothesis properties."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.core.rules import InvalidValue
from taizhang.registry.rules import (
    address_code_name,
    compose_id_number,
    id_birth_date,
    id_check_digit,
    id_gender,
    luhn_check_digit,
    luhn_valid,
    normalize_bank_account,
    normalize_id_number,
    pinyin_initials,
)

TODAY = date(2026, 11, 25)


def norm(value):
    return normalize_id_number(value, today=TODAY)


def rejects(func, value, fragment):
    with pytest.raises(InvalidValue) as info:
        func(value)
    assert fragment in info.value.message, info.value.message


# --- ID numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("11010519491231002X", "11010519491231002X"),  # the GB 11643 standard's own example
        ("11010519491231002x", "11010519491231002X"),  # lower-case x
        (" 11010519491231002X\u3000", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),  # full-width
        ("1101 0519 4912 3100 2X", "11010519491231002X"),
        ("110105491231002", "11010519491231002X"),  # 15-digit legacy number
    ],
)
def test_it_accepts_and_normalises_real_id_numbers(raw, expected):
    assert norm(raw) == expected


def test_it_accepts_an_elderly_resident_of_the_former_jiyang_county():
    # 370125 济阳县 existed 1989–2018; people born in 1950 were first registered under it later.
    assert norm(compose_id_number("370125", date(1950, 6, 1), 11)).startswith("370125")
    assert address_code_name("370125") == "山东省济阳县"


def test_it_accepts_a_code_that_only_exists_in_old_editions():
    assert norm(compose_id_number("370181", date(1940, 1, 1), 1))  # 章丘市, a 区 with a new code since 2016


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (None, "不能为空"),
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("1101051949123100211", "应为18位"),
        ("11010519491231002A", "只能由数字"),
        ("110105194912310021", "校验位错误（按前17位应为 X）"),
        (compose_id_number("999999", date(1980, 1, 1), 1), "地址码 999999"),
        ("110105" + "19800230" + "001" + id_check_digit("11010519800230001"), "不存在"),
        ("110105" + "20300101" + "001" + id_check_digit("11010520300101001"), "晚于今天"),
        ("110105" + "18800101" + "001" + id_check_digit("11010518800101001"), "早于1900年"),
    ],
)
def test_it_rejects_bad_id_numbers_with_a_reason(raw, fragment):
    rejects(norm, raw, fragment)


@pytest.mark.parametrize(
    "raw",
    [1.10101199003074e17, 110101199003074000, "1.10101199003074E+17", "1.10101199003074e+17", "110101199003074000"],
)
def test_an_id_typed_into_excel_as_a_number_asks_for_a_text_column(raw):
    rejects(norm, raw, "“文本”格式")


ids = st.builds(
    compose_id_number,
    st.sampled_from(["110105", "370125", "370112", "440305", "370115"]),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


@given(ids)
def test_every_composed_id_is_valid_and_normalises_to_itself(id_number):
    assert norm(id_number) == id_number
    assert norm(id_number.lower()) == id_number


@given(ids, st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_changing_any_one_digit_breaks_the_check(id_number, position, delta):
    digit = str((int(id_number[position]) + delta) % 10)
    changed = id_number[:position] + digit + id_number[position + 1 :]
    with pytest.raises(InvalidValue):
        norm(changed)


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(min_value=0, max_value=999))
def test_birth_date_and_gender_come_from_the_number(birth, seq):
    id_number = compose_id_number("370125", birth, seq)
    assert id_birth_date(id_number) == birth
    assert id_gender(id_number) == ("男" if seq % 2 else "女")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), st.integers(min_value=0, max_value=999))
def test_a_15_digit_number_converts_to_the_18_digit_one(birth, seq):
    full = compose_id_number("370125", birth, seq)
    legacy = full[:6] + full[8:17]
    assert norm(legacy) == full


# --- bank accounts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("6228480402564890018", "6228480402564890018"),
        ("6228 4804 0256 4890 018", "6228480402564890018"),
        ("4111111111111111", "4111111111111111"),
    ],
)
def test_it_accepts_card_numbers_that_pass_luhn(raw, expected):
    assert normalize_bank_account(raw) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("6228480402564890019", "Luhn"),
        ("12345", "12至19位"),
        ("62284804025648900181234", "12至19位"),
        ("6228a80402564890018", "12至19位"),
        (6.22848040256489e18, "“文本”格式"),
        ("", "不能为空"),
    ],
)
def test_it_rejects_bad_card_numbers(raw, fragment):
    rejects(normalize_bank_account, raw, fragment)


@given(st.text(alphabet="0123456789", min_size=11, max_size=18), st.data())
def test_luhn_completion_is_valid_and_any_single_digit_change_is_caught(partial, data):
    number = partial + luhn_check_digit(partial)
    assert luhn_valid(number)
    position = data.draw(st.integers(min_value=0, max_value=len(number) - 1))
    delta = data.draw(st.integers(min_value=1, max_value=9))
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert not luhn_valid(changed)


GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_check_digit_is_the_standards_weighted_sum(first17):
    weighted = sum(int(digit) * weight for digit, weight in zip(first17, GB11643_WEIGHTS, strict=True))
    assert id_check_digit(first17) == "10X98765432"[weighted % 11]


def textbook_luhn(digits: str) -> bool:
    total = 0
    for place, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if place % 2 else 1)
        total += digit // 10 + digit % 10
    return total % 10 == 0


@given(st.text(alphabet="0123456789０１２３", min_size=1, max_size=20))
def test_luhn_is_the_textbook_sum(digits):
    assert luhn_valid(digits) == textbook_luhn(digits)


@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_a_mobile_number_is_stored_as_written_with_or_without_spaces(second, rest):
    from taizhang.core.rules import normalize_phone

    number = "1" + second + rest
    assert normalize_phone(number) == normalize_phone(f" {number[:3]} {number[3:7]} {number[7:]} ") == number


# --- pinyin ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, initials",
    [
        ("张三", "zs"),
        ("欧阳娜娜", "oynn"),
        ("李小明", "lxm"),
        ("阿依古丽·买买提", "ayglmmt"),
        ("Tom李", "toml"),
        ("王 芳", "wf"),
    ],
)
def test_pinyin_initials(name, initials):
    assert pinyin_initials(name) == initials


@settings(max_examples=50)
@given(st.text(alphabet="张王李赵刘陈杨黄周吴三四明华芳伟", min_size=1, max_size=4))
def test_initials_are_one_lower_case_letter_per_character(name):
    result = pinyin_initials(name)
    assert len(result) == len(name) and result.isascii() and result.islower()


@settings(max_examples=300)
@given(st.text(st.characters(min_codepoint=0x3000, max_codepoint=0x2A6DF, exclude_categories=["Cs"]), max_size=3))
def test_initials_are_those_pypinyin_gives_each_character(name):
    from pypinyin import Style, lazy_pinyin

    expected = ""
    for char in name:
        letter = lazy_pinyin(char, style=Style.FIRST_LETTER, errors="ignore")
        expected += letter[0][:1].lower() if letter and letter[0] else ""
    assert pinyin_initials(name) == expected


def test_the_stored_initials_are_those_pypinyin_gives():
    from taizhang.registry.rules import COMMON_INITIALS, common_initials

    assert COMMON_INITIALS.read_text(encoding="ascii") == common_initials(), (
        "pypinyin changed: rewrite the file with  python -c 'from taizhang.registry.rules import COMMON_INITIALS, "
        'common_initials; COMMON_INITIALS.write_text(common_initials(), encoding="ascii")\''
    )
