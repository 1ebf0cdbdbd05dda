"""Sites and measurements: the history on re-measurement, the measured dates, voiding, who may record, bad dates."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.org.models import Role
from taizhang.renewal import measurements, selectors
from taizhang.renewal.models import Measurement, ProjectHousehold, Site
from taizhang.renewal.sites import site_create, site_void
from taizhang.staff.services import staff_create
from tests.conftest import PASSWORD
from tests.renewal.conftest import START


def courtyard(renewal, number="CL-001", owners=("JY001",), community=None):
    return site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number=number,
        community=community or renewal.world.chengli,
        owners=[renewal.entry(no) for no in owners],
        land_type="国有",
    )


def record(renewal, site, on=date(2020, 5, 20), area="100", actor=None, measurers=None, **kwargs):
    kwargs.setdefault("site_area", D("150"))
    return measurements.measurement_record(
        actor=actor or renewal.jy_group_leader,
        site=site,
        measured_on=on,
        measurers=measurers if measurers is not None else [renewal.jy_group_leader, renewal.world.jy_worker],
        buildings=[{"label": "主房", "structure": "砖混", "floors": 1, "floor_area": D(area)}],
        **kwargs,
    )


def test_a_courtyard_takes_its_owners_group(renewal):
    site = courtyard(renewal)
    assert site.group == renewal.first_group and site.unit_id == renewal.project.unit_id
    assert AuditEntry.objects.filter(
        object_type="renewal.site", household_id=renewal.entry("JY001").household_id
    ).exists()


def test_a_factory_needs_its_enterprise_and_takes_the_communitys_group(renewal):
    with pytest.raises(ValidationError, match="企业名称"):
        site_create(
            actor=renewal.world.jy_admin,
            project=renewal.project,
            kind=Site.Kind.FACTORY,
            number="F1",
            community=renewal.dongguan,
        )
    factory = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F1",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    assert factory.group == renewal.second_group


def test_a_site_number_is_unique_in_the_project_and_kind(renewal):
    courtyard(renewal)
    with pytest.raises(ValidationError, match="已有院落"):
        courtyard(renewal)


def test_owners_must_be_of_the_sites_community(renewal):
    with pytest.raises(ValidationError, match="不是城里居的户"):
        courtyard(renewal, owners=("JY101",))


def test_a_measurement_updates_the_site_and_its_owners_first_measured_day(renewal):
    site = courtyard(renewal)
    m = record(renewal, site)
    site.refresh_from_db()
    assert m.is_current and m.floor_area == D("100.00") and m.flags == ""
    assert (site.floor_area, site.site_area, site.measured_on) == (D("100.00"), D("150.00"), date(2020, 5, 20))
    assert renewal.entry("JY001").measured_on == date(2020, 5, 20)
    entry = AuditEntry.objects.get(object_type="renewal.measurement", object_id=str(m.pk))
    assert entry.household_id == renewal.entry("JY001").household_id and entry.changes["测量人"] == [
        None,
        "陈组长、吴工作",
    ]


def test_a_remeasurement_keeps_the_earlier_record(renewal):
    site = courtyard(renewal)
    first = record(renewal, site, on=date(2020, 5, 20))
    second = record(renewal, site, on=date(2020, 7, 1), area="120.456")
    first.refresh_from_db()
    site.refresh_from_db()
    assert not first.is_current and second.is_current
    assert Measurement.objects.filter(site=site).count() == 2
    assert site.floor_area == D("120.46") and site.measured_on == date(2020, 5, 20)  # the first day it was measured
    assert renewal.entry("JY001").measured_on == date(2020, 5, 20)


def test_an_older_measurement_entered_later_does_not_become_current(renewal):
    site = courtyard(renewal)
    newer = record(renewal, site, on=date(2020, 7, 1))
    older = record(renewal, site, on=date(2020, 5, 20), area="90")
    newer.refresh_from_db()
    site.refresh_from_db()
    assert newer.is_current and not older.is_current
    assert site.floor_area == D("100.00") and site.measured_on == date(2020, 5, 20)


def test_voiding_recomputes_the_current_measurement_and_the_dates(renewal):
    site = courtyard(renewal)
    first = record(renewal, site, on=date(2020, 5, 20))
    second = record(renewal, site, on=date(2020, 7, 1), area="130")
    measurements.measurement_void(actor=renewal.jy_group_leader, measurement=second, reason="量错了")
    first.refresh_from_db()
    site.refresh_from_db()
    assert first.is_current and site.floor_area == D("100.00")
    measurements.measurement_void(actor=renewal.world.jy_admin, measurement=first, reason="重新测量")
    site.refresh_from_db()
    assert site.measured_on is None and site.floor_area is None
    assert renewal.entry("JY001").measured_on is None
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VOID, object_type="renewal.measurement").count() == 2


def test_voiding_needs_a_reason_and_the_recorder_or_the_admin(renewal):
    site = courtyard(renewal)
    m = record(renewal, site)
    with pytest.raises(ValidationError, match="作废原因"):
        measurements.measurement_void(actor=renewal.jy_group_leader, measurement=m, reason=" ")
    with pytest.raises(PermissionDenied):
        measurements.measurement_void(actor=renewal.world.jy_worker, measurement=m, reason="不对")
    measurements.measurement_void(actor=renewal.jy_group_leader, measurement=m, reason="不对")
    with pytest.raises(ValidationError, match="已经作废"):
        measurements.measurement_void(actor=renewal.world.jy_admin, measurement=m, reason="再来")


def test_a_shared_courtyard_marks_each_owner_measured(renewal):
    site = courtyard(renewal, number="DG-1", owners=("JY101", "JY102"), community=renewal.dongguan)
    record(renewal, site, actor=renewal.world.jy_admin)
    assert renewal.entry("JY101").measured_on == renewal.entry("JY102").measured_on == date(2020, 5, 20)
    assert AuditEntry.objects.filter(object_type="renewal.measurement").count() == 2  # one for each household


@pytest.mark.parametrize(
    "day, message",
    [
        (lambda: timezone.localdate() + timedelta(days=1), "不能晚于今天"),  # today as the test runs, not as collected
        (lambda: START - timedelta(days=1), "不能早于项目启动日期"),
    ],
)
def test_bad_dates_are_refused(renewal, day, message):
    with pytest.raises(ValidationError, match=message):
        record(renewal, courtyard(renewal), on=day())


def test_the_project_start_date_itself_is_accepted(renewal):
    assert record(renewal, courtyard(renewal), on=START).measured_on == START


def test_two_different_measuring_staff_are_needed(renewal):
    site = courtyard(renewal)
    with pytest.raises(ValidationError, match="两名不同"):
        record(renewal, site, measurers=[renewal.jy_group_leader, renewal.jy_group_leader])
    with pytest.raises(ValidationError, match="不是本单位"):
        record(renewal, site, measurers=[renewal.jy_group_leader, renewal.world.xs_worker])


def test_a_worker_of_another_community_may_not_record(renewal):
    site = courtyard(renewal, number="DG-1", owners=("JY101",), community=renewal.dongguan)
    with pytest.raises(PermissionDenied, match="工作范围"):
        record(renewal, site, actor=renewal.world.jy_worker)  # 吴工作 works in 城里居


def test_other_units_and_the_population_group_are_refused(renewal):
    site = courtyard(renewal)
    with pytest.raises(PermissionDenied):
        record(renewal, site, actor=renewal.world.xs_admin)
    auditor = staff_create(
        actor=None,
        node=renewal.world.jiyang,
        username="jy_auditor",
        full_name="审计员",
        role=Role.AUDITOR,
        password=PASSWORD,
    )
    with pytest.raises(PermissionDenied):
        record(renewal, site, actor=auditor)


def test_absurd_values_are_recorded_with_their_flags(renewal):
    site = courtyard(renewal)
    m = record(renewal, site, area="0", site_area=D("0"))
    assert m.pk and len(m.flag_list) == 2 and all(f.startswith("待复测") for f in m.flag_list)


def test_a_building_after_the_freeze_is_flagged_with_the_reason(renewal):
    m = measurements.measurement_record(
        actor=renewal.jy_group_leader,
        site=courtyard(renewal),
        measured_on=date(2020, 8, 1),
        measurers=[renewal.jy_group_leader, renewal.world.jy_worker],
        buildings=[
            measurements.BuildingIn(D("100"), "砖混"),
            measurements.BuildingIn(D("20"), "简易", label="偏房", built_on=date(2020, 7, 1)),
        ],
        attachments=[{"kind": "水井", "quantity": D("1"), "measure_unit": "眼"}],
        site_area=D("200"),
    )
    assert m.flag_list == ["偏房：冻结日后（2020-07-01）新建、扩建，不予补偿"]
    assert m.floor_area == D("120.00") and m.attachments.get().kind == "水井"


def test_site_list_filters(renewal):
    a = courtyard(renewal)
    b = courtyard(renewal, number="DG-1", owners=("JY101",), community=renewal.dongguan)
    record(renewal, a, area="0")
    admin = renewal.world.jy_admin
    project = renewal.project
    assert list(selectors.site_list(admin, project, flagged=True)) == [a]
    assert list(selectors.site_list(admin, project, measured="no")) == [b]
    assert list(selectors.site_list(admin, project, group_id=renewal.second_group.pk)) == [b]
    assert list(selectors.site_list(renewal.world.jy_worker, project)) == [a]  # his community only
    counts = selectors.site_counts(admin, project)
    assert (counts["courtyards"], counts["courtyards_measured"], counts["courtyards_flagged"]) == (2, 1, 1)
    assert ProjectHousehold.objects.filter(measured_on__isnull=False).count() == 1


def test_voiding_a_site_entered_by_mistake_unmarks_its_owners(renewal, client):
    site = courtyard(renewal)
    record(renewal, site)
    with pytest.raises(PermissionDenied):
        site_void(actor=renewal.world.jy_worker, site=site, reason="录错")
    with pytest.raises(ValidationError, match="请填写作废原因"):
        site_void(actor=renewal.world.jy_admin, site=site, reason=" ")
    site_void(actor=renewal.world.jy_admin, site=site, reason="编号录错，已另建 CL-002")
    site.refresh_from_db()
    assert site.is_voided and renewal.entry("JY001").measured_on is None
    assert AuditEntry.objects.filter(object_type="renewal.site", action=AuditEntry.Action.VOID).count() == 1
    client.login(username="jy_admin", password=PASSWORD)
    assert client.get(f"/renewal/sites/{site.pk}/").status_code == 200  # still in the history, marked 已作废
    assert client.get(f"/renewal/sites/{site.pk}/void/").status_code == 200
    client.login(username="jy_worker", password=PASSWORD)
    assert client.get(f"/renewal/sites/{site.pk}/void/").status_code == 403
