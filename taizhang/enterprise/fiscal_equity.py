"""The 产业投资公司's stakes: recorded with their agreement, valued over time, exited (回购, 转让, 上市) through a
confirm page and the exit withdrawn with a reason. Keyword-only, atomic, checked against the actor's unit, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append, field_changes
from taizhang.core import clock
from taizhang.enterprise.fiscal import check_amount, check_worker, draft, void
from taizhang.enterprise.models import Enterprise, EquityExit, EquityStake, Project, Valuation

SHARE_PLACES = Decimal("0.0001")


def _stake_fields(stake: EquityStake) -> dict:
    return {
        "被投对象": stake.investee,
        "投资金额（万元）": stake.invested,
        "持股比例（%）": stake.share,
        "投资日期": stake.invested_on,
        "投资协议": stake.agreement.name.rsplit("/", 1)[-1] if stake.agreement else "",
        "备注": stake.note,
    }


def _not_future(day: date, label: str) -> None:
    if day > clock.today():
        raise ValidationError(f"{label}不能晚于今天")


@transaction.atomic
def stake_create(
    *,
    actor,
    unit_id: int,
    enterprise: Enterprise | None = None,
    project: Project | None = None,
    invested: Decimal,
    share: Decimal,
    invested_on: date,
    agreement=None,
    note: str = "",
) -> EquityStake:
    """A stake in an enterprise or a project of the unit (one of the two, or both when the project is the
    enterprise's); `agreement` is a document already checked by taizhang.core.uploads.document_clean."""
    check_worker(actor, unit_id)
    if enterprise is None and project is None:
        raise ValidationError("请选择被投企业或被投项目")
    for record, label in ((enterprise, "企业"), (project, "项目")):
        if record is not None and record.unit_id != unit_id:
            raise ValidationError(f"所选{label}不是本单位的")
    check_amount(invested, "投资金额", positive=True)
    if not share.is_finite() or not Decimal(0) < share <= Decimal(100) or share != share.quantize(SHARE_PLACES):
        raise ValidationError("持股比例应大于 0%、不超过 100%，最多四位小数")
    _not_future(invested_on, "投资日期")
    stake = EquityStake(
        unit_id=unit_id,
        enterprise=enterprise,
        project=project,
        invested=invested,
        share=share,
        invested_on=invested_on,
        note=note,
        created_by=actor,
    )
    if agreement is not None:
        stake.agreement.save(agreement.name, agreement, save=False)
    stake.save()
    changes = field_changes({}, _stake_fields(stake))
    audit_append([draft(stake, "enterprise.stake", AuditEntry.Action.CREATE, changes)], actor=actor)
    return stake


def active_exit(stake: EquityStake) -> EquityExit | None:
    return stake.exits.filter(withdrawn_at__isnull=True).first()


@transaction.atomic
def stake_void(*, actor, stake: EquityStake, reason: str) -> EquityStake:
    """A stake recorded in error; refused once it has an exit (withdraw the exit first)."""
    if active_exit(stake) is not None:
        raise ValidationError("这笔股权已登记退出，请先撤回退出再作废")
    changes = {"投资金额（万元）": [stake.invested, None]}
    return void(
        EquityStake,
        stake,
        actor=actor,
        reason=reason,
        object_type="enterprise.stake",
        already="这笔股权已作废",
        changes=changes,
    )


def _held(stake: EquityStake) -> EquityStake:
    stake = EquityStake.objects.select_for_update(of=("self",)).select_related("enterprise", "project").get(pk=stake.pk)
    if stake.is_voided:
        raise ValidationError("这笔股权已作废")
    return stake


@transaction.atomic
def valuation_add(*, actor, stake: EquityStake, valued_on: date, value: Decimal, basis: str) -> Valuation:
    check_worker(actor, stake.unit_id)
    stake = _held(stake)
    if active_exit(stake) is not None:
        raise ValidationError("这笔股权已退出，不再估值")
    check_amount(value, "估值")
    _not_future(valued_on, "估值日期")
    if valued_on < stake.invested_on:
        raise ValidationError("估值日期不能早于投资日期")
    if not basis.strip():
        raise ValidationError("请写明估值依据")
    valuation = Valuation.objects.create(
        unit_id=stake.unit_id, stake=stake, valued_on=valued_on, value=value, basis=basis.strip(), created_by=actor
    )
    changes = field_changes({}, {"股权": stake.investee, "估值日期": valued_on, "估值（万元）": value, "依据": basis})
    audit_append([draft(valuation, "enterprise.valuation", AuditEntry.Action.CREATE, changes)], actor=actor)
    return valuation


@transaction.atomic
def valuation_void(*, actor, valuation: Valuation, reason: str) -> Valuation:
    changes = {"估值（万元）": [valuation.value, None]}
    return void(
        Valuation,
        valuation,
        actor=actor,
        reason=reason,
        object_type="enterprise.valuation",
        already="这次估值已作废",
        changes=changes,
    )


@transaction.atomic
def exit_register(
    *, actor, stake: EquityStake, exited_on: date, proceeds: Decimal, kind: str, note: str = ""
) -> EquityExit:
    """The stake is exited (the whole holding); the page asks for confirmation first."""
    check_worker(actor, stake.unit_id)
    stake = _held(stake)
    if active_exit(stake) is not None:
        raise ValidationError("这笔股权已登记退出")
    if kind not in EquityExit.Kind.values:
        raise ValidationError("请选择退出方式")
    check_amount(proceeds, "退出所得")
    _not_future(exited_on, "退出日期")
    if exited_on < stake.invested_on:
        raise ValidationError("退出日期不能早于投资日期")
    found = EquityExit.objects.create(
        unit_id=stake.unit_id,
        stake=stake,
        exited_on=exited_on,
        proceeds=proceeds,
        kind=kind,
        note=note,
        created_by=actor,
    )
    changes = field_changes(
        {}, {"退出方式": found.get_kind_display(), "退出日期": exited_on, "退出所得（万元）": proceeds, "说明": note}
    )
    audit_append(
        [draft(found, "enterprise.stake_exit", AuditEntry.Action.CREATE, changes, title=f"{stake.investee} 股权退出")],
        actor=actor,
    )
    return found


@transaction.atomic
def exit_withdraw(*, actor, stake: EquityStake, reason: str) -> EquityExit:
    """The exit was registered in error: the stake is held again (the exit stays on record as withdrawn)."""
    check_worker(actor, stake.unit_id)
    stake = _held(stake)
    found = EquityExit.objects.select_for_update().filter(stake=stake, withdrawn_at__isnull=True).first()
    if found is None:
        raise ValidationError("这笔股权没有可撤回的退出登记")
    if not reason.strip():
        raise ValidationError("请写明撤回原因")
    found.withdrawn_at, found.withdrawn_by, found.withdraw_reason = clock.now(), actor, reason.strip()[:200]
    found.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    changes = {"退出": [f"{found.get_kind_display()} {found.proceeds} 万元", None]}
    audit_append(
        [
            draft(
                found,
                "enterprise.stake_exit",
                AuditEntry.Action.VOID,
                changes,
                found.withdraw_reason,
                title=f"{stake.investee} 股权退出",
            )
        ],
        actor=actor,
    )
    return found
