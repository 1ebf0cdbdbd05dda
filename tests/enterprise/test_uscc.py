"""统一社会信用代码 (GB 32100-2015): valid codes from the standard's examples and python-stdnum's test vectors are
accepted; every single-character change, a wrong length and the letters the standard leaves out are refused, each
with the reason an office reads."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import uscc

# python-stdnum's doctest vectors, the standard's well-known example (91350100M000100Y43) and codes of registered
# enterprises as published (a check character of every kind: digit, letter, X).
VALID = [
    "91110000600037341L",
    "91110108600040399G",
    "91350100M000100Y43",
    "12100000400010275N",
    "91110105771583283D",
    "112302070019030687",
    "1134082855783407XL",
    "91341000MA2N0ABGXX",
    "92510100MA61WJ3204",
    "91440300708461136T",
]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_are_accepted(code):
    assert uscc.problem(code) == "" and uscc.is_valid(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "不能为空"),
        ("9111000060003734", "应为 18 位，这里是 16 位"),
        ("91110000600037341LL", "应为 18 位，这里是 19 位"),
        ("91110000600037341I", "不使用字母 I"),
        ("9111000060003734OL", "不使用字母 O"),
        ("91110000S00037341L", "不使用字母 S"),
        ("911100006000373V1Z", "不使用字母 V、Z"),
        ("91110000600037341M", "校验位错误：按前 17 位应为 L，这里是 M"),
        ("9111000060003734#L", "不允许的字符 #"),
        ("A1110000600037341L", "前 8 位"),
    ],
)
def test_bad_codes_are_refused_with_the_reason(code, reason):
    assert reason in uscc.problem(code)


def test_spaces_dashes_lowercase_and_full_width_are_tolerated():
    assert uscc.normalize(" 9111-0000 6000 3734 1l ") == "91110000600037341L"
    assert uscc.normalize("９１１１００００６０００３７３４１Ｌ") == "91110000600037341L"
    assert uscc.is_valid("91110000600037341l")


@given(st.sampled_from(VALID), st.integers(0, 17), st.sampled_from(uscc.ALPHABET))
def test_every_single_character_change_is_refused(code, position, replacement):
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code:
        assert not uscc.is_valid(changed)


@given(
    st.text(alphabet=uscc.ALPHABET[:10], min_size=8, max_size=8),
    st.text(alphabet=uscc.ALPHABET, min_size=9, max_size=9),
)
def test_a_code_completed_with_its_check_character_is_valid(head, body):
    assert uscc.is_valid(uscc.with_check(head + body))
