"""The shared rules: phones and masking, tables of real cases and hypothesis properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.core.rules import InvalidValue, mask_bank_account, mask_id_number, mask_phone, normalize_phone

# --- phones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("13812345678", "13812345678"),
        (13812345678, "13812345678"),
        (13812345678.0, "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
        ("0531-88123456", "0531-88123456"),
        ("053188123456", "0531-88123456"),
        ("010 12345678", "010-12345678"),
        ("(0531)88123456", "0531-88123456"),
        ("0531-88123456-802", "0531-88123456-802"),
        ("0531-88123456转802", "0531-88123456-802"),
    ],
)
def test_it_accepts_mobiles_and_landlines_with_area_codes(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw", ["12345678901", "1381234567", "138123456789", "88123456", "23812345678", "电话", "0531-123"]
)
def test_it_rejects_malformed_phones(raw):
    with pytest.raises(InvalidValue) as info:
        normalize_phone(raw)
    assert "手机号应为" in info.value.message, info.value.message


# --- masking ---------------------------------------------------------------------------------


def test_an_id_number_keeps_only_its_area_code_and_an_account_its_bank_and_last_four():
    assert mask_id_number("370125195001010139") == "370125************"
    assert mask_bank_account("6228480402564890018") == "622848*********0018"


@given(st.text(alphabet="0123456789X", min_size=0, max_size=19))
def test_masking_keeps_the_length_and_hides_the_birth_date_sequence_and_check_digit(value):
    for masked in (mask_id_number(value), mask_bank_account(value)):
        assert len(masked) == len(value)
    if len(value) >= 10:
        assert mask_id_number(value)[6:] == "*" * (len(value) - 6)
        assert mask_bank_account(value)[-4:] == value[-4:]


@pytest.mark.parametrize(
    "phone, masked",
    [("13812345678", "138****5678"), ("0531-88123456", "0531-****3456"), ("0531-8812", "0531-****"), ("", "")],
)
def test_a_masked_phone_keeps_its_prefix_and_last_four(phone, masked):
    assert mask_phone(phone) == masked


@given(st.from_regex(r"1[3-9]\d{9}|0\d{2,3}-\d{7,8}", fullmatch=True))
def test_a_masked_phone_keeps_its_length_and_hides_the_middle(phone):
    masked = mask_phone(phone)
    assert len(masked) == len(phone) and masked[-4:] == phone[-4:] and masked.count("*") >= 3
