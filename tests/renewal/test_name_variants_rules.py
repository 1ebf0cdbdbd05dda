"""Names in the cross-check: traditional characters and 异体字 (from Unihan, scripts/variants) fold to the standard
character, and the reviewer is told which pair differed."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal import rules
from taizhang.renewal.rules.crosscheck import VARIANT_TABLE

FREEZE = date(2020, 6, 1)


@pytest.mark.parametrize(
    "police, ledger, note",
    [
        ("髙敏", "高敏", "公安：髙敏，台账：高敏（髙/高 为异体字）"),
        ("盧敏", "卢敏", "公安：盧敏，台账：卢敏（盧/卢 为繁简字）"),
        ("王堃", "王坤", "公安：王堃，台账：王坤（堃/坤 为异体字）"),
        ("鍾偉", "锺伟", "公安：鍾偉，台账：锺伟（鍾/锺 为异体字，偉/伟 为繁简字）"),
        ("﨑田", "崎田", "公安：﨑田，台账：崎田（﨑/崎 为异体字）"),
        ("张三", "张 三", ""),  # written alike but for a space: nothing to say
        ("张三", "张山", ""),  # not the same name
    ],
)
def test_the_reviewer_is_told_which_characters_are_variants(police, ledger, note):
    assert rules.variant_note(police, ledger) == note
    assert rules.names_match(police, ledger) is (police.replace(" ", "") == ledger.replace(" ", "") or bool(note))


@pytest.mark.parametrize(
    "a, b",
    [("谈新", "谭新"), ("王五", "王伍"), ("阎丽", "闫丽"), ("他们", "它们")],
)
def test_two_standard_characters_are_never_folded_together(a, b):
    assert not rules.names_match(a, b)


def test_a_variant_match_is_the_same_person_with_the_note_on_its_result():
    ledger = [rules.LedgerPerson(1, "高敏", "370125199001011234", "JY101")]
    police = [rules.PoliceRecord(2, "髙敏", "370125199001011234", "H1", "城里居", None, "正常")]
    [found] = rules.crosscheck(ledger, police, FREEZE)
    assert found.category == rules.SAME and found.detail == "公安：髙敏，台账：高敏（髙/高 为异体字）"


def test_every_table_entry_folds_to_a_standard_character_that_folds_to_itself():
    rows = [line.split("\t") for line in VARIANT_TABLE.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(rows) > 1000 and all(len(row) == 3 for row in rows)
    for variant, norm, _field in rows:
        assert rules.fold_char(variant) == norm == rules.fold_char(norm)
        norm.encode("gb2312")  # a standard simplified character


names = st.text(alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF), min_size=1, max_size=4)
table = st.sampled_from(VARIANT_TABLE.read_text(encoding="utf-8").splitlines()[1:]).map(lambda r: r.split("\t")[0])


@given(names | st.lists(table, min_size=1, max_size=3).map("".join))
def test_folding_is_idempotent_and_a_name_always_matches_itself(name):
    assert rules.fold_name(rules.fold_name(name)) == rules.fold_name(name)
    assert rules.names_match(name, name)
    assert rules.names_match(name, rules.fold_name(name))


@given(names, names)
def test_matching_is_symmetric(a, b):
    assert rules.names_match(a, b) is rules.names_match(b, a)
    assert bool(rules.variant_note(a, b)) is bool(rules.variant_note(b, a))
