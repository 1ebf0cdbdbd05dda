"""bulk_insert: the fast path for imports writes exactly what the ORM would."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.core.bulk import JsonText, bulk_insert
from taizhang.core.models import RecordStatus
from taizhang.registry.models import Household, LifeStatus, Person
from tests.conftest import make_id


def test_rows_get_defaults_conversions_and_timestamps(world):
    household = Household.objects.create(
        unit=world.xinshi, community=world.xinshi_village, household_no="XS900", address="新市村1号"
    )
    before = timezone.now()
    count = bulk_insert(
        Person,
        [
            {
                "unit_id": world.xinshi.id,
                "household_id": household.id,
                "name": f"测试{i}",
                "name_initials": "cs",
                "id_number": make_id(i),
                "id_reversed": make_id(i)[::-1],
                "gender": "女",
                "birth_date": date(1970, 5, 17),
                "relation": "户主" if i == 0 else "子",
                "is_student": i == 1,
            }
            for i in range(3)
        ],
    )
    assert count == 3
    people = list(Person.objects.filter(household=household).order_by("id"))
    assert [p.name for p in people] == ["测试0", "测试1", "测试2"]
    first = people[0]
    assert first.birth_date == date(1970, 5, 17) and first.status == RecordStatus.ACTIVE
    assert first.life_status == LifeStatus.ALIVE and first.phone == "" and first.voided_at is None
    assert people[1].is_student and not people[2].is_student
    assert first.created_at >= before and first.updated_at >= before


def test_json_given_as_a_value_or_as_serialised_text(world):
    bulk_insert(
        AuditEntry,
        [
            {
                "chain_key": 999,
                "chain_seq": seq,
                "prev_hash": "0" * 64,
                "entry_hash": "1" * 64,
                "at": timezone.now(),
                "actor_name": "测试",
                "action": "create",
                "object_type": "t",
                "changes": changes,
            }
            for seq, changes in ((1, {"地址": [None, "新"]}), (2, JsonText('{"地址":["旧","新"]}')))
        ],
    )
    stored = [e.changes for e in AuditEntry.objects.filter(chain_key=999).order_by("chain_seq")]
    assert stored == [{"地址": [None, "新"]}, {"地址": ["旧", "新"]}]


def test_a_constraint_violation_is_djangos_integrity_error(world):
    row = {"unit_id": world.xinshi.id, "household_no": "XS901", "community_id": world.xinshi_village.id, "address": "x"}
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(Household, [row, dict(row)])
    assert not Household.objects.filter(household_no="XS901").exists()


def test_an_empty_input_writes_nothing(world):
    assert bulk_insert(Household, []) == 0


def test_rows_given_as_tuples_take_constants_and_defaults(world):
    household = Household.objects.create(
        unit=world.xinshi, community=world.xinshi_village, household_no="XS901", address="新市村2号"
    )
    now = timezone.now()
    count = bulk_insert(
        Person,
        ((household.id, f"测试{i}", "cs", make_id(i), make_id(i)[::-1], "男", "1970-05-17", "子") for i in range(2)),
        columns=(
            "household_id",
            "name",
            "name_initials",
            "id_number",
            "id_reversed",
            "gender",
            "birth_date",
            "relation",
        ),
        constants={
            "unit_id": world.xinshi.id,
            "created_at": now,
            "updated_at": now,
            "life_status": LifeStatus.DECEASED,
        },
    )
    assert count == 2
    people = list(Person.objects.filter(household=household).order_by("id"))
    assert [p.name for p in people] == ["测试0", "测试1"] and people[0].birth_date == date(1970, 5, 17)
    assert people[0].status == RecordStatus.ACTIVE and people[0].life_status == LifeStatus.DECEASED
    assert people[0].created_at == now and people[0].phone == ""


def test_choices_are_written_as_their_plain_values():
    from taizhang.core.bulk import _plain

    assert type(_plain(RecordStatus.ACTIVE)) is str and _plain(RecordStatus.ACTIVE) == "active"
    assert _plain("文字") == "文字" and _plain(None) is None
