"""Compensation by the published policy (its versions are in `compensation_policies`): a household's case built from
its measurements and determinations, both options' breakdowns, and what a draft would change per household before it
is published.

A courtyard owned by several households (院落共有) is shared equally: each building's floor area and each
attachment's count is divided by the number of owners, to the 0.01 m² (0.01 unit), rounded down, and the few
hundredths left over go to the owners in the order of their 户编号, so that the shares add up exactly to what was
measured and nobody is paid twice for one building. Equal shares are what the ledger can know: the measurement
records the courtyard, not who owns which room; a different split agreed by the owners is a re-measurement with
one courtyard per household.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Q

from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.renewal import rules
from taizhang.renewal.compensation_policies import policy_in_force, policy_rules
from taizhang.renewal.models import (
    Agreement,
    CompensationPolicy,
    Determination,
    Measurement,
    Project,
    ProjectHousehold,
    Site,
    current_agreement,
)

HUNDREDTH = Decimal("0.01")


# --- a household's case -------------------------------------------------------------------------------


def _shares(total: Decimal, owners: int) -> list[Decimal]:
    """`total` split equally among `owners`, to the hundredth, the remainder to the first ones."""
    share = (total / owners).quantize(HUNDREDTH, rounding=ROUND_DOWN)
    left = int((total - share * owners) / HUNDREDTH)
    return [share + (HUNDREDTH if i < left else 0) for i in range(owners)]


@dataclass
class _Inputs:
    buildings: dict[int, list[rules.Building]]
    attachments: dict[int, list[tuple[str, Decimal]]]
    counted: dict[int, int]
    measured: set[int]  # entries with a current, active measurement of a courtyard they own
    determined: set[int]  # entries with current determinations, none 待定


FEW = 500


def _inputs(project: Project, entry_ids: list[int]) -> _Inputs:
    """Everything the cases of these entries need, in a fixed number of queries."""
    result = _Inputs({e: [] for e in entry_ids}, {e: [] for e in entry_ids}, {}, set(), set())
    through = Site.owners.through
    owners: dict[int, list[int]] = {}
    # The courtyards these households own, then all the owners of those (a shared one is split among them all);
    # for many households (the preview of a policy) all the project's courtyards at once.
    courtyards = through.objects.filter(
        site__project=project, site__kind=Site.Kind.COURTYARD, site__status=RecordStatus.ACTIVE
    )
    if len(entry_ids) <= FEW:
        courtyards = through.objects.filter(
            site_id__in=set(courtyards.filter(projecthousehold_id__in=entry_ids).values_list("site_id", flat=True))
        )
    for site_id, entry_id in courtyards.order_by(
        "projecthousehold__household__household_no", "projecthousehold_id"
    ).values_list("site_id", "projecthousehold_id"):
        owners.setdefault(site_id, []).append(entry_id)
    wanted = {s for s, es in owners.items() if set(es) & set(entry_ids)}
    measurements = list(
        Measurement.objects.filter(site_id__in=wanted, is_current=True, status=RecordStatus.ACTIVE)
        .select_related("site")
        .prefetch_related("buildings", "attachments")
        .order_by("site__number", "id")
    )
    sites_of: dict[int, set[int]] = {}
    for m in measurements:
        for entry_id in owners[m.site_id]:
            sites_of.setdefault(entry_id, set()).add(m.site_id)
    for m in measurements:
        site_owners = owners[m.site_id]
        n = len(site_owners)
        for building in m.buildings.all():
            for entry_id, area in zip(site_owners, _shares(building.floor_area, n), strict=True):
                if entry_id not in result.buildings:
                    continue
                label = building.label
                if len(sites_of[entry_id]) > 1:
                    label = f"{m.site.number} {label}"
                if n > 1:
                    label = f"{label}（{n}户共有，按份）"
                result.buildings[entry_id].append(
                    rules.Building(label, building.structure, building.certificate, area, building.built_on)
                )
        for attachment in m.attachments.all():
            for entry_id, count in zip(site_owners, _shares(attachment.quantity, n), strict=True):
                if entry_id in result.attachments:
                    result.attachments[entry_id].append((attachment.kind, count))
        result.measured.update(site_owners)
    counts = (
        Determination.objects.filter(entry_id__in=entry_ids, is_current=True)
        .values("entry_id")
        .annotate(
            counted=Count("id", filter=Q(verdict=rules.COUNTED)), pending=Count("id", filter=Q(verdict=rules.PENDING))
        )
    )
    for row in counts:
        result.counted[row["entry_id"]] = row["counted"]
        if not row["pending"]:
            result.determined.add(row["entry_id"])
    return result


def _merge_attachments(items: list[tuple[str, Decimal]]) -> tuple[tuple[str, Decimal], ...]:
    """One line per kind of attachment, however many courtyards it is counted in."""
    merged: dict[str, Decimal] = {}
    for kind, count in items:
        merged[kind] = merged.get(kind, Decimal("0")) + count
    return tuple(merged.items())


def _case(entry: ProjectHousehold, inputs: _Inputs, agreement: Agreement | None, signed_on: date | None) -> rules.Case:
    return rules.Case(
        buildings=tuple(inputs.buildings.get(entry.pk, ())),
        attachments=_merge_attachments(inputs.attachments.get(entry.pk, [])),
        determined_persons=inputs.counted.get(entry.pk, 0),
        freeze_date=entry.project.freeze_date,
        signed_on=agreement.signed_on if agreement and agreement.signed_on else signed_on,
        vacated_on=agreement.vacated_on if agreement else None,
        months_until_handover=agreement.months_until_handover if agreement else 0,
        chosen_area=agreement.chosen_area if agreement else None,
    )


def _agreement_of(entry: ProjectHousehold) -> Agreement | None:
    return Agreement.objects.filter(entry=entry).exclude(status=Agreement.Status.VOIDED).first()


def household_case(
    entry: ProjectHousehold, agreement: Agreement | None = None, *, signing_on: date | None = None
) -> rules.Case:
    """What the calculation needs of the household: the buildings and attachments of the current measurements of
    the courtyards it owns (shared equally when several households own one), its 认定 count, the project's freeze
    date, and the agreement's dates, chosen area and months. `signing_on` is the date assumed for the signing award
    while the agreement is not signed."""
    return _case(entry, _inputs(entry.project, [entry.pk]), agreement or _agreement_of(entry), signing_on)


def household_readiness(entry: ProjectHousehold) -> tuple[bool, bool]:
    """(measured, determined): the household's fields kept by the measurement and determination services, or,
    when those are empty, the records themselves."""
    if entry.measured_on and entry.determined_on:
        return True, True
    inputs = _inputs(entry.project, [entry.pk])
    return (
        bool(entry.measured_on) or entry.pk in inputs.measured,
        bool(entry.determined_on) or entry.pk in inputs.determined,
    )


@dataclass
class Compensation:
    entry: ProjectHousehold
    on: date  # the date the policy was taken in force on
    policy: CompensationPolicy | None
    case: rules.Case
    monetary: rules.Breakdown | None
    exchange: rules.Breakdown | None
    agreement: Agreement | None

    @property
    def breakdowns(self) -> list[rules.Breakdown]:
        return [b for b in (self.monetary, self.exchange) if b is not None]

    def of(self, option: str) -> rules.Breakdown | None:
        return self.monetary if option == Agreement.Option.MONETARY else self.exchange


def household_compensation(
    entry: ProjectHousehold, on: date | None = None, agreement: Agreement | None = None
) -> Compensation:
    """Both options' breakdowns under the policy in force on the signing date once signed, else on `on` (today);
    an unsigned household is shown what it gets if it signs that day."""
    agreement = agreement or _agreement_of(entry)
    if agreement and agreement.signed_on:
        on = agreement.signed_on
    on = on or clock.today()
    case = household_case(entry, agreement, signing_on=on)
    # A signed agreement keeps the version it was signed under (the one in force that day).
    policy = agreement.policy if agreement and agreement.policy_id else policy_in_force(entry.project, on)
    if policy is None:
        return Compensation(entry, on, None, case, None, None, agreement)
    standards = policy_rules(policy)
    return Compensation(
        entry, on, policy, case, rules.monetary(case, standards), rules.property_exchange(case, standards), agreement
    )


# --- what a draft changes ------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    entry: ProjectHousehold
    option: str
    before: Decimal | None  # None: no policy in force before
    after: Decimal
    differences: list[tuple[str, Decimal, Decimal]]

    @property
    def before_text(self) -> str:
        return "—" if self.before is None else rules.money_text(self.before)

    @property
    def after_text(self) -> str:
        return rules.money_text(self.after)

    @property
    def change(self) -> Decimal:
        return self.after - (self.before or Decimal("0"))

    @property
    def change_text(self) -> str:
        return ("+" if self.change > 0 else "") + rules.money_text(self.change)

    @property
    def items(self) -> list[tuple[str, str, str]]:
        """The lines that differ, as printed (合计 left out: it is the row's own figures)."""
        return [
            (item, rules.money_text(old), rules.money_text(new))
            for item, old, new in self.differences
            if item != "合计"
        ]


@dataclass
class Preview:
    policy: CompensationPolicy
    before_policy: CompensationPolicy | None
    on: date
    rows: list[PreviewRow]
    signed: int  # households already signed: their agreements keep their amounts

    @property
    def changed(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.differences]


def policy_preview(policy: CompensationPolicy, user=None) -> Preview:
    """Per unsigned household of the project (those the user may see), the option it chose (货币补偿 when none yet):
    its total under the version in force on the draft's effective date and under the draft, with the lines that
    differ — shown before the draft is published. Signing is assumed on the effective date."""
    project = policy.project
    on = policy.effective_from
    before_policy = (
        CompensationPolicy.objects.filter(
            project=project, status=CompensationPolicy.Status.PUBLISHED, effective_from__lte=on
        )
        .exclude(pk=policy.pk)
        .order_by("-effective_from", "-id")
        .first()
    )
    after_rules = policy_rules(policy)
    before_rules = policy_rules(before_policy) if before_policy else None
    entries = ProjectHousehold.objects.filter(project=project)
    if user is not None:
        entries = entries.visible_to(user)
    entries = list(
        entries.annotate(agreement=current_agreement())
        .select_related("household__head", "project", "community", "agreement")
        .order_by("household__household_no")
    )
    inputs = _inputs(project, [e.pk for e in entries])
    rows, signed = [], 0
    for entry in entries:
        agreement = getattr(entry, "agreement", None)
        if agreement and agreement.signed_on:
            signed += 1
            continue
        option = agreement.option if agreement and agreement.option else Agreement.Option.MONETARY
        compute = rules.property_exchange if option == Agreement.Option.EXCHANGE else rules.monetary
        case = _case(entry, inputs, agreement, on)
        after = compute(case, after_rules)
        before = compute(case, before_rules) if before_rules else rules.Breakdown(option)
        rows.append(
            PreviewRow(
                entry, option, before.total if before_rules else None, after.total, rules.difference(before, after)
            )
        )
    return Preview(policy, before_policy, on, rows, signed)


# --- for the pages and the PDF: a breakdown with its amounts as printed -----------------------------------------


@dataclass
class ShownLine:
    item: str
    basis: str
    amount: Decimal
    text: str  # 1,234.50
    rule: str
    clause: str


@dataclass
class Shown:
    option: str
    lines: list[ShownLine]
    excluded: list[tuple[str, str]]
    total: Decimal
    total_text: str  # the absolute amount, 1,234.50
    capital: str  # the absolute amount in 大写
    payer: str  # who pays the total: "支付给被征收户" or "被征收户应支付差价"


def shown(breakdown: rules.Breakdown | None) -> Shown | None:
    if breakdown is None:
        return None
    total = breakdown.total
    return Shown(
        breakdown.option,
        [ShownLine(x.item, x.basis, x.amount, rules.money_text(x.amount), x.rule, x.clause) for x in breakdown.lines],
        list(breakdown.excluded),
        total,
        rules.money_text(abs(total)),
        rules.capital_yuan(abs(total)),
        "支付给被征收户" if total >= 0 else "被征收户应支付差价",
    )
