"""Problems (问题) from discovery to verification: 发现 → 上报 → 交办 → 解决 → 核实. Each step is audited on the
household's timeline; the deadline comes from the category (rules.deadline_days, or the unit's own)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.models import (
    DEFAULT_DEPARTMENTS,
    AssistedHousehold,
    Department,
    Problem,
    ProblemDeadline,
    ProblemPhoto,
    Visit,
)
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.assistance.selectors import may_act_for
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.hub.notifications import notify
from taizhang.org.models import OrgNode

Stage = Problem.Stage


def ensure_departments(unit_id: int) -> None:
    """The seed's four departments, for a unit that starts working with 帮扶 (the manifest's on_enable)."""
    if not Department.objects.filter(unit_id=unit_id).exists():
        Department.objects.bulk_create([Department(unit_id=unit_id, name=name) for name in DEFAULT_DEPARTMENTS])


def deadline_overrides(unit_id: int) -> dict[str, int]:
    return dict(ProblemDeadline.objects.filter(unit_id=unit_id).values_list("category", "days"))


def _audit(actor, problem: Problem, action: str, changes: dict, reason: str = "") -> None:
    audit_append(
        [
            Draft(
                action=action,
                object_type="assistance.problem",
                object_id=str(problem.pk),
                object_repr=f"问题 {problem.assisted.household.household_no}·{problem.category}",
                unit_id=problem.unit_id,
                community_id=problem.community_id,
                household_id=problem.assisted.household_id,
                changes=changes,
                reason=reason,
            )
        ],
        actor=actor,
    )


def _require_admin(actor, problem: Problem) -> None:
    if not is_unit_admin_of(actor, problem.unit_id):
        raise PermissionDenied("只有本单位管理员（镇扶贫办）可以办理这一步")


def is_department_staff(user, problem: Problem) -> bool:
    """A member of the work group of the department the problem is handed to: the department must act."""
    department = problem.department
    return bool(
        getattr(user, "is_authenticated", False)
        and department is not None
        and department.node_id
        and user.node_id == department.node_id
        and user.unit_id == problem.unit_id
    )


def _locked(problem: Problem, *expected: str) -> Problem:
    problem = Problem.objects.select_for_update(of=("self",)).select_related("assisted__household").get(pk=problem.pk)
    if problem.status == RecordStatus.VOIDED:
        raise ValidationError("该问题已作废")
    if problem.stage not in expected:
        raise ValidationError(f"该问题目前{problem.get_stage_display()}，不能办理这一步")
    return problem


@transaction.atomic
def problem_create(
    *,
    actor,
    assisted: AssistedHousehold,
    category: str,
    description: str,
    found_on: date | None = None,
    visit: Visit | None = None,
    photos=(),
    report: bool = False,
) -> Problem:
    """Record a problem found at a household (on a visit, or otherwise); `report` sends it to the office at once."""
    if visit is not None:
        if visit.assisted_id != assisted.pk:
            raise ValidationError("走访记录不是这一户的")
        found_on = visit.visit_date
    found_on = found_on or clock.today()
    if not may_act_for(actor, assisted, found_on):
        raise PermissionDenied(f"您不是户 {assisted.household.household_no} 的帮扶责任人，也不是单位管理员")
    if category not in rules.PROBLEM_CATEGORIES:
        raise ValidationError(f"问题类别应为：{'、'.join(rules.PROBLEM_CATEGORIES)}")
    if not (description or "").strip():
        raise ValidationError("请写明问题")
    if found_on > clock.today():
        raise ValidationError("发现日期不能晚于今天")
    now = clock.now()
    problem = Problem.objects.create(
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        assisted=assisted,
        visit=visit,
        category=category,
        description=description.strip(),
        found_on=found_on,
        found_by=actor,
        stage=Stage.REPORTED if report else Stage.FOUND,
        reported_at=now if report else None,
    )
    for image in photos:
        ProblemPhoto.objects.create(
            unit_id=problem.unit_id, community_id=problem.community_id, problem=problem, image=image
        )
    changes = {
        "类别": [None, category],
        "问题描述": [None, problem.description],
        "发现日期": [None, found_on],
        "进度": [None, problem.get_stage_display()],
    }
    if visit is not None:
        changes["发现于走访"] = [None, f"{visit.visit_date} {timezone.localtime(visit.started_at):%H:%M}"]
    _audit(actor, problem, AuditEntry.Action.CREATE, changes)
    return problem


@transaction.atomic
def problem_report(*, actor, problem: Problem) -> Problem:
    problem = _locked(problem, Stage.FOUND)
    if not (problem.found_by_id == actor.pk or may_act_for(actor, problem.assisted)):
        raise PermissionDenied("只有发现人、该户帮扶责任人或单位管理员可以上报")
    problem.stage, problem.reported_at = Stage.REPORTED, clock.now()
    problem.save(update_fields=["stage", "reported_at", "updated_at"])
    _audit(actor, problem, AuditEntry.Action.UPDATE, {"进度": ["已发现", "已上报"]})
    return problem


@transaction.atomic
def problem_assign(*, actor, problem: Problem, department: Department, due: date | None = None) -> Problem:
    """Hand a problem to a department; the deadline follows the category unless the office sets one."""
    problem = _locked(problem, Stage.FOUND, Stage.REPORTED, Stage.ASSIGNED)
    _require_admin(actor, problem)
    if department.unit_id != problem.unit_id or not department.is_active:
        raise ValidationError("请选择本单位的部门")
    today = clock.today()
    due = due or rules.due_date(today, problem.category, deadline_overrides(problem.unit_id))
    if due < today:
        raise ValidationError("办结期限不能早于今天")
    before = [problem.get_stage_display(), problem.department.name if problem.department else None, problem.due_date]
    now = clock.now()
    problem.reported_at = problem.reported_at or now
    problem.stage, problem.department, problem.assigned_at, problem.due_date = Stage.ASSIGNED, department, now, due
    problem.save(update_fields=["stage", "reported_at", "department", "assigned_at", "due_date", "updated_at"])
    _audit(
        actor,
        problem,
        AuditEntry.Action.UPDATE,
        {"进度": [before[0], "已交办"], "责任部门": [before[1], department.name], "办结期限": [before[2], due]},
    )
    if department.node_id:
        notify(
            department.node,
            f"交办{department.name}：户 {problem.assisted.household.household_no} 的{problem.category}问题"
            f"（{problem.description[:30]}），{due:%Y-%m-%d} 前办结",
            reverse("assistance:problem_detail", args=[problem.pk]),
            actor=actor,
        )
    return problem


@transaction.atomic
def problem_resolve(*, actor, problem: Problem, resolution: str) -> Problem:
    """The office, or the department the problem was handed to, records how it was solved."""
    problem = _locked(problem, Stage.ASSIGNED)
    if not (is_unit_admin_of(actor, problem.unit_id) or is_department_staff(actor, problem)):
        raise PermissionDenied("只有本单位管理员或承办部门的工作人员可以登记解决情况")
    if not (resolution or "").strip():
        raise ValidationError("请写明解决情况")
    problem.stage, problem.resolved_at, problem.resolution = Stage.RESOLVED, clock.now(), resolution.strip()
    problem.save(update_fields=["stage", "resolved_at", "resolution", "updated_at"])
    in_time = not rules.is_overdue(problem.due_date, clock.today(), clock.today())
    _audit(
        actor,
        problem,
        AuditEntry.Action.UPDATE,
        {
            "进度": ["已交办", "已解决"],
            "解决情况": [None, problem.resolution],
            "是否按期": [None, "按期" if in_time else "逾期"],
        },
    )
    return problem


@transaction.atomic
def problem_verify(*, actor, problem: Problem, visit: Visit, note: str = "") -> Problem:
    """The helper confirms the fix on a later visit to the household."""
    problem = _locked(problem, Stage.RESOLVED)
    if not may_act_for(actor, problem.assisted, visit.visit_date):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以核实")
    if visit.assisted_id != problem.assisted_id or visit.status != RecordStatus.ACTIVE:
        raise ValidationError("请选择这一户的有效走访记录")
    if visit.ended_at < problem.resolved_at:
        raise ValidationError("核实须在解决之后的走访中进行")
    problem.stage, problem.verified_at, problem.verified_by = Stage.VERIFIED, clock.now(), actor
    problem.verify_visit, problem.verify_note = visit, (note or "").strip()[:200]
    problem.save(update_fields=["stage", "verified_at", "verified_by", "verify_visit", "verify_note", "updated_at"])
    _audit(
        actor,
        problem,
        AuditEntry.Action.UPDATE,
        {
            "进度": ["已解决", "已核实"],
            "核实走访": [None, str(visit.visit_date)],
            "核实情况": [None, problem.verify_note or None],
        },
    )
    return problem


@transaction.atomic
def problem_void(*, actor, problem: Problem, reason: str) -> Problem:
    problem = _locked(problem, *Stage.values)
    if not (problem.found_by_id == actor.pk or is_unit_admin_of(actor, problem.unit_id)):
        raise PermissionDenied("只有发现人或单位管理员可以作废")
    if not (reason or "").strip():
        raise ValidationError("请填写作废原因")
    problem.status, problem.void_reason, problem.voided_at, problem.voided_by = (
        RecordStatus.VOIDED,
        reason.strip(),
        clock.now(),
        actor,
    )
    problem.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    _audit(actor, problem, AuditEntry.Action.VOID, {"状态": ["有效", "已作废"]}, reason.strip())
    return problem


@transaction.atomic
def department_add(*, actor, unit_id: int, name: str) -> Department:
    if not is_unit_admin_of(actor, unit_id):
        raise PermissionDenied("只有本单位管理员可以添加部门")
    name = (name or "").strip()
    if not name:
        raise ValidationError("请填写部门名称")
    ensure_departments(unit_id)
    if Department.objects.filter(unit_id=unit_id, name=name).exists():
        raise ValidationError(f"已有部门“{name}”")
    department = Department.objects.create(unit_id=unit_id, name=name)
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="assistance.department",
                object_id=str(department.pk),
                object_repr=f"部门 {name}",
                unit_id=unit_id,
                changes={"部门": [None, name]},
            )
        ],
        actor=actor,
    )
    return department


@transaction.atomic
def department_node_set(*, actor, department: Department, node: OrgNode | None) -> bool:
    """Give a department its staff: a work group of the unit whose members act on the problems handed to it."""
    if not is_unit_admin_of(actor, department.unit_id):
        raise PermissionDenied("只有本单位管理员可以设置部门的工作组")
    if node is not None and (node.kind != OrgNode.Kind.WORKGROUP or node.unit_id != department.unit_id):
        raise ValidationError("请选择本单位的工作组")
    if department.node_id == (node.pk if node else None):
        return False
    before = department.node.name if department.node_id else None
    department.node = node
    department.save(update_fields=["node"])
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.UPDATE,
                object_type="assistance.department",
                object_id=str(department.pk),
                object_repr=f"部门 {department.name}",
                unit_id=department.unit_id,
                changes={"工作组": [before, node.name if node else None]},
            )
        ],
        actor=actor,
    )
    return True


@transaction.atomic
def deadline_set(*, actor, unit_id: int, category: str, days: int) -> None:
    if not is_unit_admin_of(actor, unit_id):
        raise PermissionDenied("只有本单位管理员可以设定办结期限")
    if category not in rules.PROBLEM_CATEGORIES or not 1 <= days <= 365:
        raise ValidationError("期限应为 1–365 天")
    before = rules.deadline_days(category, deadline_overrides(unit_id))
    ProblemDeadline.objects.update_or_create(unit_id=unit_id, category=category, defaults={"days": days})
    if before != days:
        audit_append(
            [
                Draft(
                    action=AuditEntry.Action.UPDATE,
                    object_type="assistance.deadline",
                    object_repr=f"{category}办结期限",
                    unit_id=unit_id,
                    changes={f"{category}办结期限（天）": [before, days]},
                )
            ],
            actor=actor,
        )
