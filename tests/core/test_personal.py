"""The personal-data policy's rules: a masked ID number, with everything else a masked role reads of the person (area,
sex, age — never the birth date), leaves at least 1,000 valid numbers; free text is masked wherever a number hides in
it; a Disclosure shows each field as its table says."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.core.personal import BANK_ACCOUNT, HIDDEN, ID_NUMBER, PHONE, Disclosure
from taizhang.core.rules import age_on, id_check_digit, mask_id_number, mask_numbers_in
from taizhang.core.templatetags.taizhang import change_shown
from taizhang.registry.rules import compose_id_number, id_birth_date, id_gender

MASKED = Disclosure(frozenset({PHONE.key, "address"}))
ENOUGH = 1000


def candidates(masked: str, *, sex: str, birth_shown: str, today: date):
    """Every valid 18-character ID number a reader could rebuild from `masked` and what the same page shows: the sex,
    and `birth_shown` (a birth date "1970-05-17", or an age "55岁"). The check digit must be the valid one."""
    if birth_shown.endswith("岁"):
        age = int(birth_shown[:-1])
        latest = date(today.year - age, today.month, 28 if (today.month, today.day) == (2, 29) else today.day)
        births = [latest - timedelta(days=n) for n in range(366) if age_on(latest - timedelta(days=n), today) == age]
    else:
        births = [date.fromisoformat(birth_shown)]
    for birth in births:
        for seq in range(1, 1000):
            if (seq % 2 == 1) != (sex == "男"):
                continue
            first17 = masked[:6] + birth.strftime("%Y%m%d") + f"{seq:03d}"
            number = first17 + id_check_digit(first17)
            if all(shown in ("*", real) for shown, real in zip(masked, number, strict=True)):
                yield number


def what_a_masked_role_reads(id_number: str, today: date) -> dict:
    """The ID number and its neighbours on a page, as a role that reads ID numbers masked gets them."""
    birth = id_birth_date(id_number)
    return {
        "masked": MASKED.id_number(id_number),
        "sex": id_gender(id_number),
        "birth_shown": MASKED.birth(birth, today),
    }


@st.composite
def people(draw):
    today = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=today))
    area = draw(st.sampled_from(["370125", "370126", "110105", "440305"]))
    return compose_id_number(area, birth, draw(st.integers(1, 999))), today


@settings(max_examples=60, deadline=None)
@given(people())
def test_a_masked_id_number_with_all_a_masked_role_reads_leaves_at_least_a_thousand_numbers(person):
    id_number, today = person
    shown = what_a_masked_role_reads(id_number, today)
    found = list(islice(candidates(**shown, today=today), ENOUGH))
    assert len(found) == ENOUGH, f"{shown} leaves only {len(found)} numbers"


def test_the_real_number_is_among_the_candidates():
    id_number = compose_id_number("370125", date(1970, 5, 17), 11)
    shown = what_a_masked_role_reads(id_number, date(2026, 12, 2))
    assert id_number in set(candidates(**shown, today=date(2026, 12, 2)))


def test_the_probes_rebuild_the_old_mask_and_the_birth_date_beside_it_no_longer_works():
    """The probe: 370125********0139 with 1950-01-01 shown beside it was one number. Now the mask hides the last four
    too and the page shows the age, not the birth date."""
    id_number = "370125195001010139"
    old_mask = id_number[:6] + "********" + id_number[-4:]
    assert list(candidates(old_mask, sex="男", birth_shown="1950-01-01", today=date(2026, 12, 2))) == [id_number]
    assert mask_id_number(id_number) == "370125************"
    assert MASKED.birth(date(1950, 1, 1), date(2026, 12, 2)) == "76岁"
    today = date(2026, 12, 2)
    rebuilt = list(islice(candidates(**what_a_masked_role_reads(id_number, today), today=today), ENOUGH))
    assert len(rebuilt) == ENOUGH


def test_a_birth_date_beside_even_the_new_mask_would_leave_too_few():
    """Why the age replaces the birth date: the 500 sequence numbers of one sex are all that would be left."""
    id_number = "370125195001010139"
    found = list(candidates(mask_id_number(id_number), sex="男", birth_shown="1950-01-01", today=date(2026, 12, 2)))
    assert len(found) == 500 < ENOUGH


# --- free text ------------------------------------------------------------------------------


def test_numbers_in_text_are_masked_even_next_to_chinese_characters():
    text = "身份证号370125195001010139，账号6228480402564890018。电话13812345678"
    assert mask_numbers_in(text) == "身份证号370125************，账号622848*********0018。电话13812345678"


def test_a_mistyped_id_number_is_masked_as_an_id_number():
    assert mask_numbers_in("370125195001010130") == "370125************"


def test_a_role_that_reads_ids_whole_still_gets_accounts_masked():
    text = "370125195001010139 6228480402564890018"
    assert mask_numbers_in(text, id_numbers=False) == "370125195001010139 622848*********0018"
    assert mask_numbers_in(text, accounts=False) == "370125************ 6228480402564890018"


@given(st.text(alphabet="0123456789X，号 ", max_size=60))
def test_no_valid_id_number_survives_masking(text):
    masked = mask_numbers_in(text)
    for start in range(len(masked) - 17):
        run = masked[start : start + 18]
        assert not (run[:17].isdigit() and id_check_digit(run[:17]) == run[17] and run[6:14].isdigit()), masked


# --- the Disclosure ---------------------------------------------------------------------------


def test_a_disclosure_shows_each_field_as_its_table_says():
    whole_ids = Disclosure(frozenset({ID_NUMBER.key}))
    assert whole_ids.id_number("370125195001010139") == "370125195001010139"
    assert whole_ids.bank_account("6228480402564890018") == "622848*********0018"
    assert whole_ids.birth(date(1950, 1, 1), date(2026, 12, 2)) == "1950-01-01"
    assert MASKED.id_number("") == "" and MASKED.bank_account(None) == ""
    assert MASKED.phone("13812345678") == "13812345678"
    assert Disclosure(frozenset()).phone("13812345678") == "138****5678"
    assert Disclosure.everything().sees_whole(BANK_ACCOUNT)


def test_an_audit_change_of_a_birth_date_is_withheld_from_a_masked_role():
    assert change_shown("张三·出生日期", "1950-01-01", MASKED) == HIDDEN
    assert change_shown("张三·出生日期", "1950-01-01", Disclosure.everything()) == "1950-01-01"
    assert change_shown("张三·身份证号", "370125195001010139", MASKED) == "370125************"
    assert change_shown("张三·出生日期", None, MASKED) == "—"
