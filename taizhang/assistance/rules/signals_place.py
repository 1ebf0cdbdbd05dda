"""Place signals: where the phone said a visit was and what its photos show. The same photo in visits to different
households (or months), the same position reported at different households, a position far from the household.
No Django here."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from taizhang.assistance.rules.signals import Signal, VisitFacts, distance_metres

FAR_METRES = 500
SAME_POSITION_METRES = 2
PHOTO_DISTANCE_BITS = 4
# Unrelated photos' hashes lie about 32 bits apart; a looser limit than this would compare too many of them.
MAX_PHOTO_DISTANCE = 8

# Along a meridian a degree is this many metres (distance_metres's sphere); two points `m` metres apart differ by at
# most m / METRES_PER_DEGREE degrees of latitude, whatever their longitudes.
METRES_PER_DEGREE = 6_371_000 * math.pi / 180
HASH_BITS = 64
# A frame with (nearly) nothing in it — the lens covered, a white wall — hashes to (almost) all zeros or ones; two of
# them are not the same photo.
BLANK_BITS = 2


def far_from_home(
    visits: Iterable[VisitFacts], homes: dict[int, tuple[float, float]], *, metres: float = FAR_METRES
) -> list[Signal]:
    """Visits started or ended (as the phone reported it) far from the household's recorded location."""
    signals = []
    for visit in visits:
        home = homes.get(visit.household_id)
        if home is None:
            continue
        for label, position in (("开始", visit.start_position), ("结束", visit.end_position)):
            if position is not None and (away := distance_metres(home, position)) > metres:
                signals.append(Signal("far_from_home", (visit.id,), f"{label}走访时距该户登记位置约 {away:,.0f} 米"))
                break
    return signals


class _Groups:
    """Union-find over visit ids; each group remembers the widest link that joined it."""

    def __init__(self):
        self.parent: dict[int, int] = {}
        self.widest: dict[int, float] = {}

    def find(self, a: int) -> int:
        self.parent.setdefault(a, a)
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int, width: float) -> None:
        ra, rb = self.find(a), self.find(b)
        widest = max(width, self.widest.get(ra, 0), self.widest.get(rb, 0))
        if ra != rb:
            self.parent[rb] = ra
        self.widest[ra] = widest

    def groups(self) -> list[tuple[tuple[int, ...], float]]:
        members: dict[int, list[int]] = defaultdict(list)
        for a in self.parent:
            members[self.find(a)].append(a)
        return [(tuple(sorted(ids)), self.widest.get(root, 0)) for root, ids in members.items() if len(ids) > 1]


@dataclass(frozen=True)
class Coincidence:
    """Visits to different households whose phone positions coincide; `metres` is the widest of the links."""

    visit_ids: tuple[int, ...]
    metres: float


def same_positions(visits: Iterable[VisitFacts], *, metres: float = SAME_POSITION_METRES) -> list[Coincidence]:
    """Visits to different households where a position the phone reported (start or end) lies within `metres` of
    one reported at the other; visits linked through a third make one group. A phone's fix wanders by several metres
    from one moment to the next, so two households' visits at the same spot mean the phone did not move between
    them. Sorted by latitude, each point is compared only with those within `metres` of latitude from it."""
    at: dict[tuple[float, float], dict[int, int]] = defaultdict(dict)  # position → visit → household
    for visit in {v.id: v for v in visits}.values():
        for position in (visit.start_position, visit.end_position):
            if position is not None:
                at[position][visit.id] = visit.household_id
    groups = _Groups()

    def link(here: dict[int, int], there: dict[int, int], width: float) -> None:
        for (a, household_a), (b, household_b) in ((x, y) for x in here.items() for y in there.items()):
            if household_a != household_b:
                groups.join(a, b, width)

    for here in at.values():
        link(here, here, 0.0)
    points = sorted(at)
    reach = metres / METRES_PER_DEGREE * (1 + 1e-9) + 1e-12
    for i, a in enumerate(points):
        across = reach / max(math.cos(math.radians(a[0])), 1e-6)  # the same reach in longitude at this latitude
        for j in range(i + 1, len(points)):
            b = points[j]
            if b[0] - a[0] > reach:
                break
            if abs(b[1] - a[1]) <= across and (d := distance_metres(a, b)) <= metres:
                link(at[a], at[b], d)
    return [Coincidence(ids, width) for ids, width in groups.groups()]


@dataclass(frozen=True)
class Photo:
    visit_id: int
    household_id: int
    month: int  # months since year 0 (year * 12 + month - 1): what "another month" means
    phash: int  # the 64-bit perceptual hash
    in_period: bool = True  # a photo of the period asked about (the others are earlier ones it may repeat)


@dataclass(frozen=True)
class PhotoMatch:
    """Visits whose photos are the same picture; `bits` is the widest difference of the links."""

    visit_ids: tuple[int, ...]
    bits: int


def _near_pairs(probe: np.ndarray, pool: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) with probe[i] and pool[j] at most `bits` apart. Two hashes within `bits` agree exactly on at
    least one of `bits + 1` slices of them, so for each slice the probe is sorted by it and each of the pool's hashes
    is compared only with the probes that share its slice (a pair sharing several slices comes once for each)."""
    parts = bits + 1
    edges = [HASH_BITS * i // parts for i in range(parts + 1)]
    found_i, found_j = [], []
    for lo, hi in pairwise(edges):
        mask = np.uint64((1 << (hi - lo)) - 1)
        probe_keys = (probe >> np.uint64(lo)) & mask
        order = np.argsort(probe_keys)
        sorted_keys = probe_keys[order]
        pool_keys = (pool >> np.uint64(lo)) & mask
        if hi - lo <= 16:  # a table of where each slice value's probes start: a lookup instead of a search
            per_value = np.bincount(sorted_keys.astype(np.intp), minlength=1 << (hi - lo))
            at = pool_keys.astype(np.intp)
            counts = per_value[at]
            left = (np.cumsum(per_value) - per_value)[at]
        else:
            left = np.searchsorted(sorted_keys, pool_keys, "left")
            counts = np.searchsorted(sorted_keys, pool_keys, "right") - left
        total = int(counts.sum())
        if not total:
            continue
        j = np.repeat(np.arange(len(pool)), counts)
        i = order[np.arange(total) + np.repeat(left - (np.cumsum(counts) - counts), counts)]
        near = np.bitwise_count(probe[i] ^ pool[j]) <= bits
        found_i.append(i[near])
        found_j.append(j[near])
    if not found_i:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(found_i), np.concatenate(found_j)


def same_photos(photos: Iterable[Photo], *, distance: float = PHOTO_DISTANCE_BITS) -> list[PhotoMatch]:
    """Photos whose hashes differ in at most `distance` bits (0 to MAX_PHOTO_DISTANCE), in visits to different
    households or in different months, at least one of them of the period; visits linked through a third make one
    group. Blank frames are not compared."""
    bits = min(max(0, int(distance)), MAX_PHOTO_DISTANCE)
    photos = list(photos)
    hashes = np.fromiter((p.phash for p in photos), dtype=np.uint64, count=len(photos))
    ones = np.bitwise_count(hashes)
    kept = (ones > BLANK_BITS) & (ones < HASH_BITS - BLANK_BITS)
    in_period = kept & np.fromiter((p.in_period for p in photos), dtype=bool, count=len(photos))
    probe, pool = np.flatnonzero(in_period), np.flatnonzero(kept)
    if not len(probe):
        return []
    groups = _Groups()
    for i, j in zip(*_near_pairs(hashes[probe], hashes[pool], bits), strict=True):
        a, b = photos[probe[i]], photos[pool[j]]
        if a.visit_id == b.visit_id or (a.household_id == b.household_id and a.month == b.month):
            continue
        groups.join(a.visit_id, b.visit_id, (a.phash ^ b.phash).bit_count())
    return [PhotoMatch(ids, int(width)) for ids, width in groups.groups()]
