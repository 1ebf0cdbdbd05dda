"""Targets cascade zone → department → post → person on the cycle's target page, each step audited."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.people.models import KpiTarget
from taizhang.people.targets import cascaded_share, target_create


def test_a_zone_target_cascades_to_departments_posts_and_people(zone):
    total = target_create(
        actor=zone.committee, cycle=zone.cycle, level="zone", name="营业收入", value="1000", measure="亿元"
    )
    economy = target_create(
        actor=zone.committee,
        cycle=zone.cycle,
        level="department",
        name="营业收入",
        value="600",
        parent=total,
        department=zone.economy,
    )
    post = target_create(
        actor=zone.committee,
        cycle=zone.cycle,
        level="post",
        name="营业收入",
        value="200",
        parent=economy,
        post=zone.officer_post,
    )
    target_create(
        actor=zone.committee,
        cycle=zone.cycle,
        level="person",
        name="营业收入",
        value="100",
        parent=post,
        user=zone.staff[2],
    )
    assert cascaded_share(total) == D(600) and cascaded_share(economy) == D(200)
    assert post.department == zone.economy
    assert AuditEntry.objects.filter(object_type="people.target").count() == 4


def test_a_target_must_come_from_a_higher_level_and_name_its_owner(zone):
    total = target_create(actor=zone.committee, cycle=zone.cycle, level="zone", name="营业收入", value="1000")
    with pytest.raises(ValidationError, match="请选择上级目标"):
        target_create(
            actor=zone.committee, cycle=zone.cycle, level="department", name="收入", value="1", department=zone.office
        )
    with pytest.raises(ValidationError, match="请选择部门"):
        target_create(actor=zone.committee, cycle=zone.cycle, level="department", name="收入", value="1", parent=total)
    with pytest.raises(ValidationError, match="目标值"):
        target_create(actor=zone.committee, cycle=zone.cycle, level="zone", name="收入", value="很多")
    with pytest.raises(ValidationError, match="不超过 64 字"):
        target_create(actor=zone.committee, cycle=zone.cycle, level="zone", name="收" * 3000, value="1")


def test_the_target_page_adds_a_target_and_shows_the_tree(zone, login):
    client = login(zone.committee)
    url = f"/people/cycles/{zone.cycle.pk}/targets/"
    assert (
        client.post(url, {"level": "zone", "name": "规上工业总产值", "value": "500", "measure": "亿元"}).status_code
        == 302
    )
    parent = KpiTarget.objects.get()
    data = {
        "level": "department",
        "parent": parent.pk,
        "department": zone.economy.pk,
        "name": "规上工业总产值",
        "value": "300",
    }
    assert client.post(url, data).status_code == 302
    text = client.get(url).content.decode()
    assert "经济发展部" in text and "500 亿元" in text
    page = client.post(url, {"level": "person", "name": "产值", "value": "1"})
    assert page.status_code == 400 and "请选择上级目标" in page.content.decode()
    assert login(zone.staff[0]).get(url).status_code == 403


def test_the_zone_targets_are_offered_the_districts_zone_indicators_as_names(zone, login):
    text = login(zone.committee).get(f"/people/cycles/{zone.cycle.pk}/targets/").content.decode()
    assert 'list="zone-indicators"' in text
    assert '<option value="亩均税收">发展质量 · 万元/亩</option>' in text
    assert '<option value="营业收入">经济总量 · 亿元</option>' in text
