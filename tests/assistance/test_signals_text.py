"""The text signals: notes copied across households with a word changed (similar_notes) and one helper's notes that
barely vary over months (uniform_notes) — tables of cases, properties, and one run through the kernel's detection."""

import random
from datetime import date, datetime, timedelta

import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import assume, given
from hypothesis import strategies as st

from taizhang.assistance.rules import Names, VisitFacts, signals_text, similar_notes, uniform_notes, window_start
from taizhang.assistance.rules.signals_text import mean_similarity, normalised, preview, shingles, similarity
from taizhang.integrity.detection import detect
from tests.assistance.conftest import visit

NOTE = "家中水管正常，房屋安全，档案齐全，与户主拉家常了解务工情况，儿子在济南打工"
NAMES = Names({10: "XS0012", 11: "XS0031", 12: "XS0040", 13: "XS0051"}, {7: "张帮扶", 8: "孙帮扶"})


def note(id, household, start, text, helper=7, minutes=40):
    started = datetime.fromisoformat(start)
    ended = started + timedelta(minutes=minutes)
    return VisitFacts(id, household, helper, started, ended, ended, text)


# --- similarity -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (NOTE, NOTE, 1.0),
        (NOTE, NOTE.replace("，", " ") + "。", 1.0),  # punctuation and spaces aside, the same
        ("ＡＢＣ家中正常", "abc家中正常", 1.0),  # full-width and case aside
        ("abcdef", "abcxyz", 1 / 7),  # {abc, bcd, cde, def} and {abc, bcx, cxy, xyz}: 1 of 7
        ("正常", "正常", 1.0),  # a note shorter than a shingle is one piece
        ("", "", 0.0),
    ],
)
def test_similarity_is_the_jaccard_index_of_three_character_pieces(a, b, expected):
    assert similarity(a, b) == pytest.approx(expected)


def test_one_word_changed_in_a_33_character_note_leaves_three_quarters_of_it():
    assert len(normalised(NOTE)) == 33
    assert 0.75 < similarity(NOTE, NOTE.replace("济南", "淄博")) < 0.8


# --- similar_notes ----------------------------------------------------------------------------------------------------


def test_the_same_note_in_two_households_is_one_signal_naming_both_visits():
    visits = [
        note(1, 10, "2026-03-05 09:10", NOTE),
        note(2, 11, "2026-03-06 10:16", NOTE + "。"),
        note(3, 10, "2026-03-20 09:00", "短"),
    ]
    [signal] = similar_notes(visits, threshold=0.7, min_length=15, names=NAMES)
    assert signal.kind == "similar_notes" and signal.visit_ids == (1, 2) and signal.day == date(2026, 3, 6)
    assert signal.detail.startswith("2 户的 2 次走访记录内容完全相同：XS0012 3月5日 09:10、XS0031 3月6日 10:16。")
    assert "内容如“家中水管正常，房屋安全，档案齐全，与户主拉家常了解务工情况，…”" in signal.detail


def test_a_note_copied_with_one_word_changed_is_near_identical():
    visits = [note(1, 10, "2026-03-05 09:10", NOTE), note(2, 11, "2026-03-05 10:00", NOTE.replace("济南", "淄博"))]
    [signal] = similar_notes(visits, threshold=0.7, min_length=15, names=NAMES)
    assert signal.visit_ids == (1, 2)
    assert "2 户的 2 次走访记录近似雷同（每条都与其中另一条有 70% 以上的字句相同）" in signal.detail
    assert similar_notes(visits, threshold=0.8, min_length=15) == []  # the unit's threshold decides


def test_a_chain_of_copies_across_three_households_is_one_cluster():
    second = NOTE.replace("济南", "淄博")
    third = second.replace("水管", "水井")
    visits = [
        note(1, 10, "2026-03-05 09:10", NOTE),
        note(2, 11, "2026-03-06 09:10", second),
        note(3, 12, "2026-03-07 09:10", third),
        note(4, 13, "2026-03-08 09:10", "老人身体不好，住院两周后回家休养，医保报销已经办理完毕，女儿在家照顾"),
    ]
    [signal] = similar_notes(visits, threshold=0.7, min_length=15, names=NAMES)
    assert signal.visit_ids == (1, 2, 3) and signal.detail.startswith("3 户的 3 次走访记录近似雷同")


@pytest.mark.parametrize(
    "visits",
    [
        [note(1, 10, "2026-03-05 09:00", NOTE), note(2, 10, "2026-03-20 09:00", NOTE)],  # one household's own note
        [
            note(1, 10, "2026-03-05 09:00", "一切正常，无特殊情况"),
            note(2, 11, "2026-03-05 10:00", "一切正常，无特殊情况"),
        ],
        [note(1, 10, "2026-03-05 09:00", ""), note(2, 11, "2026-03-05 10:00", "")],
        [
            note(1, 10, "2026-03-05 09:00", NOTE),
            note(2, 11, "2026-03-05 10:00", "老人身体不好，住院两周后回家休养，医保报销已经办理完毕，女儿在家照顾"),
        ],
    ],
    ids=["same-household", "shorter-than-15", "empty", "different"],
)
def test_what_is_not_a_copied_note(visits):
    assert similar_notes(visits, threshold=0.7, min_length=15) == []


def test_a_visit_two_helpers_made_counts_once():
    visits = [note(1, 10, "2026-03-05 09:10", NOTE, helper=7), note(1, 10, "2026-03-05 09:10", NOTE, helper=8)]
    visits.append(note(2, 11, "2026-03-05 10:00", NOTE))
    [signal] = similar_notes(visits, threshold=0.7, min_length=15)
    assert signal.visit_ids == (1, 2) and signal.detail.startswith("2 户的 2 次")


def test_the_preview_never_holds_a_whole_phone_or_id_number():
    text = "户主电话13812345678，身份证370125197005170011已核对"
    assert preview(text) == "户主电话138…，身份证370…已核对"


PHRASES = [
    "家中水管正常",
    "房屋安全无隐患",
    "档案资料齐全",
    "与户主拉家常",
    "了解务工情况",
    "儿子在济南打工",
    "老人身体尚可",
    "孙子上小学三年级",
    "低保金按时到账",
    "医保报销已办理",
    "冬季取暖用电正常",
    "提醒注意防火",
    "家里种了三亩小麦",
    "女儿在外地上大学",
    "询问了养老金发放",
    "院子打扫干净",
    "门前道路已硬化",
    "残疾补贴已领取",
]


def month_of_notes(count: int, seed: int) -> list[VisitFacts]:
    """`count` visits whose notes are phrases in random order, some copied to another household with a word
    changed (realistic overlap, then a few planted copies)."""
    draw = random.Random(seed)
    visits = []
    for i in range(count):
        text = "，".join(draw.sample(PHRASES, draw.randint(3, 6))) + f"，第{draw.randint(1, 99)}次"
        if i % 40 == 39:  # a copy of an earlier note, one word changed, at another household
            text = visits[i - 7].text.replace("正常", "良好").replace("安全", "牢固")
        visits.append(note(i + 1, 1000 + i, f"2026-03-{1 + i % 28:02d} 09:00", text))
    return visits


def test_the_sketches_are_datasketchs_minhash_of_each_notes_pieces():
    notes = [normalised(v.text) for v in month_of_notes(30, seed=2)] + ["正常", "abc"]
    for note_text, row in zip(notes, signals_text.sketches(notes), strict=True):
        sketch = MinHash(num_perm=signals_text.NUM_PERM, seed=signals_text.SEED, hashfunc=int)
        sketch.update_batch(signals_text.piece_hashes(note_text.ljust(3, "\0")))
        assert (sketch.hashvalues == row).all()


def test_the_bands_propose_the_pairs_datasketchs_lsh_index_proposes():
    notes = sorted({normalised(v.text) for v in month_of_notes(400, seed=9)})
    signatures = signals_text.sketches(notes)
    index = MinHashLSH(threshold=0.7, num_perm=signals_text.NUM_PERM, weights=signals_text.LSH_WEIGHTS)
    for i, row in enumerate(signatures):
        index.insert(i, LeanMinHash(seed=signals_text.SEED, hashvalues=row, scheme="affine32"))
    from_index = {
        (i, j)
        for i in range(len(notes))
        for j in index.query(LeanMinHash(seed=1, hashvalues=signatures[i], scheme="affine32"))
        if i < j
    }
    proposed = {tuple(pair) for pair in signals_text.proposed_pairs(signatures, 0.7).tolist()}
    assert len(proposed) > 100 and proposed == from_index


def test_the_sketches_find_the_same_clusters_as_comparing_every_pair(monkeypatch):
    visits = month_of_notes(600, seed=14)
    monkeypatch.setattr(signals_text, "EXACT_UP_TO", 10**6)
    every_pair = similar_notes(visits, threshold=0.7, min_length=15)
    monkeypatch.setattr(signals_text, "EXACT_UP_TO", 0)
    sketched = similar_notes(visits, threshold=0.7, min_length=15)
    assert len(every_pair) >= 15 and sketched == every_pair


def test_thresholds_at_the_ends_still_work_with_sketches(monkeypatch):
    visits = month_of_notes(300, seed=4)
    monkeypatch.setattr(signals_text, "EXACT_UP_TO", 0)
    identical = similar_notes(visits, threshold=1.0, min_length=15)
    assert identical and all("内容完全相同" in s.detail for s in identical)
    assert similar_notes(visits, threshold=1.5, min_length=15) == []


CHARACTERS = st.sampled_from(
    "家中水管正常房屋安全档案齐全与户主拉家常了解务工情况老人身体健康孩子上学补贴到位医保低保养老种地打工"
)


@given(
    text=st.text(CHARACTERS, min_size=30, max_size=80),
    at=st.integers(0, 79),
    word=st.text(CHARACTERS, min_size=1, max_size=2),
)
def test_a_note_of_thirty_characters_or_more_with_one_word_changed_is_still_near_identical(text, at, word):
    at = at % (len(text) - len(word))
    changed = text[:at] + word + text[at + len(word) :]
    assume(len(shingles(text)) == len(text) - 2)  # a note, not a repeated pattern
    visits = [note(1, 10, "2026-03-05 09:00", text), note(2, 11, "2026-03-06 09:00", changed)]
    [signal] = similar_notes(visits, threshold=0.7, min_length=15)
    assert signal.visit_ids == (1, 2)


@given(st.permutations(month_of_notes(60, seed=3)))
def test_the_order_of_the_visits_changes_nothing(visits):
    assert similar_notes(visits, threshold=0.6, min_length=15) == similar_notes(
        month_of_notes(60, seed=3), threshold=0.6, min_length=15
    )


# --- uniform_notes ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, months, expected",
    [
        (date(2026, 3, 1), date(2026, 3, 31), 3, date(2026, 1, 1)),
        (date(2026, 2, 1), date(2026, 2, 28), 3, date(2025, 12, 1)),
        (date(2026, 3, 1), date(2026, 3, 31), 1, date(2026, 3, 1)),
        (date(2025, 10, 1), date(2026, 3, 31), 3, date(2025, 10, 1)),  # never after the period's start
    ],
)
def test_uniform_notes_reads_back_whole_months_from_the_periods_end(start, end, months, expected):
    assert window_start(start, end, months) == expected


TEMPLATE = "拧拧水管：正常；看看房屋：安全；翻翻档案：齐全；拉拉家常：户主在家，身体尚可"


def months_of(helper, texts, first=date(2026, 1, 5)):
    return [
        note(100 * helper + i, 10 + i % 4, f"{first + timedelta(days=12 * i)} 09:00", text, helper=helper)
        for i, text in enumerate(texts)
    ]


def test_a_helper_writing_the_same_template_for_months_is_flagged_once_about_the_period():
    visits = months_of(7, [TEMPLATE + f"，第{i}次" for i in range(7)])  # Jan 5 … Mar 18
    [signal] = uniform_notes(
        visits, start=date(2026, 3, 1), end=date(2026, 3, 31), months=3, threshold=0.6, min_visits=6, names=NAMES
    )
    in_march = tuple(v.id for v in visits if v.started_at.month == 3)
    assert signal.visit_ids == in_march and signal.key == "7:2026-03" and signal.day == date(2026, 3, 18)
    assert signal.detail.startswith("张帮扶 2026年1月1日至3月31日的 7 次走访记录彼此平均有 ")
    assert signal.detail.endswith("内容长期千篇一律；本期：XS0031 3月6日 09:00、XS0040 3月18日 09:00")


@pytest.mark.parametrize(
    "texts, start, min_visits",
    [
        ([PHRASES[i] + PHRASES[(i * 5) % 18] + PHRASES[(i * 7 + 3) % 18] for i in range(8)], date(2026, 3, 1), 6),
        ([TEMPLATE] * 5, date(2026, 3, 1), 6),  # too few notes to judge
        ([TEMPLATE] * 4, date(2026, 4, 1), 3),  # no visit in the period (the notes end on Feb 10)
        ([""] * 8, date(2026, 3, 1), 6),  # no notes at all is not uniform notes
    ],
    ids=["varied", "too-few", "none-in-period", "empty"],
)
def test_what_is_not_uniform(texts, start, min_visits):
    visits = months_of(7, texts)
    end = date(start.year, start.month, 28)
    assert uniform_notes(visits, start=start, end=end, months=3, threshold=0.6, min_visits=min_visits) == []


def test_the_mean_similarity_is_over_every_pair_of_at_most_forty_notes_taken_evenly():
    assert mean_similarity(["abcdef", "abcxyz", "abcdef"]) == pytest.approx((1 / 7 + 1 + 1 / 7) / 3)
    assert mean_similarity(["abcdef"]) == 0
    notes = ["abcdef"] * 39 + ["uvwxyz"] * 39 + ["abcxyz"]  # of 79, notes 0, 2, 4 … 78 are taken
    assert mean_similarity(notes) == pytest.approx(mean_similarity(["abcdef"] * 20 + ["uvwxyz"] * 19 + ["abcxyz"]))


# --- through the kernel -----------------------------------------------------------------------------------------------


def test_detection_names_the_copied_visits_with_their_records(assisted):
    day = date(2026, 11, 5)
    first = visit(assisted.xs_worker, "XS001", day, "09:10", 40, values={"notes": NOTE})
    second = visit(assisted.wenshao_worker, "XS002", day, "10:30", 40, values={"notes": NOTE.replace("济南", "淄博")})
    found = detect(assisted.xinshi.pk, date(2026, 11, 1), date(2026, 11, 30), kinds={"assistance.similar_notes"})
    [finding] = [f.finding for f in found]
    assert finding.kind == "assistance.similar_notes" and finding.day == day
    assert finding.detail.startswith("2 户的 2 次走访记录近似雷同")
    assert "XS001 11月5日 09:10、XS002 11月5日 10:30" in finding.detail  # local times
    assert [r.ref for r in finding.records] == [f"visit:{first.pk}", f"visit:{second.pk}"]
    assert finding.records[1].columns == ("XS002", "2026-11-05", "10:30", "孙帮扶")
    assert finding.community_id is None  # two 村居


def test_uniform_notes_reads_earlier_months_in_a_fixed_number_of_queries(assisted):
    template = "拧拧水管正常，看看房屋安全，翻翻档案齐全，拉拉家常户主在家"

    def record(days):
        for day in days:
            visit(assisted.xs_worker, "XS001", day, "09:00", 40, values={"notes": template + f"第{day.day}天"})

    def run():
        with CaptureQueriesContext(connection) as queries:
            found = detect(
                assisted.xinshi.pk, date(2026, 11, 1), date(2026, 11, 30), kinds={"assistance.uniform_notes"}
            )
        return [f.finding for f in found], len(queries)

    record([date(2026, 9, 10), date(2026, 10, 10), date(2026, 11, 10)])
    assert run()[0] == []  # 3 notes: too few to judge
    few_queries = run()[1]
    record([date(2026, 9, 20), date(2026, 10, 20), date(2026, 11, 20), date(2026, 11, 25)])
    [finding], queries = run()
    assert queries == few_queries
    assert finding.detail.startswith("张帮扶 2026年9月1日至11月30日的 7 次走访记录彼此平均有 ")
    assert len(finding.records) == 3 and finding.key == f"{assisted.xs_worker.pk}:2026-11"
    assert finding.records[0].label.startswith("XS001 · 11-10 09:00")
