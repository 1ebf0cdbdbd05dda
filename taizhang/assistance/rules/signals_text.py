"""Visit signals about what helpers wrote: near-identical notes across households (similar_notes) and one helper's notes
that barely vary over months (uniform_notes). No Django here.

Two notes' similarity is the Jaccard index |A∩B| / |A∪B| of their character 3-gram shingles, read after normalising
(full-width to half-width, lower case, no whitespace or punctuation). Changing one two-character word in a note of n
shingles leaves at least (n−4)/(n+4) of them shared: 0.75 for a 30-character note, 0.85 for a 60-character one.

Among many notes, MinHash sketches (datasketch's permutations) banded as datasketch's MinHashLSH bands them pick the
pairs worth comparing; every pair is decided by the exact index, so the sketches only choose which pairs are looked
at."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache
from itertools import combinations

import numpy as np

from taizhang.assistance.rules.signals import NO_NAMES, Names, VisitFacts, VisitSignal, day_label
from taizhang.assistance.rules.visits import Month

SHINGLE = 3
NUM_PERM = 64
SEED = 1
# The index is weighted against missing a pair rather than against proposing one: a pair at the threshold is
# proposed 9 times in 10, one 5 points above it 19 in 20, one 10 points above 99 in 100.
LSH_WEIGHTS = (0.1, 0.9)
# A proposed pair whose sketches agree on fewer than (threshold − this) of their values is not compared exactly: with
# 64 values that leaves out a pair at the threshold about once in 4,000.
ESTIMATE_MARGIN = 0.2
# Up to this many distinct notes every pair is compared exactly: cheaper than sketching them.
EXACT_UP_TO = 150
# uniform_notes: a helper's mean similarity over all pairs of at most this many notes, taken evenly through time.
MEAN_NOTES = 16  # evenly taken: 120 pairs estimate a helper's months well enough, within a month's time budget
PREVIEW = 30


@lru_cache(maxsize=1 << 15)  # the two text signals read the same notes
def normalised(text: str) -> str:
    """Letters, digits and characters only, lower case, full-width forms folded (ＡＢ１ → ab1)."""
    text = re.sub(r"[\W_]+", "", text or "")
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):  # punctuation gone, this is rare
        text = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))
    return text.lower()


@lru_cache(maxsize=1 << 15)
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


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, as datasketch's affine32 scheme applies it to each input hash."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def piece_hashes(norm: str) -> list[int]:
    """The 32-bit input hash of each 3-character piece of a normalised note (of at least 3 characters), as
    sketches() computes it: the three code points side by side in 63 bits, folded to 32."""
    codes = [ord(c) for c in norm]
    hashes = []
    for i in range(len(codes) - SHINGLE + 1):
        piece = codes[i] << 42 | codes[i + 1] << 21 | codes[i + 2]
        hashes.append((piece ^ piece >> 32) & 0xFFFFFFFF)
    return hashes


def sketches(texts: Sequence[str]) -> np.ndarray:
    """The normalised notes' MinHash signatures, one row each: the values datasketch's MinHash (num_perm=NUM_PERM,
    seed=SEED, affine32) holds after update_batch(piece_hashes(note)), computed for all notes at once in numpy —
    twenty times faster than one MinHash per note. A note shorter than 3 characters is padded to one piece."""
    padded = [text.ljust(SHINGLE, "\0") for text in texts]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    pieces = codes[:-2] << np.uint64(42) | codes[1:-1] << np.uint64(21) | codes[2:]
    ends = np.cumsum(lengths)
    within = np.ones(len(pieces), dtype=bool)
    within[np.concatenate([ends[:-1] - 2, ends[:-1] - 1])] = False  # the pieces that straddle two notes
    pieces = pieces[within]
    hashed = _fmix32((pieces ^ pieces >> np.uint64(32)).astype(np.uint32))
    firsts = np.concatenate(([0], np.cumsum(lengths - 2)[:-1]))
    from datasketch import MinHash  # here: importing datasketch (and SciPy) costs every process 0.7 s at start

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED).permutations
    signatures = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    for p in range(NUM_PERM):
        signatures[:, p] = np.minimum.reduceat(hashed * a[p] + b[p], firsts)
    return signatures


@cache
def bands(threshold: float) -> tuple[int, int]:
    """How many bands of how many rows datasketch's MinHashLSH chooses for the threshold (NUM_PERM, LSH_WEIGHTS)."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=min(max(threshold, 0.05), 0.95), num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    return index.b, index.r


def proposed_pairs(signatures: np.ndarray, threshold: float) -> np.ndarray:
    """The pairs of rows (i < j, each once) that agree on every value of at least one band: the candidates
    MinHashLSH would propose with bands(threshold), found by sorting each band's keys in numpy instead of one
    Python insert per note and band (ten times faster on a month of notes)."""
    count, rows = bands(threshold)
    found = [np.empty((0, 2), dtype=np.int64)]
    for band in range(count):
        key = np.zeros(len(signatures), dtype=np.uint64)
        for column in signatures[:, band * rows : (band + 1) * rows].T:  # FNV-1a over the band's values
            key = (key ^ column.astype(np.uint64)) * np.uint64(0x100000001B3)
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        # Rows with equal keys sit side by side: pairs at distance 1, 2 … until a distance finds none.
        for distance in range(1, len(ordered)):
            same = ordered[:-distance] == ordered[distance:]
            if not same.any():
                break
            found.append(np.stack([order[:-distance][same], order[distance:][same]], axis=1))
    pairs = np.sort(np.concatenate(found), axis=1)
    codes = np.unique(pairs[:, 0] * len(signatures) + pairs[:, 1])
    return np.stack([codes // len(signatures), codes % len(signatures)], axis=1)


def _candidate_pairs(texts: Sequence[str], threshold: float) -> Iterable[tuple[int, int]]:
    if len(texts) <= EXACT_UP_TO:
        return combinations(range(len(texts)), 2)
    signatures = sketches(texts)
    pairs = proposed_pairs(signatures, threshold)
    agreeing = (signatures[pairs[:, 0]] == signatures[pairs[:, 1]]).mean(axis=1)
    return pairs[agreeing >= threshold - ESTIMATE_MARGIN].tolist()


def similar_notes(
    visits: Iterable[VisitFacts], *, threshold: float, min_length: int, names: Names = NO_NAMES
) -> list[VisitSignal]:
    """Clusters of notes each as similar as `threshold` (0–1) to another of the cluster, written at two or more
    households: one signal per cluster, naming all its visits. Notes shorter than `min_length` characters (after
    normalising) are left out; one household's similar notes alone are no signal."""
    if threshold > 1:  # no two notes are more than identical
        return []
    by_text: dict[str, dict[int, VisitFacts]] = defaultdict(dict)
    for visit in visits:
        norm = normalised(visit.text)
        if len(norm) >= min_length:
            by_text[norm][visit.id] = visit
    texts = list(by_text)
    sets: dict[int, frozenset[str]] = {}

    def pieces(i: int) -> frozenset[str]:
        if i not in sets:
            sets[i] = shingles(texts[i])
        return sets[i]

    clusters = _Clusters(len(texts))
    for i, j in _candidate_pairs(texts, threshold):
        if clusters.find(i) != clusters.find(j) and jaccard(pieces(i), pieces(j)) >= threshold:
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


def mean_similarity(notes: Sequence[str]) -> float:
    """The mean similarity of every pair of the notes, or of MEAN_NOTES of them taken evenly."""
    if len(notes) > MEAN_NOTES:
        notes = [notes[round(i * (len(notes) - 1) / (MEAN_NOTES - 1))] for i in range(MEAN_NOTES)]
    sets = [shingles(normalised(note)) for note in notes]
    pairs = list(combinations(sets, 2))
    return sum(jaccard(a, b) for a, b in pairs) / len(pairs) if pairs else 0.0


_WRITTEN = re.compile(r"[^\W_]")  # a letter, digit or character: what normalised() keeps


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
    by_helper: dict[int, dict[int, VisitFacts]] = defaultdict(dict)
    for visit in visits:
        if since <= visit.started_at.date() <= end and _WRITTEN.search(visit.text or ""):
            by_helper[visit.helper_id][visit.id] = visit
    signals = []
    for helper_id, by_id in sorted(by_helper.items()):
        notes = sorted(by_id.values(), key=lambda v: (v.started_at, v.id))
        in_period = [v for v in notes if v.started_at.date() >= start]
        if not in_period or len(notes) < max(min_visits, 2):
            continue
        mean = mean_similarity([v.text for v in notes])
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
