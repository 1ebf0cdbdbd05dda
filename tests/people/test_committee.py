"""考核委员会: the unit admin seats and unseats members (audited); a seated member manages, an unseated one no
longer does; the page is the unit's readers' only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.org.models import User
from taizhang.people import committee, policies
from taizhang.people.models import Committee


def fresh(user):
    return User.objects.get(pk=user.pk)  # a new request's user: the committee check is cached per request


def test_the_unit_admin_seats_a_member_who_then_manages(zone, world, login):
    member = zone.staff[0]
    assert not policies.can_manage(fresh(member), world.xinshi.pk)
    response = login(world.xs_admin).post("/people/committee/", {"user": member.pk, "title": "副主任"})
    assert response.status_code == 302
    seat = Committee.objects.get(user=member, ended_at__isnull=True)
    assert seat.title == "副主任" and seat.added_at is not None
    assert policies.can_manage(fresh(member), world.xinshi.pk)
    entry = AuditEntry.objects.get(object_type="people.committee", object_id=str(seat.pk))
    assert entry.action == AuditEntry.Action.CREATE and "副主任" in str(entry.changes)


def test_an_unseated_member_keeps_the_record_and_no_longer_manages(zone, world, login):
    seat = Committee.objects.get(user=zone.committee)
    client = login(world.xs_admin)
    assert client.post(f"/people/committee/{seat.pk}/remove/", {"reason": ""}).status_code == 200  # a reason first
    response = client.post(f"/people/committee/{seat.pk}/remove/", {"reason": "调任区发改局"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.ended_at is not None and seat.end_reason == "调任区发改局"
    assert not policies.can_manage(fresh(zone.committee), world.xinshi.pk)
    assert 'data-label="姓名">魏委员' not in client.get("/people/committee/").content.decode()
    # Seated again later: a new row beside the ended one.
    committee.member_add(actor=world.xs_admin, unit_id=world.xinshi.pk, user=zone.committee, title="委员")
    assert Committee.objects.filter(user=zone.committee).count() == 2


def test_only_the_unit_admin_changes_the_committee(zone, world, login):
    with pytest.raises(PermissionDenied):
        committee.member_add(actor=zone.committee, unit_id=world.xinshi.pk, user=zone.staff[1], title="")
    page = login(zone.committee).get("/people/committee/").content.decode()
    assert 'data-label="姓名">魏委员' in page and "增加委员" not in page
    assert login(zone.staff[0]).get("/people/committee/").status_code == 403
    seat = Committee.objects.get(user=zone.committee)
    assert login(world.jy_admin).get(f"/people/committee/{seat.pk}/remove/").status_code == 404


def test_a_member_must_be_an_active_staff_member_of_the_unit_and_not_seated_twice(zone, world):
    with pytest.raises(ValidationError, match="只能选本单位"):
        committee.member_add(actor=world.xs_admin, unit_id=world.xinshi.pk, user=world.jy_worker, title="")
    with pytest.raises(ValidationError, match="已是考核委员会委员"):
        committee.member_add(actor=world.xs_admin, unit_id=world.xinshi.pk, user=zone.committee, title="")
    with pytest.raises(ValidationError, match="职务最多 32 个字"):
        committee.member_add(actor=world.xs_admin, unit_id=world.xinshi.pk, user=zone.staff[0], title="委" * 3000)


def test_a_title_of_3000_characters_gets_a_chinese_error_on_the_page(zone, world, login):
    response = login(world.xs_admin).post("/people/committee/", {"user": zone.staff[0].pk, "title": "委" * 3000})
    assert response.status_code == 200 and "32" in response.content.decode()
    assert not Committee.objects.filter(user=zone.staff[0]).exists()
