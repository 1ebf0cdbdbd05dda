"""控违拆违: illegal construction inside the red line after the freeze notice, from the report (with photos) through
已制止 to 已拆除 (with the demolition date and an after photo). Services and the scoped reads pages and API share."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404, user_scope
from taizhang.renewal.models import Project, ProjectHousehold, Violation, ViolationPhoto
from taizhang.renewal.policies import can_manage_project, can_record
from taizhang.renewal.projects import (
    entry_draft,
    project_draft,
    regional_groups_by_community,
)

Progress = Violation.Progress
ORDER = [Progress.REPORTED, Progress.STOPPED, Progress.DEMOLISHED]
MAX_AREA = Decimal(100000)


def _require_recorder(actor, project: Project, community_id: int) -> None:
    if actor is None:
        return
    if not can_record(actor, project):
        raise PermissionDenied("您的角色不能登记违法建设")
    scope = user_scope(actor)
    if scope.community_id is not None and scope.community_id != community_id:
        raise PermissionDenied("该村居不在您的工作范围内")


def _area(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        area = Decimal(str(value).strip()).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValidationError("面积应为数字（m²）")
    if area <= 0 or area > MAX_AREA:
        raise ValidationError("面积应大于 0 且不超过 100000 m²")
    return area


def _save_photos(violation: Violation, photos, stage: str) -> int:
    count = 0
    for image in photos or ():
        ViolationPhoto.objects.create(
            unit_id=violation.unit_id,
            community_id=violation.community_id,
            violation=violation,
            stage=stage,
            image=image,
        )
        count += 1
    return count


def _audit(actor, violation: Violation, action: str, changes: dict, reason: str = "") -> None:
    label = f"{violation.project.name} 违法建设 {violation.location}"[:200]
    if violation.entry is not None:
        draft = entry_draft(violation.entry, action, "renewal.violation", violation.pk, label, changes, reason)
    else:
        draft = project_draft(
            violation.project,
            action,
            "renewal.violation",
            violation.pk,
            label,
            changes,
            reason,
            community_id=violation.community_id,
        )
    audit_append([draft], actor=actor)


@transaction.atomic
def violation_report(
    *,
    actor,
    project: Project,
    location: str,
    kind: str,
    description: str,
    found_on: date,
    area=None,
    entry: ProjectHousehold | None = None,
    community: OrgNode | None = None,
    photos=(),
) -> Violation:
    """A report of building, extending or renovating after the freeze. Its 村居 is the household's, or (no household)
    one of the project's communities; its group is the household's, or the community's regional group."""
    if entry is not None:
        if entry.project_id != project.pk:
            raise ValidationError("该户不在本项目的征收范围内")
        community_id = entry.community_id
    elif community is not None:
        if not project.communities.filter(pk=community.pk).exists():
            raise ValidationError(f"{community.name}不在本项目涉及的村居内")
        community_id = community.pk
    else:
        raise ValidationError("请选择所在户，或选择村居")
    _require_recorder(actor, project, community_id)
    location, description = (location or "").strip(), (description or "").strip()
    if not location:
        raise ValidationError("请填写位置")
    if not description:
        raise ValidationError("请写明违法建设情况")
    if kind not in Violation.Kind.values:
        raise ValidationError(f"类型应为：{'、'.join(Violation.Kind.values)}")
    if found_on is None:
        raise ValidationError("请填写发现日期")
    if found_on < project.freeze_date:
        raise ValidationError(
            f"发现日期早于冻结日（{project.freeze_date:%Y-%m-%d}）：冻结公告发布后新建、扩建、改建的"
            "才属于违法建设，冻结日前已有的房屋请在测量中如实登记"
        )
    if found_on > clock.today():
        raise ValidationError("发现日期不能晚于今天")
    area = _area(area)
    group = (
        entry.group if entry is not None and entry.group_id else regional_groups_by_community(project).get(community_id)
    )
    violation = Violation.objects.create(
        unit_id=project.unit_id,
        community_id=community_id,
        project=project,
        entry=entry,
        group=group,
        kind=kind,
        location=location[:200],
        description=description,
        area=area,
        found_on=found_on,
        reported_by=actor,
    )
    photo_count = _save_photos(violation, photos, ViolationPhoto.Stage.FOUND)
    _audit(
        actor,
        violation,
        AuditEntry.Action.CREATE,
        {
            "类型": [None, kind],
            "位置": [None, violation.location],
            "情况": [None, description],
            "面积（m²）": [None, area],
            "发现日期": [None, found_on],
            "进展": [None, violation.get_progress_display()],
            "工作组": [None, str(group or "")],
            "照片": [None, photo_count],
        },
    )
    return violation


@transaction.atomic
def violation_progress(*, actor, violation: Violation, progress: str, on: date, photos=(), note: str = "") -> Violation:
    """已发现 → 已制止 → 已拆除, never backwards (a step may be skipped: a construction can be torn down at once).
    已拆除 needs the demolition date and at least one photo taken after it."""
    violation = (
        Violation.objects.select_for_update(of=("self",)).select_related("project", "entry").get(pk=violation.pk)
    )
    _require_recorder(actor, violation.project, violation.community_id)
    if violation.status == RecordStatus.VOIDED:
        raise ValidationError("该记录已作废")
    if progress not in Progress.values:
        raise ValidationError(f"进展应为：{'、'.join(Progress.labels)}")
    before, after = ORDER.index(violation.progress), ORDER.index(progress)
    if after <= before:
        raise ValidationError(
            f"该违法建设目前{violation.get_progress_display()}，进展只能向前：{' → '.join(p.label for p in ORDER)}"
        )
    if on is None:
        raise ValidationError("请填写日期")
    if on < violation.found_on:
        raise ValidationError(f"日期不能早于发现日期（{violation.found_on:%Y-%m-%d}）")
    if on > clock.today():
        raise ValidationError("日期不能晚于今天")
    photos = list(photos or ())
    if progress == Progress.DEMOLISHED and not photos:
        raise ValidationError("登记已拆除须上传拆除后的照片")
    old_label = violation.get_progress_display()
    violation.progress = progress
    fields = ["progress", "updated_at"]
    if progress == Progress.DEMOLISHED:
        violation.demolished_on = on
        fields.append("demolished_on")
    violation.save(update_fields=fields)
    stage = ViolationPhoto.Stage.DEMOLISHED if progress == Progress.DEMOLISHED else ViolationPhoto.Stage.FOUND
    photo_count = _save_photos(violation, photos, stage)
    changes = {"进展": [old_label, violation.get_progress_display()], "日期": [None, on]}
    if photo_count:
        changes["照片"] = [None, photo_count]
    _audit(actor, violation, AuditEntry.Action.UPDATE, changes, (note or "").strip()[:500])
    return violation


@transaction.atomic
def violation_void(*, actor, violation: Violation, reason: str) -> Violation:
    """A report entered by mistake (wrong place, not a violation) is voided with a reason, never deleted."""
    violation = (
        Violation.objects.select_for_update(of=("self",)).select_related("project", "entry").get(pk=violation.pk)
    )
    if actor is not None and not (violation.reported_by_id == actor.pk or can_manage_project(actor, violation.project)):
        raise PermissionDenied("只有报告人或单位管理员可以作废")
    if violation.status == RecordStatus.VOIDED:
        raise ValidationError("该记录已作废")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写作废原因")
    violation.status, violation.void_reason, violation.voided_at, violation.voided_by = (
        RecordStatus.VOIDED,
        reason[:200],
        clock.now(),
        actor,
    )
    violation.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    _audit(actor, violation, AuditEntry.Action.VOID, {"状态": ["有效", "已作废"]}, reason)
    return violation


# --- reads ---------------------------------------------------------------------------------------------


def violation_list(
    user, project: Project, *, community_id: int | None = None, progress: str = "", include_voided: bool = False
) -> QuerySet[Violation]:
    found = Violation.objects.visible_to(user).filter(project=project)
    if not include_voided:
        found = found.filter(status=RecordStatus.ACTIVE)
    if community_id:
        found = found.filter(community_id=community_id)
    if progress:
        found = found.filter(progress=progress)
    return found.select_related("community", "entry__household", "group", "reported_by").order_by("-found_on", "-id")


def progress_counts(violations: QuerySet[Violation]) -> dict[str, int]:
    """How many are at each step (in the order of the work), for the list's figures."""
    counts = dict.fromkeys(Progress.values, 0)
    for row in violations.order_by().values("progress").annotate(n=Count("id")):
        counts[row["progress"]] = row["n"]
    return counts


def violation_or_404(user, violation_id: int) -> Violation:
    return get_visible_or_404(
        Violation.objects.select_related(
            "project__unit", "community", "entry__household", "group", "reported_by", "voided_by"
        ),
        user,
        pk=violation_id,
    )


def may_record(user, violation: Violation) -> bool:
    scope = user_scope(user)
    return (
        violation.status == RecordStatus.ACTIVE
        and can_record(user, violation.project)
        and scope.community_id in (None, violation.community_id)
    )


def may_void(user, violation: Violation) -> bool:
    return violation.status == RecordStatus.ACTIVE and (
        violation.reported_by_id == user.pk or can_manage_project(user, violation.project)
    )
