"""The place signals (照片重复, 位置完全相同, 位置偏离): tables of cases, properties, and the family through detect."""

import importlib
import io
import math
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from taizhang.assistance.integrity.kinds import FAR_FROM_HOME, PLACE, SAME_PHOTO, SAME_POSITION
from taizhang.assistance.models import AssistedHousehold, VisitPhoto
from taizhang.assistance.photos import phash_of
from taizhang.assistance.rules.signals import VisitFacts, distance_metres
from taizhang.assistance.rules.signals_place import (
    METRES_PER_DEGREE,
    Photo,
    far_from_home,
    same_photos,
    same_positions,
)
from taizhang.integrity.detection import detect
from taizhang.integrity.services import setting_set
from tests.assistance.conftest import assist_many, visit

T0 = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
HERE = (36.978400, 117.176900)  # 新市村


def at_place(id, household, start=None, end=None, *, minutes_from_t0=0):
    begin = T0 + timedelta(minutes=minutes_from_t0)
    return VisitFacts(id, household, 7, begin, begin + timedelta(minutes=30), begin, "", start, end)


def moved(point, metres, bearing_degrees=90.0):
    """`point` moved `metres` towards the bearing (0 = north, 90 = east)."""
    bearing = math.radians(bearing_degrees)
    lat = point[0] + metres * math.cos(bearing) / METRES_PER_DEGREE
    lng = point[1] + metres * math.sin(bearing) / (METRES_PER_DEGREE * math.cos(math.radians(point[0])))
    return (lat, lng)


# --- same position --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "visits, groups",
    [
        ([at_place(1, 10, HERE), at_place(2, 11, HERE)], [(1, 2)]),  # two households, one spot
        ([at_place(1, 10, HERE), at_place(2, 10, HERE)], []),  # the same household visited twice
        ([at_place(1, 10, HERE, HERE)], []),  # a visit's start and end
        ([at_place(1, 10, HERE), at_place(2, 11, None, moved(HERE, 1.9))], [(1, 2)]),  # one's end by the other's start
        ([at_place(1, 10, HERE), at_place(2, 11, moved(HERE, 2.1))], []),
        (
            [at_place(1, 10, HERE), at_place(2, 11, moved(HERE, 1.5, 0)), at_place(3, 12, moved(HERE, 3, 0))],
            [(1, 2, 3)],
        ),
        ([at_place(1, 10), at_place(2, 11)], []),  # no positions
    ],
)
def test_phone_positions_that_coincide_at_different_households_are_flagged(visits, groups):
    assert [c.visit_ids for c in same_positions(visits, metres=2)] == groups


@given(
    lat=st.floats(min_value=18, max_value=53),
    lng=st.floats(min_value=73, max_value=135),
    metres=st.floats(min_value=0, max_value=6),
    bearing=st.floats(min_value=0, max_value=360),
    limit=st.sampled_from([1, 2, 5]),
)
def test_positions_within_the_limit_count_as_identical_and_beyond_do_not(lat, lng, metres, bearing, limit):
    a, b = (lat, lng), moved((lat, lng), metres, bearing)
    found = same_positions([at_place(1, 10, a), at_place(2, 11, b)], metres=limit)
    assert bool(found) is (distance_metres(a, b) <= limit)


@given(
    offsets=st.lists(
        st.tuples(st.floats(min_value=0, max_value=8), st.floats(min_value=0, max_value=360)), min_size=2, max_size=12
    ),
    shift=st.integers(min_value=-100_000, max_value=100_000),
)
def test_shifting_every_visit_in_time_changes_no_place_signal(offsets, shift):
    visits = [
        at_place(i, 10 + i % 4, moved(HERE, d, b), moved(HERE, d / 2, b), minutes_from_t0=i * 50)
        for i, (d, b) in enumerate(offsets)
    ]
    later = [
        at_place(v.id, v.household_id, v.start_position, v.end_position, minutes_from_t0=v.id * 50 + shift)
        for v in visits
    ]
    assert same_positions(visits, metres=2) == same_positions(later, metres=2)
    homes = {10: HERE, 11: moved(HERE, 600)}
    assert far_from_home(visits, homes, metres=5) == far_from_home(later, homes, metres=5)


@given(
    offsets=st.lists(
        st.tuples(st.floats(min_value=0, max_value=10), st.floats(min_value=0, max_value=360)), max_size=15
    )
)
def test_the_sweep_finds_exactly_the_pairs_a_full_comparison_finds(offsets):
    visits = [at_place(i, i % 5, moved(HERE, d, b)) for i, (d, b) in enumerate(offsets)]
    linked = {
        frozenset((a.id, b.id))
        for a in visits
        for b in visits
        if a.household_id != b.household_id and distance_metres(a.start_position, b.start_position) <= 2
    }
    groups = [set(c.visit_ids) for c in same_positions(visits, metres=2)]
    for pair in linked:
        assert any(pair <= g for g in groups)
    assert {i for g in groups for i in g} == {i for pair in linked for i in pair}


# --- far from home --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, flagged",
    [
        (moved(HERE, 499), moved(HERE, 10), False),
        (moved(HERE, 501), None, True),
        (None, moved(HERE, 2400, 200), True),  # the end far away
        (None, None, False),
    ],
)
def test_a_position_farther_than_the_limit_from_the_recorded_home_is_flagged(start, end, flagged):
    assert bool(far_from_home([at_place(1, 10, start, end)], {10: HERE}, metres=500)) is flagged


# --- same photo -----------------------------------------------------------------------------------

A = 0x9F3A_5C21_E07B_4D86
B = 0x1234_5678_9ABC_DEF0
MARCH, APRIL = 2026 * 12 + 2, 2026 * 12 + 3


def flipped(value: int, *bits: int) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


@pytest.mark.parametrize(
    "photos, groups",
    [
        ([Photo(1, 10, MARCH, A), Photo(2, 11, MARCH, A)], [((1, 2), 0)]),  # one photo, two households
        ([Photo(1, 10, MARCH, A), Photo(2, 10, MARCH, A)], []),  # one household, one month
        ([Photo(1, 10, MARCH, A), Photo(1, 10, MARCH, A)], []),  # twice in one visit
        ([Photo(1, 10, MARCH, A, False), Photo(2, 10, APRIL, A)], [((1, 2), 0)]),  # last month's photo again
        ([Photo(1, 10, MARCH, A), Photo(2, 11, MARCH, flipped(A, 0, 17, 33, 63))], [((1, 2), 4)]),
        ([Photo(1, 10, MARCH, A), Photo(2, 11, MARCH, flipped(A, 0, 17, 33, 62, 63))], []),  # five bits apart
        ([Photo(1, 10, MARCH, A), Photo(2, 11, MARCH, B)], []),
        ([Photo(1, 10, MARCH, A, False), Photo(2, 11, MARCH, A, False)], []),  # both before the period
        ([Photo(1, 10, MARCH, 0), Photo(2, 11, MARCH, 1 << 63)], []),  # two blank frames
        (
            [Photo(1, 10, MARCH, A), Photo(2, 11, MARCH, flipped(A, 3)), Photo(3, 12, MARCH, flipped(A, 3, 9))],
            [((1, 2, 3), 2)],  # the widest link: 1 and 3 are two bits apart
        ),
    ],
)
def test_the_same_photo_in_visits_to_different_households_or_months_is_flagged(photos, groups):
    assert [(m.visit_ids, m.bits) for m in same_photos(photos, distance=4)] == groups


@given(
    hashes=st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=6),
    flips=st.lists(st.lists(st.integers(min_value=0, max_value=63), max_size=7), min_size=1, max_size=12),
    distance=st.integers(min_value=0, max_value=8),
)
def test_the_sliced_comparison_finds_exactly_the_pairs_a_full_comparison_finds(hashes, flips, distance):
    photos = [Photo(i, i, MARCH, flipped(hashes[i % len(hashes)], *bits)) for i, bits in enumerate(flips)]
    kept = [p for p in photos if 2 < p.phash.bit_count() < 62]
    linked = {
        frozenset((a.visit_id, b.visit_id))
        for a in kept
        for b in kept
        if a.visit_id != b.visit_id and (a.phash ^ b.phash).bit_count() <= distance
    }
    groups = [set(m.visit_ids) for m in same_photos(photos, distance=distance)]
    for pair in linked:
        assert any(pair <= g for g in groups)
    assert {i for g in groups for i in g} == {i for pair in linked for i in pair}


@given(shift=st.integers(min_value=-240, max_value=240))
def test_moving_every_photo_by_the_same_number_of_months_changes_nothing(shift):
    photos = [
        Photo(1, 10, MARCH, A, False),
        Photo(2, 10, APRIL, flipped(A, 5)),
        Photo(3, 10, APRIL, B),
        Photo(4, 10, APRIL, B),
        Photo(5, 11, MARCH, flipped(B, 1, 2), False),
    ]
    later = [Photo(p.visit_id, p.household_id, p.month + shift, p.phash, p.in_period) for p in photos]
    assert same_photos(photos) == same_photos(later)


# --- through detect -------------------------------------------------------------------------------


def picture(seed: int, quality: int = 90) -> bytes:
    """A photo-like picture: soft shapes on a gradient, different for each seed."""
    rng = random.Random(seed)
    image = Image.new("RGB", (320, 240))
    pixels = image.load()
    shapes = [(rng.randrange(320), rng.randrange(240), rng.randrange(20, 90), rng.randrange(256)) for _ in range(6)]
    for x in range(320):
        for y in range(240):
            value = (x + y) // 3
            for cx, cy, r, shade in shapes:
                if (x - cx) ** 2 + (y - cy) ** 2 < r * r:
                    value = shade
            pixels[x, y] = (value, (value * 2) % 256, 255 - value)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def upload(content: bytes, name: str = "p.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_photo_recompressed_keeps_its_hash_within_a_few_bits_and_an_unreadable_one_has_none():
    first, again, other = (phash_of(upload(picture(s, q))) for s, q in ((1, 92), (1, 60), (2, 92)))
    assert len(first) == 16 and (int(first, 16) ^ int(again, 16)).bit_count() <= 4
    assert (int(first, 16) ^ int(other, 16)).bit_count() > 10
    assert phash_of(upload(b"not a picture")) == ""


APRIL_PERIOD = (date(2025, 4, 1), date(2025, 4, 30))


def spot(metres: float) -> tuple[Decimal, Decimal]:
    """A place `metres` east of HERE, as a phone reports it (six decimals)."""
    return tuple(Decimal(f"{x:.6f}") for x in moved(HERE, metres))


def test_the_place_family_finds_a_reused_photo_coinciding_positions_and_a_visit_far_from_home(assisted):
    world = assisted
    one, two, three = assist_many(world, 3)
    AssistedHousehold.objects.filter(household__household_no=three).update(latitude=HERE[0], longitude=HERE[1])
    worker = world.wenshao_worker
    march = visit(worker, one, date(2025, 3, 20), "09:00", 40, photos=[upload(picture(1))])
    reused = visit(worker, two, date(2025, 4, 8), "09:00", 40, photos=[upload(picture(1, 55))])
    visit(worker, one, date(2025, 4, 9), "09:00", 40, photos=[upload(picture(2))], start_position=spot(900))
    visit(worker, three, date(2025, 4, 9), "14:00", 40, start_position=spot(900.2))
    visit(worker, three, date(2025, 4, 10), "14:00", 35, start_position=spot(20), end_position=spot(30))
    assert VisitPhoto.objects.filter(visit=march).get().phash == phash_of(upload(picture(1)))

    place = {kind.key for kind in PLACE}
    found = {f.finding.kind: f.finding for f in detect(world.xinshi.pk, *APRIL_PERIOD, kinds=place)}

    assert set(found) == {SAME_PHOTO, SAME_POSITION, FAR_FROM_HOME}
    photo = found[SAME_PHOTO]
    assert photo.day == date(2025, 4, 8)
    assert [r.columns[:3] for r in photo.records] == [(one, "2025-03-20", "09:00"), (two, "2025-04-08", "09:00")]
    assert photo.detail.startswith(f"{one} 3月20日 09:00、{two} 4月8日 09:00：2 户、2 个月的走访用了")
    assert [r.ref for r in photo.records] == [f"visit:{march.pk}", f"visit:{reused.pk}"]
    position = found[SAME_POSITION]
    assert position.detail.startswith(f"{one} 4月9日 09:00、{three} 4月9日 14:00：2 户的走访，手机定位相距不超过 2 米")
    assert found[FAR_FROM_HOME].detail == f"{three} 4月9日 14:00：开始走访时距该户登记位置约 900 米"

    # a unit that compares April's photos with none of the months before does not see March's photo again
    setting_set(
        actor=world.xs_admin,
        unit=world.xinshi,
        kind=SAME_PHOTO,
        param="months",
        value="0",
        effective_from=date(2025, 4, 1),
    )
    assert not detect(world.xinshi.pk, *APRIL_PERIOD, kinds={SAME_PHOTO})


def test_photos_kept_before_hashes_are_hashed_by_the_migration_and_an_unreadable_one_is_skipped(assisted):
    from django.apps import apps

    hashing = importlib.import_module("taizhang.assistance.migrations.0006_visit_photos_perceptual_hash")
    world = assisted
    kept = visit(world.xs_worker, "XS001", date(2025, 3, 3), "09:00", 40, photos=[upload(picture(3)), upload(b"x")])
    VisitPhoto.objects.filter(visit=kept).update(phash="")

    hashing.hash_existing_photos(apps, None)

    assert sorted(VisitPhoto.objects.filter(visit=kept).values_list("phash", flat=True)) == [
        "",
        phash_of(upload(picture(3))),
    ]
