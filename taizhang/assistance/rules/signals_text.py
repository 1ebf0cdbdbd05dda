"""Visit signals about what helpers wrote: near-identical notes across households (similar_notes) and one helper's notes
that barely vary over months (uniform_notes). No Django here.

Two notes' similarity is the Jaccard index |A∩B| / |A∪B| of their character 3-gram shingles, read after normalising
(full-width to half-width, lower case, no whitespace or punctuation). Changing one two-character word in a note of n
shingles leaves at least (n−4)/(n+4) of them shared: 0.75 for a 30-character note, 0.85 for a 60-character one.

Among many notes, MinHash sketches with locality-sensitive hashing (datasketch) pick the pairs worth comparing; every
pair is decided by the exact index, so the sketches only choose which pairs are looked at."""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations

from datasketch import MinHash, MinHashLSH

from taizhang.assistance.rules.signals import NO_NAMES, Names, VisitFacts, VisitSignal, day_label
from taizhang.assistance.rules.visits import Month

SHINGLE = 3
NUM_PERM = 64
# The index is asked for pairs a little below the threshold (and weighted against missing one), so that pairs at the
# threshold are all but certainly compared; the exact index then decides.
LSH_MARGIN = 0.1
LSH_WEIGHTS = (0.2, 0.8)
# Up to this many distinct notes every pair is compared exactly: cheaper than sketching them.
EXACT_UP_TO = 150
# uniform_notes: a helper's mean similarity from all pairs of notes, or from this many pairs drawn at random (the
# estimate's standard error stays near 0.02).
MEAN_PAIRS = 300
PREVIEW = 30


def normalised(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text or "").lower())


def shingles(norm: str) -> frozenset[str]:
    """The note's 3-character pieces; a note shorter than that is its own single piece."""
    if len(norm) <= SHINGLE:
        return frozenset((norm,)) if norm else frozenset()
    return frozenset(norm[i : i + SHINGLE] for i in range(len(norm) - SHINGLE + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def similarity(text_a: str, text_b: str) -> float:
    return jaccard(shingles(normalised(text_a)), shingles(normalised(text_b)))


class _Clusters:
    """Union–find over 0..n−1."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _crc32(piece: bytes) -> int:
    return zlib.crc32(piece)


def _candidate_pairs(sets: Sequence[frozenset[str]], threshold: float) -> Iterable[tuple[int, int]]:
    if len(sets) <= EXACT_UP_TO:
        yield from combinations(range(len(sets)), 2)
        return
    sketches = MinHash.bulk(
        [[piece.encode() for piece in pieces] for pieces in sets], num_perm=NUM_PERM, hashfunc=_crc32, seed=1
    )
    index = MinHashLSH(threshold=max(threshold - LSH_MARGIN, 0.05), num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    with index.insertion_session() as session:
        for i, sketch in enumerate(sketches):
            session.insert(i, sketch, check_duplication=False)
    # Each band's buckets hold the notes that agree on that band: every pair inside a bucket is a candidate.
    for table in index.hashtables:
        for band in table:  # a datasketch Storage iterates over its keys
            members = table.get(band)
            if len(members) > 1:
                yield from combinations(sorted(members), 2)


def similar_notes(
    visits: Iterable[VisitFacts], *, threshold: float, min_length: int, names: Names = NO_NAMES
) -> list[VisitSignal]:
    """Clusters of notes each as similar as `threshold` (0–1) to another of the cluster, written at two or more
    households: one signal per cluster, naming all its visits. Notes shorter than `min_length` characters (after
    normalising) are left out; one household's similar notes alone are no signal."""
    by_text: dict[str, dict[int, VisitFacts]] = defaultdict(dict)
    for visit in visits:
        norm = normalised(visit.text)
        if len(norm) >= min_length:
            by_text[norm][visit.id] = visit
    texts = list(by_text)
    sets = [shingles(t) for t in texts]
    clusters = _Clusters(len(texts))
    for i, j in _candidate_pairs(sets, threshold):
        if clusters.find(i) != clusters.find(j) and jaccard(sets[i], sets[j]) >= threshold:
            clusters.join(i, j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        members[clusters.find(i)].append(i)
    signals = []
    for group in members.values():
        cluster = [v for i in group for v in by_text[texts[i]].values()]
        households = {v.household_id for v in cluster}
        if len(households) < 2:
            continue
        ordered = sorted(cluster, key=lambda v: (v.started_at, v.id))
        if len(group) == 1:
            head = f"{len(households)} 户的 {len(cluster)} 次走访记录内容完全相同"
        else:
            head = (
                f"{len(households)} 户的 {len(cluster)} 次走访记录近似雷同"
                f"（每条都与其中另一条有 {threshold:.0%} 以上的字句相同）"
            )
        signals.append(
            VisitSignal(
                "similar_notes",
                tuple(sorted(v.id for v in cluster)),
                ordered[-1].started_at.date(),
                f"{head}：{names.visits(ordered)}。内容如“{preview(ordered[0].text)}”",
            )
        )
    return sorted(signals, key=lambda s: (s.day, s.visit_ids))


def preview(text: str) -> str:
    """The note's beginning on one line, long digit runs (phone or ID numbers) cut short."""
    line = re.sub(r"\s+", " ", text or "").strip()
    line = re.sub(r"\d{6,}[\dXx]*", lambda m: m[0][:3] + "…", line)
    return line[:PREVIEW] + ("…" if len(line) > PREVIEW else "")


def window_start(start: date, end: date, months: int) -> date:
    """The first day uniform_notes reads: `months` calendar months back from the period's end, its own month included,
    and never after the period's start."""
    month = Month.of(end)
    for _ in range(max(months, 1) - 1):
        month = month.previous()
    return min(start, month.first_day)


def mean_similarity(sets: Sequence[frozenset[str]], *, seed: int) -> float:
    """The mean of the notes' pairwise similarity: exact over all pairs, or over MEAN_PAIRS pairs drawn at random."""
    n = len(sets)
    if n < 2:
        return 0.0
    if n * (n - 1) // 2 <= MEAN_PAIRS:
        pairs = list(combinations(range(n), 2))
    else:
        draw = random.Random(seed)
        pairs = [tuple(draw.sample(range(n), 2)) for _ in range(MEAN_PAIRS)]
    return sum(jaccard(sets[i], sets[j]) for i, j in pairs) / len(pairs)


def uniform_notes(
    visits: Iterable[VisitFacts],
    *,
    start: date,
    end: date,
    months: int,
    threshold: float,
    min_visits: int,
    names: Names = NO_NAMES,
) -> list[VisitSignal]:
    """Helpers whose notes over the last `months` months (to `end`) are on average as similar to each other as
    `threshold` (0–1), given at least `min_visits` notes and one in the period [start, end]. `visits` holds the
    helpers' visits since window_start(start, end, months); empty notes are left out. One signal per helper and
    period, about the period's visits."""
    since = window_start(start, end, months)
    by_helper: dict[int, list[tuple[VisitFacts, str]]] = defaultdict(list)
    for visit in visits:
        norm = normalised(visit.text)
        if norm and since <= visit.started_at.date() <= end:
            by_helper[visit.helper_id].append((visit, norm))
    signals = []
    for helper_id, notes in sorted(by_helper.items()):
        in_period = sorted((v for v, _ in notes if v.started_at.date() >= start), key=lambda v: (v.started_at, v.id))
        if not in_period or len(notes) < max(min_visits, 2):
            continue
        notes.sort(key=lambda pair: (pair[0].started_at, pair[0].id))
        mean = mean_similarity([shingles(norm) for _, norm in notes], seed=helper_id)
        if mean < threshold:
            continue
        signals.append(
            VisitSignal(
                "uniform_notes",
                tuple(v.id for v in in_period),
                in_period[-1].started_at.date(),
                f"{names.helper(helper_id)} {_since(since, end)}的 {len(notes)} 次走访记录彼此平均有 {mean:.0%} 的字句相同，"
                f"内容长期千篇一律；本期：{names.visits(in_period, limit=3)}",
                key=f"{helper_id}:{Month.of(end)}",
            )
        )
    return signals


def _since(first: date, last: date) -> str:
    if first.year == last.year:
        return f"{first.year}年{day_label(first)}至{day_label(last)}"
    return f"{first.year}年{day_label(first)}至{last.year}年{day_label(last)}"
