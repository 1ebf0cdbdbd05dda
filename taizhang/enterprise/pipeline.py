"""Writing the investment pipeline: lead sources, projects, stage moves (and withdrawing the last one), dropping a
project (and withdrawing that), follow-ups, credit shares and the unit's stage norms. Each write is checked against
rules.pipeline and policies, atomic and audited (object types enterprise.station / project / stage / follow_up /
credit / stage_norm)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.enterprise import policies
from taizhang.enterprise.models import FollowUp, Project, ProjectCredit, StageEvent, StageNorm, Station
from taizhang.enterprise.rules import pipeline as rules
from taizhang.enterprise.rules.stages import CODES, LABELS

A = AuditEntry.Action
# What a new project may start at: later stages are reached by moves, with their evidence.
START_STAGES = ("lead", "talks")
PROJECT_FIELDS = {
    "name": "项目名称",
    "enterprise": "落地企业",
    "investor": "投资方",
    "chain": "产业链",
    "source": "线索来源",
    "officer": "招商责任人",
    "planned_investment": "计划投资（万元）",
    "actual_investment": "实际投资（万元）",
    "registered_capital": "注册资本（万元）",
    "paid_in_capital": "实缴资本（万元）",
    "land_mu": "供地面积（亩）",
    "promised_output_per_mu": "承诺亩均产值（万元/亩）",
    "promised_tax_per_mu": "承诺亩均税收（万元/亩）",
    "promise_year": "承诺达效年度",
    "note": "备注",
}


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def _require_work(actor, unit_id: int) -> None:
    if not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以登记招商项目")


def _require_configure(actor, unit_id: int) -> None:
    if not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有本单位管理员可以设置招商渠道和阶段标准")


def _of_unit(unit_id: int, **records) -> None:
    """Every record named (enterprise, chain, source, officer, …) belongs to the unit."""
    for label, record in records.items():
        if record is not None and record.unit_id != unit_id:
            raise ValidationError(f"{label}不属于本单位")


def _draft(
    project: Project, action: str, changes: dict, *, object_type: str = "enterprise.project", reason=""
) -> Draft:
    return Draft(
        action=action,
        object_type=object_type,
        object_id=str(project.pk),
        object_repr=f"招商项目 {project.name}",
        unit_id=project.unit_id,
        changes=changes,
        reason=reason,
    )


def _shown(value) -> object:
    return str(value) if hasattr(value, "pk") else value


# --- lead sources ------------------------------------------------------------------------------------------


@transaction.atomic
def station_save(
    *, actor, unit_id: int, station: Station | None = None, name: str, kind: str, region: str = "", is_active=True
) -> Station:
    _require_configure(actor, unit_id if station is None else station.unit_id)
    name = name.strip()
    if not name:
        raise ValidationError("请填写渠道名称")
    if kind not in Station.Kind.values:
        raise ValidationError("请选择渠道类型")
    if kind == Station.Kind.STATION and not region.strip():
        raise ValidationError("外派招商站须填写所在国家/地区")
    current = station or Station(unit_id=unit_id)
    taken = Station.objects.filter(unit_id=current.unit_id, name=name).exclude(pk=current.pk).exists()
    if taken:
        raise ValidationError(f"已有名为“{name}”的招商渠道")
    labels = {"名称": "name", "类型": "kind", "国家/地区": "region", "在用": "is_active"}
    before = None if station is None else {label: getattr(station, f) for label, f in labels.items()}
    current.name, current.kind, current.region, current.is_active = name, kind, region.strip(), bool(is_active)
    current.save()
    changes = field_changes(before, {label: getattr(current, f) for label, f in labels.items()})
    if changes:
        audit_append(
            [
                Draft(
                    action=A.CREATE if station is None else A.UPDATE,
                    object_type="enterprise.station",
                    object_id=str(current.pk),
                    object_repr=f"招商渠道 {current.name}",
                    unit_id=current.unit_id,
                    changes=changes,
                )
            ],
            actor=actor,
        )
    return current


# --- projects ------------------------------------------------------------------------------------------------


def _check_project(unit_id: int, values: Mapping) -> None:
    _of_unit(
        unit_id,
        落地企业=values.get("enterprise"),
        产业链=values.get("chain"),
        线索来源=values.get("source"),
        招商责任人=values.get("officer"),
    )
    if not (values.get("name") or "").strip():
        raise ValidationError("请填写项目名称")
    for field in ("planned_investment", "actual_investment", "registered_capital", "paid_in_capital", "land_mu"):
        amount = values.get(field)
        if amount is not None and amount < 0:
            raise ValidationError(f"{PROJECT_FIELDS[field]}不能为负数")


@transaction.atomic
def project_create(*, actor, unit_id: int, stage: str = "lead", stage_on: date, **values) -> Project:
    """A new project at 线索 or 洽谈 on `stage_on` (its first stage event; 洽谈 records 线索 the same day)."""
    _require_work(actor, unit_id)
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    _check_project(unit_id, values)
    if stage not in START_STAGES:
        raise ValidationError("新项目从“线索”或“洽谈”开始；签约及以后的阶段请在项目页推进并上传佐证材料")
    if stage_on > clock.today():
        raise ValidationError(f"日期 {stage_on} 晚于今天，不能预先登记")
    values["name"] = values["name"].strip()
    project = Project.objects.create(unit_id=unit_id, stage=stage, stage_on=stage_on, **values)
    now = clock.now()
    StageEvent.objects.bulk_create(
        StageEvent(
            unit_id=unit_id,
            project=project,
            move=1,
            stage=code,
            reached_on=stage_on,
            skipped=code != stage,
            owner=values.get("officer"),
            recorded_by=actor,
            recorded_at=now,
        )
        for code in CODES[: CODES.index(stage) + 1]
    )
    changes = field_changes(None, {label: _shown(values.get(f)) for f, label in PROJECT_FIELDS.items()})
    changes["阶段"] = [None, f"{LABELS[stage]}（{stage_on}）"]
    audit_append([_draft(project, A.CREATE, changes)], actor=actor)
    return project


@transaction.atomic
def project_update(*, actor, project: Project, **values) -> Project:
    _require_work(actor, project.unit_id)
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    merged = {f: getattr(project, f) for f in PROJECT_FIELDS} | values
    _check_project(project.unit_id, merged)
    before = {label: _shown(getattr(project, f)) for f, label in PROJECT_FIELDS.items()}
    for field, value in values.items():
        setattr(project, field, value.strip() if isinstance(value, str) else value)
    project.save()
    changes = field_changes(before, {label: _shown(getattr(project, f)) for f, label in PROJECT_FIELDS.items()})
    if changes:
        audit_append([_draft(project, A.UPDATE, changes)], actor=actor)
    return project


def _locked(project: Project) -> Project:
    """The project read again under a row lock: two officers moving it at once cannot both win."""
    fresh = Project.objects.select_for_update().get(pk=project.pk)
    for field in ("stage", "stage_on", "dropped_on", "drop_reason"):
        setattr(project, field, getattr(fresh, field))
    return project


@transaction.atomic
def stage_move(
    *, actor, project: Project, target: str, on: date, owner=None, evidence=None, note: str = ""
) -> list[StageEvent]:
    """Move the project to `target` on `on`; the stages between are recorded as reached the same day."""
    _require_work(actor, project.unit_id)
    _locked(project)
    _of_unit(project.unit_id, 阶段责任人=owner)
    _refuse(
        rules.move_problems(
            stage=project.stage,
            stage_on=project.stage_on,
            target=target,
            on=on,
            today=clock.today(),
            evidence=bool(evidence),
            dropped=project.dropped_on is not None,
        )
    )
    move = (StageEvent.objects.filter(project=project).aggregate(n=Max("move"))["n"] or 0) + 1
    reached = rules.path(project.stage, target)
    now = clock.now()
    events = []
    for code in reached:
        event = StageEvent(
            unit_id=project.unit_id,
            project=project,
            move=move,
            stage=code,
            reached_on=on,
            skipped=code != target,
            from_stage=project.stage,
            from_on=project.stage_on,
            owner=owner or project.officer,
            note=note.strip() if code == target else "",
            recorded_by=actor,
            recorded_at=now,
        )
        if code == target and evidence:
            event.evidence = evidence
        event.save()
        events.append(event)
    before = f"{LABELS[project.stage]}（{project.stage_on}）"
    project.stage, project.stage_on = target, on
    project.save(update_fields=["stage", "stage_on"])
    changes = {"阶段": [before, f"{LABELS[target]}（{on}）"]}
    if len(reached) > 1:
        changes["一并到达"] = [None, "、".join(LABELS[c] for c in reached[:-1])]
    if evidence:
        changes["佐证材料"] = [None, events[-1].evidence.name.rsplit("/", 1)[-1]]
    if note.strip():
        changes["说明"] = [None, note.strip()]
    audit_append([_draft(project, A.UPDATE, changes, object_type="enterprise.stage")], actor=actor)
    return events


def last_move(project: Project) -> list[StageEvent]:
    """The events of the project's last move still standing; none for its creation (no stage before it), which
    cannot be withdrawn."""
    events = list(StageEvent.objects.filter(project=project, withdrawn_at__isnull=True).order_by("-move", "-id"))
    if not events or not events[0].from_stage:
        return []
    return [e for e in events if e.move == events[0].move]


@transaction.atomic
def stage_withdraw(*, actor, project: Project, reason: str) -> None:
    """Withdraw the last move (a stage moved by mistake): its events stay, marked withdrawn with the reason, and the
    project is back where it stood before it."""
    _require_work(actor, project.unit_id)
    _locked(project)
    if not reason.strip():
        raise ValidationError("请填写撤回原因")
    if project.dropped_on is not None:
        raise ValidationError("项目已终止，请先撤回终止")
    events = last_move(project)
    if not events:
        raise ValidationError("没有可撤回的阶段推进")
    first = events[-1]
    StageEvent.objects.filter(pk__in=[e.pk for e in events]).update(
        withdrawn_at=clock.now(), withdraw_reason=reason.strip()
    )
    before = f"{LABELS[project.stage]}（{project.stage_on}）"
    project.stage, project.stage_on = first.from_stage, first.from_on
    project.save(update_fields=["stage", "stage_on"])
    changes = {"阶段": [before, f"{LABELS[project.stage]}（{project.stage_on}）"]}
    audit_append([_draft(project, A.VOID, changes, object_type="enterprise.stage", reason=reason.strip())], actor=actor)


@transaction.atomic
def project_drop(*, actor, project: Project, on: date, reason: str) -> None:
    """终止: the project leaves the pipeline on `on` (kept, withdrawable)."""
    _require_work(actor, project.unit_id)
    _locked(project)
    if project.dropped_on is not None:
        raise ValidationError("项目已终止")
    if not reason.strip():
        raise ValidationError("请填写终止原因")
    if on < project.stage_on or on > clock.today():
        raise ValidationError(f"终止日期须在 {project.stage_on} 与今天之间")
    project.dropped_on, project.drop_reason = on, reason.strip()[:200]
    project.save(update_fields=["dropped_on", "drop_reason"])
    changes = {"终止": [None, f"{on}：{project.drop_reason}"]}
    audit_append([_draft(project, A.VOID, changes, reason=project.drop_reason)], actor=actor)


@transaction.atomic
def drop_withdraw(*, actor, project: Project, reason: str) -> None:
    _require_work(actor, project.unit_id)
    _locked(project)
    if project.dropped_on is None:
        raise ValidationError("项目没有终止")
    if not reason.strip():
        raise ValidationError("请填写撤回原因")
    changes = {"终止": [f"{project.dropped_on}：{project.drop_reason}", None]}
    project.dropped_on, project.drop_reason = None, ""
    project.save(update_fields=["dropped_on", "drop_reason"])
    audit_append([_draft(project, A.RESTORE, changes, reason=reason.strip())], actor=actor)


# --- follow-ups and credits ------------------------------------------------------------------------------


@transaction.atomic
def follow_up_add(
    *, actor, project: Project, happened_on: date, summary: str, next_action: str = "", next_on: date | None = None
) -> FollowUp:
    _require_work(actor, project.unit_id)
    problems = []
    if not summary.strip():
        problems.append("请填写跟进情况")
    if happened_on > clock.today():
        problems.append(f"跟进日期 {happened_on} 晚于今天")
    if next_on is not None and next_on < happened_on:
        problems.append(f"下一步日期 {next_on} 早于跟进日期 {happened_on}")
    if next_on is not None and not next_action.strip():
        problems.append("填写了下一步日期，请同时写明下一步工作")
    _refuse(problems)
    follow_up = FollowUp.objects.create(
        unit_id=project.unit_id,
        project=project,
        happened_on=happened_on,
        summary=summary.strip(),
        next_action=next_action.strip(),
        next_on=next_on,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    changes = {"跟进": [None, f"{happened_on} {follow_up.summary}"]}
    if next_on or next_action:
        changes["下一步"] = [None, f"{next_on or ''} {follow_up.next_action}".strip()]
    audit_append([_draft(project, A.CREATE, changes, object_type="enterprise.follow_up")], actor=actor)
    return follow_up


def credits_of(project: Project) -> list[tuple[object, Decimal]]:
    """The project's credit split: its shares, or 100 % to its officer."""
    shares = [(c.user, c.share) for c in project.credits.all()]
    if shares:
        return shares
    return [(project.officer, rules.HUNDRED)] if project.officer_id else []


@transaction.atomic
def credits_set(*, actor, project: Project, shares: Sequence[tuple[object, Decimal]]) -> None:
    """Split the project's credit among officers of the unit (shares in %, totalling 100)."""
    _require_work(actor, project.unit_id)
    _refuse(rules.credit_problems([(getattr(u, "full_name", "") or str(u), s) for u, s in shares]))
    for user, _ in shares:
        _of_unit(project.unit_id, **{f"招商人员 {user}": user})
    before = {str(u): str(s) for u, s in credits_of(project)}
    ProjectCredit.objects.filter(project=project).delete()
    ProjectCredit.objects.bulk_create(
        ProjectCredit(unit_id=project.unit_id, project=project, user=user, share=share) for user, share in shares
    )
    after = {str(u): str(s) for u, s in shares}
    changes = field_changes(before, after) | {k: [v, None] for k, v in before.items() if k not in after}
    if changes:
        audit_append([_draft(project, A.UPDATE, changes, object_type="enterprise.credit")], actor=actor)


# --- the unit's stage norms --------------------------------------------------------------------------------


@transaction.atomic
def norms_set(
    *,
    actor,
    unit_id: int,
    effective_on: date,
    usual_days: Mapping[str, int | None],
    probability: Mapping[str, int],
) -> None:
    """The stages' usual times and fixed probabilities from `effective_on` on (replacing those set for that day)."""
    _require_configure(actor, unit_id)
    problems = []
    for code in CODES:
        p = probability.get(code)
        if p is None or not 0 <= p <= 100:
            problems.append(f"“{LABELS[code]}”的成功概率须在 0–100 之间")
        days = usual_days.get(code)
        if code != "performing" and (days is None or days < 1):
            problems.append(f"“{LABELS[code]}”的通常用时须至少 1 天")
    _refuse(problems)
    changes = {}
    for code in CODES:
        days = None if code == "performing" else usual_days[code]
        StageNorm.objects.update_or_create(
            unit_id=unit_id,
            stage=code,
            effective_on=effective_on,
            defaults={"usual_days": days, "probability": probability[code], "set_by": actor},
        )
        changes[LABELS[code]] = [None, f"{days or '—'} 天，{probability[code]}%"]
    audit_append(
        [
            Draft(
                action=A.UPDATE,
                object_type="enterprise.stage_norm",
                object_repr=f"阶段标准（{effective_on} 起）",
                unit_id=unit_id,
                changes=changes,
            )
        ],
        actor=actor,
    )
