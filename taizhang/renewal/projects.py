"""Writes for a renewal project: the project, its work groups, the freeze notice (the households inside the red line
are in red_line.py). Every write is atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.org.models import OrgNode, Role, User
from taizhang.renewal import rules
from taizhang.renewal.models import FreezeNotice, Project, ProjectGroup, ProjectHousehold
from taizhang.renewal.policies import can_manage_project

POPULATION_GROUP = "人口界定工作组"


def require_manager(actor, project: Project) -> None:
    """Commands run as the system (actor None); people must be the project unit's admin."""
    if actor is not None and not can_manage_project(actor, project):
        raise PermissionDenied("只有本单位管理员可以办理")


def project_draft(
    project: Project,
    action: str,
    object_type: str,
    object_id,
    object_repr: str,
    changes: dict,
    reason: str = "",
    *,
    community_id: int | None = None,
    household_id: int | None = None,
) -> Draft:
    return Draft(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        unit_id=project.unit_id,
        community_id=community_id,
        household_id=household_id,
        changes=changes,
        reason=reason,
    )


def entry_draft(
    entry: ProjectHousehold, action: str, object_type: str, object_id, object_repr: str, changes: dict, reason: str = ""
) -> Draft:
    """An audit draft filed under the household (so it shows in its 一户一档 timeline)."""
    return Draft.filed_under(
        entry,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        changes=changes,
        reason=reason,
    )


# --- the project --------------------------------------------------------------------------------------


def _check_communities(unit: OrgNode, communities: list[OrgNode]) -> None:
    if not communities:
        raise ValidationError("请至少选择一个涉及村居")
    strangers = [c.name for c in communities if c.unit_id != unit.pk or c.kind != OrgNode.Kind.COMMUNITY]
    if strangers:
        raise ValidationError(f"{'、'.join(strangers)}不是{unit.name}的村居")


def _check_dates(start_date: date, freeze_date: date) -> None:
    if freeze_date < start_date:
        raise ValidationError(f"冻结日期（{freeze_date}）不能早于项目启动日期（{start_date}）")


@transaction.atomic
def project_create(
    *,
    actor,
    unit: OrgNode,
    name: str,
    communities: list[OrgNode],
    start_date: date,
    freeze_date: date,
    publicity_days: int = 7,
) -> Project:
    """A project with its groups taken from the org tree: each work group under one of its communities becomes the
    regional group covering it, and the unit's population group (created if missing) determines the persons."""
    name = name.strip()
    if actor is not None and not (actor.is_superuser or (actor.role == Role.UNIT_ADMIN and actor.unit_id == unit.pk)):
        raise PermissionDenied("只有本单位管理员可以建立征收项目")
    if not name:
        raise ValidationError("请填写项目名称")
    if Project.objects.filter(unit=unit, name=name).exists():
        raise ValidationError(f"{unit.name}已有名为“{name}”的项目")
    _check_communities(unit, communities)
    _check_dates(start_date, freeze_date)
    if publicity_days < 1:
        raise ValidationError("公示期至少 1 天")
    project = Project.objects.create(
        unit=unit,
        name=name,
        start_date=start_date,
        freeze_date=freeze_date,
        publicity_days=publicity_days,
        created_by=actor,
    )
    project.communities.set(communities)
    groups = []
    workgroups = (
        OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.WORKGROUP, is_active=True)
        .select_related("parent")
        .order_by("sort_order", "id")
    )
    for order, node in enumerate(g for g in workgroups if g.parent_id in {c.pk for c in communities}):
        staff = list(User.objects.filter(node=node, is_active=True).order_by("id"))
        leader = next((u for u in staff if u.role == Role.GROUP_LEADER), None)
        group = ProjectGroup.objects.create(
            unit=unit, project=project, name=node.name, node=node, sort_order=order + 1, leader=leader
        )
        group.communities.set([node.parent])
        group.members.set(staff)
        groups.append(group.name)
    population_node = next((g for g in workgroups if g.name == POPULATION_GROUP), None)
    population = ProjectGroup.objects.create(
        unit=unit,
        project=project,
        name=POPULATION_GROUP,
        node=population_node,
        kind=ProjectGroup.Kind.POPULATION,
        sort_order=99,
    )
    if population_node is not None:
        population.members.set(User.objects.filter(node=population_node, is_active=True))
    groups.append(population.name)
    audit_append(
        [
            project_draft(
                project,
                AuditEntry.Action.CREATE,
                "renewal.project",
                project.pk,
                f"征收项目 {name}",
                {
                    "项目名称": [None, name],
                    "涉及村居": [None, "、".join(c.name for c in communities)],
                    "启动日期": [None, start_date],
                    "冻结日期": [None, freeze_date],
                    "公示期（天）": [None, publicity_days],
                    "工作组": [None, "、".join(groups)],
                },
            )
        ],
        actor=actor,
    )
    return project


def _project_values(project: Project) -> dict:
    return {
        "项目名称": project.name,
        "启动日期": project.start_date,
        "冻结日期": project.freeze_date,
        "公示期（天）": project.publicity_days,
        "认定的特殊情形": "、".join(rules.SPECIAL_CASES[k] for k in sorted(project.special_case_keys)),
        "冻结后出生子女认定截止日": project.newborn_cutoff,
        "婚入配偶认定截止日": project.marriage_cutoff,
    }


@transaction.atomic
def project_update(
    *,
    actor,
    project: Project,
    name: str,
    start_date: date,
    freeze_date: date,
    publicity_days: int,
    special_cases: Iterable[str],
    newborn_cutoff: date | None,
    marriage_cutoff: date | None,
    reason: str = "",
) -> Project:
    require_manager(actor, project)
    name = name.strip()
    _check_dates(start_date, freeze_date)
    unknown = set(special_cases) - set(rules.SPECIAL_CASES)
    if unknown:
        raise ValidationError(f"不认识的特殊情形：{'、'.join(sorted(unknown))}")
    if Project.objects.filter(unit_id=project.unit_id, name=name).exclude(pk=project.pk).exists():
        raise ValidationError(f"已有名为“{name}”的项目")
    if freeze_date != project.freeze_date and not reason:
        raise ValidationError("修改冻结日期须说明原因（冻结日期决定哪些迁入、新建不予认定）")
    before = _project_values(project)
    project.name, project.start_date, project.freeze_date = name, start_date, freeze_date
    project.publicity_days, project.newborn_cutoff, project.marriage_cutoff = (
        publicity_days,
        newborn_cutoff,
        marriage_cutoff,
    )
    project.counted_special_cases = ",".join(sorted(set(special_cases)))
    project.save()
    changes = field_changes(before, _project_values(project))
    if changes:
        audit_append(
            [
                project_draft(
                    project,
                    AuditEntry.Action.UPDATE,
                    "renewal.project",
                    project.pk,
                    f"征收项目 {project.name}",
                    changes,
                    reason,
                )
            ],
            actor=actor,
        )
    return project


# --- groups -------------------------------------------------------------------------------------------


@transaction.atomic
def group_save(
    *,
    actor,
    project: Project,
    name: str,
    kind: str = ProjectGroup.Kind.REGIONAL,
    communities: list[OrgNode] = (),
    blocks: str = "",
    leader: User | None = None,
    members: list[User] = (),
    group: ProjectGroup | None = None,
) -> ProjectGroup:
    """Create a group, or change one (`group`): what it covers and who is in it."""
    require_manager(actor, project)
    name = name.strip()
    if not name:
        raise ValidationError("请填写组名")
    clash = ProjectGroup.objects.filter(project=project, name=name)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise ValidationError(f"本项目已有“{name}”")
    project_communities = set(project.communities.values_list("pk", flat=True))
    outside = [c.name for c in communities if c.pk not in project_communities]
    if outside:
        raise ValidationError(f"{'、'.join(outside)}不在本项目涉及的村居内")
    people = [*members, *([leader] if leader else [])]
    strangers = [u.full_name or u.username for u in people if u.unit_id != project.unit_id or not u.is_active]
    if strangers:
        raise ValidationError(f"{'、'.join(strangers)}不是本单位在岗人员")
    before = _group_values(group) if group else {}
    if group is None:
        group = ProjectGroup(
            unit_id=project.unit_id,
            project=project,
            sort_order=ProjectGroup.objects.filter(project=project).count() + 1,
        )
    group.name, group.kind, group.blocks, group.leader = name, kind, blocks.strip(), leader
    group.save()
    group.communities.set(communities)
    group.members.set({u.pk for u in people})
    changes = field_changes(before, _group_values(group))
    if changes:
        audit_append(
            [
                project_draft(
                    project,
                    AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                    "renewal.group",
                    group.pk,
                    f"{project.name} {name}",
                    changes,
                )
            ],
            actor=actor,
        )
    return group


def _group_values(group: ProjectGroup) -> dict:
    return {
        "组名": group.name,
        "类型": group.get_kind_display(),
        "负责片区（街巷）": group.blocks,
        "负责村居": "、".join(c.name for c in group.communities.order_by("sort_order", "id")),
        "组长": str(group.leader) if group.leader else "",
        "组员": "、".join(sorted(str(u) for u in group.members.all())),
    }


def regional_groups_by_community(project: Project) -> dict[int, ProjectGroup]:
    """The regional group covering each community (the first by order when two cover one)."""
    result: dict[int, ProjectGroup] = {}
    through = ProjectGroup.communities.through
    groups = {g.pk: g for g in ProjectGroup.objects.filter(project=project, kind=ProjectGroup.Kind.REGIONAL)}
    for group_id, community_id in (
        through.objects.filter(projectgroup__project=project)
        .order_by("projectgroup__sort_order", "projectgroup_id")
        .values_list("projectgroup_id", "orgnode_id")
    ):
        if group_id in groups:
            result.setdefault(community_id, groups[group_id])
    return result


def population_group(project: Project) -> ProjectGroup | None:
    return (
        ProjectGroup.objects.filter(project=project, kind=ProjectGroup.Kind.POPULATION).order_by("sort_order").first()
    )


# --- the freeze notice --------------------------------------------------------------------------------


def default_notice_scope(project: Project) -> str:
    return f"{project.unit.name}{'、'.join(c.name for c in project.communities.order_by('path'))}征收范围（红线）内的全部房屋、土地和户籍"


def default_notice_text(project: Project) -> str:
    communities = "、".join(c.name for c in project.ordered_communities())
    return (
        f"根据{project.unit.name}{project.name}工作安排，自 {project.freeze_date:%Y年%m月%d日} 起，对{communities}"
        "征收范围内的房屋和户籍实行冻结。冻结期间：\n"
        "一、停止办理户口迁入（出生、婚入等按政策规定的情形除外）、分户；\n"
        "二、不得新建、扩建、改建房屋及其附属物，不得改变房屋用途；\n"
        "三、冻结日后迁入的户口、新建扩建改建的房屋及附属物、突击装修部分，一律不予认定和补偿。\n"
        "请征收范围内的居民相互告知、共同遵守。对违反规定的行为，欢迎群众举报。"
    )


@transaction.atomic
def freeze_notice_save(*, actor, project: Project, issued_on: date, scope: str, text: str) -> FreezeNotice:
    require_manager(actor, project)
    if not scope.strip() or not text.strip():
        raise ValidationError("冻结范围和公告正文都要填写")
    notice = FreezeNotice.objects.filter(project=project).first()
    before = {"发布日期": notice.issued_on, "冻结范围": notice.scope, "公告正文": notice.text} if notice else {}
    if notice is None:
        notice = FreezeNotice(unit_id=project.unit_id, project=project)
    notice.issued_on, notice.scope, notice.text, notice.updated_by = issued_on, scope.strip(), text.strip(), actor
    notice.save()
    changes = field_changes(before, {"发布日期": issued_on, "冻结范围": notice.scope, "公告正文": notice.text})
    if changes:
        audit_append(
            [
                project_draft(
                    project,
                    AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                    "renewal.freeze_notice",
                    notice.pk,
                    f"{project.name} 冻结公告",
                    changes,
                )
            ],
            actor=actor,
        )
    return notice
