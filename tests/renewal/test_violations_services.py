"""控违拆违 as services: a report after the freeze with photos, progress only forward with the demolition date and an
after photo, voiding with a reason; the community and group come from the household or the chosen community."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from taizhang.audit.models import AuditEntry
from taizhang.renewal import violations
from taizhang.renewal.models import Violation, ViolationPhoto
from tests.renewal.conftest import FREEZE


def jpeg(name="photo.jpg") -> SimpleUploadedFile:
    stream = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(stream, "JPEG")
    return SimpleUploadedFile(name, stream.getvalue(), content_type="image/jpeg")


def report(renewal, **overrides) -> Violation:
    values = dict(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        location="东关居幸福街01号院内",
        kind="新建",
        description="院内新建彩钢板房一间",
        found_on=FREEZE + timedelta(days=10),
        entry=renewal.entry("JY101"),
        photos=[jpeg()],
    )
    return violations.violation_report(**(values | overrides))


def test_a_report_on_a_household_takes_its_community_and_group(renewal):
    violation = report(renewal, area="12.345")
    assert violation.community == renewal.dongguan and violation.group == renewal.second_group
    assert violation.area == Decimal("12.35") and violation.progress == Violation.Progress.REPORTED
    assert violation.photos.get().stage == ViolationPhoto.Stage.FOUND
    audit = AuditEntry.objects.get(object_type="renewal.violation", object_id=str(violation.pk))
    assert audit.household_id == violation.entry.household_id and audit.changes["类型"] == [None, "新建"]


def test_a_report_without_a_household_is_placed_in_a_chosen_community(renewal):
    violation = report(renewal, entry=None, community=renewal.world.chengli, location="城里居北街空地")
    assert violation.community == renewal.world.chengli and violation.group == renewal.first_group
    audit = AuditEntry.objects.get(object_type="renewal.violation", object_id=str(violation.pk))
    assert audit.household_id is None and audit.community_id == renewal.world.chengli.pk


def test_a_community_outside_the_project_or_none_at_all_is_refused(renewal):
    with pytest.raises(ValidationError, match="不在本项目"):
        report(renewal, entry=None, community=renewal.world.xinshi_village)
    with pytest.raises(ValidationError, match="村居"):
        report(renewal, entry=None)


def test_a_date_before_the_freeze_is_not_a_violation(renewal):
    with pytest.raises(ValidationError, match="冻结公告"):
        report(renewal, found_on=FREEZE - timedelta(days=1))
    assert report(renewal, found_on=FREEZE).found_on == FREEZE  # the freeze day itself counts


def test_a_date_in_the_future_is_refused(renewal):
    with pytest.raises(ValidationError, match="晚于今天"):
        report(renewal, found_on=timezone.localdate() + timedelta(days=1))


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("location", " ", "位置"),
        ("description", "", "情况"),
        ("kind", "拆除", "类型"),
        ("area", "-1", "面积"),
        ("area", "abc", "面积"),
    ],
)
def test_a_report_needs_its_facts(renewal, field, value, message):
    with pytest.raises(ValidationError, match=message):
        report(renewal, **{field: value})


def test_a_worker_reports_in_their_community_only(renewal):
    worker = renewal.world.jy_worker  # 城里居
    assert report(renewal, actor=worker, entry=renewal.entry("JY001")).community == renewal.world.chengli
    with pytest.raises(PermissionDenied):
        report(renewal, actor=worker)  # JY101 is in 东关居
    with pytest.raises(PermissionDenied):
        report(renewal, actor=renewal.world.xs_admin)


def test_progress_goes_forward_to_demolition_with_an_after_photo(renewal):
    violation = report(renewal)
    on = FREEZE + timedelta(days=12)
    violations.violation_progress(
        actor=renewal.world.jy_admin, violation=violation, progress="stopped", on=on, note="责令停工"
    )
    with pytest.raises(ValidationError, match="照片"):
        violations.violation_progress(actor=renewal.world.jy_admin, violation=violation, progress="demolished", on=on)
    violations.violation_progress(
        actor=renewal.world.jy_admin,
        violation=violation,
        progress="demolished",
        on=on + timedelta(days=3),
        photos=[jpeg("after.jpg")],
    )
    violation.refresh_from_db()
    assert violation.progress == "demolished" and violation.demolished_on == on + timedelta(days=3)
    assert sorted(violation.photos.values_list("stage", flat=True)) == ["demolished", "found"]
    steps = AuditEntry.objects.filter(
        object_type="renewal.violation", object_id=str(violation.pk), action=AuditEntry.Action.UPDATE
    ).order_by("id")
    assert [e.changes["进展"] for e in steps] == [["已发现", "已制止"], ["已制止", "已拆除"]]
    assert steps[0].reason == "责令停工"


def test_progress_never_goes_backwards_or_stays(renewal):
    violation = report(renewal)
    on = FREEZE + timedelta(days=12)
    violations.violation_progress(actor=renewal.world.jy_admin, violation=violation, progress="stopped", on=on)
    for back in ("stopped", "reported"):
        with pytest.raises(ValidationError, match="只能向前"):
            violations.violation_progress(actor=renewal.world.jy_admin, violation=violation, progress=back, on=on)


def test_a_violation_can_be_torn_down_without_being_stopped_first(renewal):
    violation = report(renewal)
    violations.violation_progress(
        actor=renewal.world.jy_admin,
        violation=violation,
        progress="demolished",
        on=FREEZE + timedelta(days=11),
        photos=[jpeg()],
    )
    assert Violation.objects.get(pk=violation.pk).progress == "demolished"


@pytest.mark.parametrize("days, message", [(5, "早于发现日期"), (None, "晚于今天")])
def test_a_progress_date_is_between_the_finding_and_today(renewal, days, message):
    violation = report(renewal)
    on = FREEZE + timedelta(days=days) if days is not None else timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match=message):
        violations.violation_progress(actor=renewal.world.jy_admin, violation=violation, progress="stopped", on=on)


def test_a_voided_report_keeps_its_reason_and_takes_no_more_progress(renewal):
    violation = report(renewal, actor=renewal.world.jy_admin)
    with pytest.raises(PermissionDenied):
        violations.violation_void(actor=renewal.world.jy_worker, violation=violation, reason="误报")
    with pytest.raises(ValidationError, match="原因"):
        violations.violation_void(actor=renewal.world.jy_admin, violation=violation, reason="")
    violations.violation_void(actor=renewal.world.jy_admin, violation=violation, reason="系冻结前已建成")
    violation.refresh_from_db()
    assert violation.status == "voided" and violation.void_reason == "系冻结前已建成"
    with pytest.raises(ValidationError, match="作废"):
        violations.violation_progress(
            actor=renewal.world.jy_admin, violation=violation, progress="stopped", on=timezone.localdate()
        )
    assert not violations.violation_list(renewal.world.jy_admin, renewal.project).exists()


def test_the_list_filters_and_counts_by_progress(renewal):
    first = report(renewal)
    report(renewal, entry=renewal.entry("JY001"))
    violations.violation_progress(
        actor=renewal.world.jy_admin, violation=first, progress="stopped", on=FREEZE + timedelta(days=10)
    )
    admin = renewal.world.jy_admin
    assert violations.progress_counts(violations.violation_list(admin, renewal.project)) == {
        "reported": 1,
        "stopped": 1,
        "demolished": 0,
    }
    assert [v.pk for v in violations.violation_list(admin, renewal.project, progress="stopped")] == [first.pk]
    assert violations.violation_list(admin, renewal.project, community_id=renewal.dongguan.pk).get() == first
    assert violations.violation_list(renewal.world.jy_worker, renewal.project).get().community == renewal.world.chengli
