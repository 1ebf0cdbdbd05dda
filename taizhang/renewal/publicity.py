"""公示 and objections: a community's measurement and determination results posted for the project's objection
window (a snapshot of what was posted), objections recorded inside the window and answered; a household's result
is final once its latest window has closed with no open objection (`rules.publicity_status`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404
from taizhang.renewal import rules
from taizhang.renewal.determinations import may_record
from taizhang.renewal.models import (
    Determination,
    Objection,
    Project,
    ProjectHousehold,
    Publicity,
    PublicityLine,
    Site,
)
from taizhang.renewal.policies import can_manage_project
from taizhang.renewal.projects import entry_draft, population_group, project_draft, require_manager
from taizhang.renewal.selectors import counted_persons

ZERO = Decimal("0.00")


# --- who may ------------------------------------------------------------------------------------------


def may_answer(user, project: Project) -> bool:
    """Objections are answered by the unit's admins and the population group (who made the determinations)."""
    if can_manage_project(user, project):
        return True
    group = population_group(project)
    return bool(
        group
        and user.is_authenticated
        and user.unit_id == project.unit_id
        and (group.leader_id == user.pk or group.members.filter(pk=user.pk).exists())
    )


# --- services -----------------------------------------------------------------------------------------


def snapshot(project: Project, community_id: int) -> list[PublicityLine]:
    """What would be posted for a community now: each household with a measured courtyard or a current
    determination — 户主, its courtyards' numbers, their floor and site areas from the current measurements (a
    courtyard shared by several households is shown, whole and marked 共有, on each owner's line) and its 认定人数."""
    entries = list(
        ProjectHousehold.objects.filter(project=project, community_id=community_id)
        .select_related("household__head")
        .order_by("household__household_no")
    )
    ids = [e.pk for e in entries]
    through = Site.owners.through
    owned = list(
        through.objects.filter(
            projecthousehold_id__in=ids, site__kind=Site.Kind.COURTYARD, site__status=RecordStatus.ACTIVE
        )
        .order_by("site__number")
        .values_list(
            "projecthousehold_id", "site_id", "site__number", "site__floor_area", "site__site_area", "site__measured_on"
        )
    )
    owners = dict(
        through.objects.filter(site_id__in={o[1] for o in owned})
        .order_by()
        .values("site_id")
        .annotate(n=Count("id"))
        .values_list("site_id", "n")
    )
    sites: dict[int, list[tuple]] = {}
    for entry_id, site_id, number, floor, area, measured in owned:
        label = f"{number}（共有）" if owners.get(site_id, 1) > 1 else number
        sites.setdefault(entry_id, []).append((label, floor, area, measured))
    determined = set(Determination.objects.filter(entry_id__in=ids, is_current=True).values_list("entry_id", flat=True))
    counted = counted_persons(ids)
    lines = []
    for entry in entries:
        own = sites.get(entry.pk, [])
        if entry.pk not in determined and not any(s[3] for s in own):
            continue
        lines.append(
            PublicityLine(
                unit_id=entry.unit_id,
                community_id=entry.community_id,
                entry=entry,
                head_name=entry.household.head.name if entry.household.head else "",
                sites="、".join(s[0] for s in own)[:200],
                floor_area=sum((s[1] or ZERO for s in own), ZERO),
                site_area=sum((s[2] or ZERO for s in own), ZERO),
                counted_persons=counted.get(entry.pk, 0),
            )
        )
    return lines


@transaction.atomic
def publicity_create(*, actor, project: Project, community: OrgNode, starts_on: date) -> Publicity:
    """Post a community's results from `starts_on` for the project's publicity days, the first day counted
    (7 days from 6-1: 6-1 to 6-7). Windows of one community do not overlap."""
    require_manager(actor, project)
    if not project.communities.filter(pk=community.pk).exists():
        raise ValidationError(f"{community.name}不在项目“{project.name}”涉及的村居内")
    starts_on, ends_on = rules.publicity_window(starts_on, project.publicity_days)
    clash = Publicity.objects.filter(
        project=project, community=community, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if clash:
        raise ValidationError(f"{community.name}已有 {clash.starts_on} 至 {clash.ends_on} 的公示，公示期不能重叠")
    lines = snapshot(project, community.pk)
    if not lines:
        raise ValidationError(f"{community.name}还没有已测量或已界定的户，没有可公示的内容")
    publicity = Publicity.objects.create(
        unit_id=project.unit_id,
        community=community,
        project=project,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    for line in lines:
        line.publicity = publicity
    PublicityLine.objects.bulk_create(lines)
    audit_append(
        [
            project_draft(
                project,
                AuditEntry.Action.CREATE,
                "renewal.publicity",
                publicity.pk,
                f"{project.name} {community.name}公示",
                {
                    "村居": [None, community.name],
                    "公示开始日期": [None, starts_on],
                    "公示截止日期": [None, ends_on],
                    "公示户数": [None, len(lines)],
                    "认定人数合计": [None, sum(line.counted_persons for line in lines)],
                },
                community_id=community.pk,
            )
        ],
        actor=actor,
    )
    return publicity


@transaction.atomic
def objection_record(
    *, actor, publicity: Publicity, entry: ProjectHousehold, submitted_by: str, received_on: date, content: str
) -> Objection:
    """An objection to a posted household's result, received inside the window."""
    if entry.project_id != publicity.project_id:
        raise ValidationError("该户不属于本次公示的项目")
    entry.project = publicity.project
    if actor is not None and not may_record(actor, entry):
        raise PermissionDenied("您无权为该户登记异议")
    submitted_by, content = (submitted_by or "").strip(), (content or "").strip()
    if not submitted_by or not content:
        raise ValidationError("请填写异议人和异议内容")
    if not publicity.lines.filter(entry=entry).exists():
        raise ValidationError(f"户 {entry.household.household_no} 不在本次公示名单上")
    if received_on > clock.today():
        raise ValidationError(f"收到日期（{received_on}）不能晚于今天")
    if not publicity.starts_on <= received_on <= publicity.ends_on:
        raise ValidationError(
            f"异议须在公示期内（{publicity.starts_on} 至 {publicity.ends_on}）提出，{received_on} 不在公示期内"
        )
    objection = Objection.objects.create(
        unit_id=entry.unit_id,
        community_id=entry.community_id,
        publicity=publicity,
        entry=entry,
        submitted_by=submitted_by[:64],
        received_on=received_on,
        content=content,
        recorded_by=actor,
    )
    audit_append(
        [
            entry_draft(
                entry,
                AuditEntry.Action.CREATE,
                "renewal.objection",
                objection.pk,
                f"{publicity.project.name} 公示异议（户 {entry.household.household_no}）",
                {
                    "异议人": [None, objection.submitted_by],
                    "收到日期": [None, received_on],
                    "异议内容": [None, content],
                },
            )
        ],
        actor=actor,
    )
    return objection


@transaction.atomic
def objection_answer(
    *, actor, objection: Objection, answer: str, outcome: str, answered_on: date | None = None
) -> Objection:
    """The answer and what came of it: 维持原结果, or 已更正 (the result was corrected and must be posted again)."""
    project = objection.publicity.project
    if actor is not None and not may_answer(actor, project):
        raise PermissionDenied("只有本单位管理员或人口界定工作组可以答复异议")
    objection = Objection.objects.select_for_update().select_related("entry__household").get(pk=objection.pk)
    if objection.status != Objection.Status.OPEN:
        raise ValidationError("该异议已答复")
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError("请填写答复内容")
    if outcome not in Objection.Outcome.values:
        raise ValidationError(f"处理结果只能是{'、'.join(Objection.Outcome.values)}")
    answered_on = answered_on or clock.today()
    if answered_on < objection.received_on or answered_on > clock.today():
        raise ValidationError(f"答复日期（{answered_on}）须在收到日期（{objection.received_on}）与今天之间")
    objection.status, objection.answer, objection.outcome = Objection.Status.ANSWERED, answer, outcome
    objection.answered_by, objection.answered_on = actor, answered_on
    objection.save(update_fields=["status", "answer", "outcome", "answered_by", "answered_on"])
    audit_append(
        [
            entry_draft(
                objection.entry,
                AuditEntry.Action.UPDATE,
                "renewal.objection",
                objection.pk,
                f"{project.name} 公示异议（户 {objection.entry.household.household_no}）",
                {
                    "状态": ["待答复", "已答复"],
                    "答复": [None, answer],
                    "处理结果": [None, outcome],
                    "答复日期": [None, answered_on],
                },
            )
        ],
        actor=actor,
    )
    return objection


# --- selectors ----------------------------------------------------------------------------------------


def publicity_list(user, project: Project) -> QuerySet[Publicity]:
    return (
        Publicity.objects.visible_to(user)
        .filter(project=project)
        .select_related("community")
        .annotate(
            line_count=Count("lines", distinct=True),
            open_count=Count("objections", filter=Q(objections__status=Objection.Status.OPEN), distinct=True),
            objection_count=Count("objections", distinct=True),
        )
    )


def publicity_or_404(user, publicity_id: int) -> Publicity:
    return get_visible_or_404(Publicity.objects.select_related("project__unit", "community"), user, pk=publicity_id)


def objection_or_404(user, objection_id: int) -> Objection:
    return get_visible_or_404(
        Objection.objects.select_related(
            "publicity__project__unit", "publicity__community", "entry__household__head", "answered_by", "recorded_by"
        ),
        user,
        pk=objection_id,
    )


def must_repost_count(user, project: Project) -> int:
    """The user's households of the project whose latest 公示 must be posted again (corrected or out of date)."""
    ids = PublicityLine.objects.visible_to(user).filter(entry__project=project).values_list("entry_id", flat=True)
    return sum(status in rules.MUST_REPOST for status in statuses(set(ids)).values())


def window_status(publicity: Publicity, today: date) -> str:
    """The window itself: 待公示 / 公示中 / 公示期已结束."""
    if today < publicity.starts_on:
        return rules.UPCOMING
    return rules.POSTED if today <= publicity.ends_on else "公示期已结束"


def statuses(entry_ids, today: date | None = None) -> dict[int, str]:
    """Each household's 未公示 / 待公示 / 公示中 / 已公示·有异议 / 已更正·待重新公示 / 界定已变更·待重新公示 / 已确定
    (three queries)."""
    today = today or clock.today()
    ids = list(entry_ids)
    latest: dict[int, tuple[int, date, date, bool]] = {}
    for entry_id, publicity_id, starts_on, ends_on, outdated_at in (
        PublicityLine.objects.filter(entry_id__in=ids)
        .order_by("publicity__starts_on", "publicity_id")
        .values_list("entry_id", "publicity_id", "publicity__starts_on", "publicity__ends_on", "outdated_at")
    ):
        latest[entry_id] = (publicity_id, starts_on, ends_on, outdated_at is not None)
    open_counts = dict(
        Objection.objects.filter(entry_id__in=ids, status=Objection.Status.OPEN)
        .order_by()
        .values("entry_id")
        .annotate(n=Count("id"))
        .values_list("entry_id", "n")
    )
    corrected = set(
        Objection.objects.filter(entry_id__in=ids, outcome=Objection.Outcome.CORRECTED).values_list(
            "entry_id", "publicity_id"
        )
    )
    result = {}
    for entry_id in ids:
        publicity_id, starts_on, ends_on, outdated = latest.get(entry_id, (None, None, None, False))
        result[entry_id] = rules.publicity_status(
            starts_on=starts_on,
            ends_on=ends_on,
            open_objections=open_counts.get(entry_id, 0),
            corrected=(entry_id, publicity_id) in corrected,
            today=today,
            outdated=outdated,
        )
    return result
