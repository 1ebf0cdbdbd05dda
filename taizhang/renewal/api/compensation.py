"""/api/renewal/: compensation policies, a household's compensation (both options), agreements and their steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Router, Schema

from taizhang.core import clock
from taizhang.renewal import agreements, compensation, rules, selectors
from taizhang.renewal.models import Agreement, CompensationPolicy

router = Router(tags=["棚改旧改"])


class PolicyOut(Schema):
    id: int
    project_id: int
    name: str
    effective_from: date
    status: str
    data: dict
    note: str


class LineOut(Schema):
    item: str
    basis: str
    amount: Decimal
    rule: str
    clause: str


class ExcludedOut(Schema):
    item: str
    reason: str


class BreakdownOut(Schema):
    option: str
    lines: list[LineOut]
    excluded: list[ExcludedOut]
    total: Decimal


class CompensationOut(Schema):
    entry_id: int
    household_no: str
    on: date
    policy_id: int | None
    determined_persons: int
    options: list[BreakdownOut]


class AgreementOut(Schema):
    id: int
    entry_id: int
    household_no: str
    option: str
    chosen_area: Decimal | None
    months_until_handover: int
    status: str
    status_label: str
    number: str
    amount: Decimal | None
    policy_id: int | None
    signed_on: date | None
    vacated_on: date | None
    demolished_on: date | None
    void_reason: str
    breakdown: BreakdownOut | None


class StepIn(Schema):
    on: date | None = None  # today when left out (the scope is checked before anything else)


def _policy(p: CompensationPolicy) -> PolicyOut:
    return PolicyOut(
        id=p.pk,
        project_id=p.project_id,
        name=p.name,
        effective_from=p.effective_from,
        status=p.status,
        data=p.data,
        note=p.note,
    )


def _breakdown(b: rules.Breakdown) -> BreakdownOut:
    return BreakdownOut(
        option=b.option,
        total=b.total,
        lines=[LineOut(item=x.item, basis=x.basis, amount=x.amount, rule=x.rule, clause=x.clause) for x in b.lines],
        excluded=[ExcludedOut(item=i, reason=r) for i, r in b.excluded],
    )


def _agreement(a: Agreement) -> AgreementOut:
    frozen = agreements.frozen_breakdown(a)
    return AgreementOut(
        id=a.pk,
        entry_id=a.entry_id,
        household_no=a.entry.household.household_no,
        option=a.option,
        chosen_area=a.chosen_area,
        months_until_handover=a.months_until_handover,
        status=a.status,
        status_label=a.get_status_display(),
        number=a.number,
        amount=a.amount,
        policy_id=a.policy_id,
        signed_on=a.signed_on,
        vacated_on=a.vacated_on,
        demolished_on=a.demolished_on,
        void_reason=a.void_reason,
        breakdown=_breakdown(frozen) if frozen else None,
    )


@router.get("/projects/{project_id}/policies", response=list[PolicyOut])
def policies(request, project_id: int):
    project = selectors.project_or_404(request.user, project_id)
    return [_policy(p) for p in selectors.policy_list(request.user, project)]


@router.get("/policies/{policy_id}", response=PolicyOut)
def policy_detail(request, policy_id: int):
    return _policy(selectors.policy_or_404(request.user, policy_id))


@router.get("/households/{entry_id}/compensation", response=CompensationOut)
def household_compensation(request, entry_id: int, on: date | None = None):
    entry = selectors.entry_or_404(request.user, entry_id)
    result = compensation.household_compensation(entry, on)
    return CompensationOut(
        entry_id=entry.pk,
        household_no=entry.household.household_no,
        on=result.on,
        policy_id=result.policy.pk if result.policy else None,
        determined_persons=result.case.determined_persons,
        options=[_breakdown(b) for b in result.breakdowns],
    )


@router.get("/projects/{project_id}/agreements", response=list[AgreementOut])
def agreement_list(request, project_id: int, status: str = ""):
    project = selectors.project_or_404(request.user, project_id)
    found = (
        Agreement.objects.visible_to(request.user)
        .filter(project=project)
        .select_related("entry__household")
        .order_by("entry__household__household_no")
    )
    if status:
        found = found.filter(status=status)
    return [_agreement(a) for a in found]


@router.get("/agreements/{agreement_id}", response=AgreementOut)
def agreement_get(request, agreement_id: int):
    return _agreement(agreements.agreement_or_404(request.user, agreement_id))


def _step(request, agreement_id: int, service, field: str, on: date) -> AgreementOut:
    agreement = agreements.agreement_or_404(request.user, agreement_id)
    done = service(actor=request.user, agreement=agreement, **{field: on or clock.today()})
    return _agreement(agreements.agreement_or_404(request.user, done.pk))


@router.post("/agreements/{agreement_id}/sign", response=AgreementOut)
def agreement_sign(request, agreement_id: int, payload: StepIn):
    return _step(request, agreement_id, agreements.agreement_sign, "signed_on", payload.on)


@router.post("/agreements/{agreement_id}/vacate", response=AgreementOut)
def agreement_vacate(request, agreement_id: int, payload: StepIn):
    return _step(request, agreement_id, agreements.agreement_vacate, "vacated_on", payload.on)


@router.post("/agreements/{agreement_id}/demolish", response=AgreementOut)
def agreement_demolish(request, agreement_id: int, payload: StepIn):
    return _step(request, agreement_id, agreements.agreement_demolish, "demolished_on", payload.on)


class VoidIn(Schema):
    reason: str = ""  # optional here so the scope is checked first; the service refuses an empty reason


@router.post("/agreements/{agreement_id}/void", response=AgreementOut)
def agreement_void(request, agreement_id: int, payload: VoidIn):
    """Void a signed agreement with the reason (unit admin; refused once 已腾空); the household may then choose again."""
    agreement = agreements.agreement_or_404(request.user, agreement_id)
    done = agreements.agreement_void(actor=request.user, agreement=agreement, reason=payload.reason)
    return _agreement(agreements.agreement_or_404(request.user, done.pk))


class ChooseIn(Schema):
    option: Agreement.Option | None = None
    chosen_area: Decimal | None = None
    months_until_handover: int = 0


@router.post("/households/{entry_id}/agreement", response=AgreementOut)
def agreement_choose(request, entry_id: int, payload: ChooseIn):
    """The household's choice of option (before signing); creates its agreement the first time."""
    entry = selectors.entry_or_404(request.user, entry_id)
    done = agreements.agreement_choose(
        actor=request.user,
        entry=entry,
        option=payload.option or "",
        chosen_area=payload.chosen_area,
        months_until_handover=payload.months_until_handover,
    )
    return _agreement(agreements.agreement_or_404(request.user, done.pk))
