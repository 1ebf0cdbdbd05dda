"""What the renewal signals read of a unit's period — measurements, determinations, agreements with their audit trail
— as the pure rules' values, each family in a fixed number of queries of plain rows; and the records the findings
name, loaded afterwards for those records only (a month of 5,000 households has thousands of rows and a few
findings)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, F, Prefetch
from django.urls import reverse
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.core.findings import Finding, FindingRecord, SignalScope
from taizhang.core.models import RecordStatus
from taizhang.org.models import User
from taizhang.renewal import rules
from taizhang.renewal.models import (
    Agreement,
    Building,
    Determination,
    Measurement,
    ProjectHousehold,
    Site,
    Violation,
)
from taizhang.renewal.rules.signals import Hint
from taizhang.renewal.rules.signals_agreement import AmountEvent, SignedAgreement
from taizhang.renewal.rules.signals_measurement import MeasuredSite
from taizhang.renewal.rules.signals_people import Determined
from taizhang.renewal.selectors import staff_name


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _who(user) -> str:
    return staff_name(user) if user is not None else "系统"


def _name(full_name: str | None, username: str | None) -> str:
    return full_name or username or ""


@dataclass
class Facts:
    """A family's facts: the 村居 of each record it may name, and how its findings' records are loaded."""

    communities: dict[int, int] = field(default_factory=dict)

    def records(self, ids: set[int]) -> dict[int, FindingRecord]:
        raise NotImplementedError

    def findings(self, hints: list[tuple[str, Hint]]) -> list[Finding]:
        shown = self.records({i for _, hint in hints for i in hint.ids}) if hints else {}
        return [
            Finding(
                kind,
                hint.day,
                hint.detail,
                tuple(shown[i] for i in hint.ids),
                self._community_of(hint.ids),
                hint.key,
            )
            for kind, hint in hints
        ]

    def _community_of(self, ids) -> int | None:
        found = {self.communities[i] for i in ids}
        return found.pop() if len(found) == 1 else None


# --- measurements ---------------------------------------------------------------------------------------------


@dataclass
class MeasurementFacts(Facts):
    subjects: list[MeasuredSite] = field(default_factory=list)  # the period's valid measurements
    history: list[MeasuredSite] = field(default_factory=list)  # every measurement of their sites, voided ones too
    current: list[MeasuredSite] = field(default_factory=list)  # the current one of each courtyard of their 村居

    def records(self, ids: set[int]) -> dict[int, FindingRecord]:
        found = (
            Measurement.objects.filter(pk__in=ids)
            .select_related("site__project", "recorded_by")
            .prefetch_related(
                Prefetch("measurers", queryset=User.objects.order_by("id")),
                Prefetch("site__owners", queryset=ProjectHousehold.objects.select_related("household").order_by("id")),
            )
        )
        return {m.pk: _measurement_record(m) for m in found}


def _measurement_record(m: Measurement) -> FindingRecord:
    site = m.site
    who = "、".join([*(staff_name(u) for u in m.measurers.all()), *filter(None, m.measurer_names.split("、"))])
    return FindingRecord(
        ref=f"measurement:{m.pk}",
        label=f"{site.get_kind_display()} {site.number} · {m.measured_on:%Y-%m-%d} 测量"
        + ("（已作废）" if m.is_voided else ""),
        url=reverse("renewal:measurement_detail", args=[m.pk]),
        columns=(
            site.project.name,
            "、".join(o.household.household_no for o in site.owners.all()),
            f"{site.get_kind_display()} {site.number} 测量",
            f"{m.measured_on:%Y-%m-%d}",
            who or _who(m.recorded_by),
        ),
    )


def measurements(scope: SignalScope) -> MeasurementFacts:
    period = Measurement.objects.filter(
        unit_id=scope.unit_id,
        status=RecordStatus.ACTIVE,
        site__status=RecordStatus.ACTIVE,
        measured_on__range=(scope.start, scope.end),
    )
    rows = list(
        period.values(
            "pk",
            "site_id",
            "measured_on",
            "floor_area",
            "flags",
            "site__kind",
            "site__number",
            "site__project_id",
            "site__community_id",
            "site__group_id",
            "site__community__name",
            "site__group__name",
            "project__freeze_date",
        )
    )
    sites = period.values("site_id")
    owners: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for site_id, entry_id, household_no in (
        Site.owners.through.objects.filter(site_id__in=sites)
        .order_by("projecthousehold__household__household_no")
        .values_list("site_id", "projecthousehold_id", "projecthousehold__household__household_no")
    ):
        owners[site_id].append((entry_id, household_no))
    reported = set(
        Violation.objects.filter(unit_id=scope.unit_id, status=RecordStatus.ACTIVE, entry__sites__in=sites).values_list(
            "entry_id", flat=True
        )
    )
    late = defaultdict(list)  # measurement → its buildings built after the project's freeze
    for measurement_id, label, built_on in (
        Building.objects.filter(measurement__in=period, built_on__gt=F("measurement__project__freeze_date"))
        .order_by("id")
        .values_list("measurement_id", "label", "built_on")
    ):
        late[measurement_id].append((label, built_on))
    kinds = dict(Site.Kind.choices)
    names = {}
    for row in rows:
        households = "、".join(no for _, no in owners[row["site_id"]])
        names[row["site_id"]] = f"{kinds[row['site__kind']]} {row['site__number']}" + (
            f"（户 {households}）" if households else ""
        )
    subjects = [
        MeasuredSite(
            row["pk"],
            row["site_id"],
            names[row["site_id"]],
            row["measured_on"],
            row["floor_area"],
            (row["site__project_id"], row["site__community_id"], row["site__group_id"]),
            row["site__community__name"] + (row["site__group__name"] or ""),
            courtyard=row["site__kind"] == Site.Kind.COURTYARD,
            remeasure=rules.needs_remeasure(row["flags"].splitlines()),
            freeze_on=row["project__freeze_date"],
            buildings=tuple(late[row["pk"]]),
            violation_reported=any(entry in reported for entry, _ in owners[row["site_id"]]),
        )
        for row in rows
    ]
    earlier = list(
        Measurement.objects.filter(site_id__in=sites).values(
            "pk", "site_id", "community_id", "measured_on", "floor_area", "status", "void_reason", "flags"
        )
    )
    history = [
        MeasuredSite(
            row["pk"],
            row["site_id"],
            names[row["site_id"]],
            row["measured_on"],
            row["floor_area"],
            voided=row["status"] == RecordStatus.VOIDED,
            void_reason=row["void_reason"],
            remeasure=rules.needs_remeasure(row["flags"].splitlines()),
        )
        for row in earlier
    ]
    current = [
        MeasuredSite(
            row["pk"],
            row["site_id"],
            "",
            row["measured_on"],
            row["floor_area"],
            (row["site__project_id"], row["site__community_id"], row["site__group_id"]),
            remeasure=rules.needs_remeasure(row["flags"].splitlines()),
        )
        for row in Measurement.objects.filter(
            unit_id=scope.unit_id,
            is_current=True,
            status=RecordStatus.ACTIVE,
            site__status=RecordStatus.ACTIVE,
            site__kind=Site.Kind.COURTYARD,
            project_id__in={row["site__project_id"] for row in rows},
            site__community_id__in={row["site__community_id"] for row in rows},
        ).values(
            "pk",
            "site_id",
            "measured_on",
            "floor_area",
            "flags",
            "site__project_id",
            "site__community_id",
            "site__group_id",
        )
    ]
    return MeasurementFacts({row["pk"]: row["community_id"] for row in earlier}, subjects, history, current)


# --- determinations -------------------------------------------------------------------------------------------

DETERMINED = (
    "pk",
    "entry_id",
    "person_id",
    "community_id",
    "entry__household__household_no",
    "project__name",
    "name",
    "id_number",
    "verdict",
    "decided_on",
    "created_at",
    "decided_by_id",
    "decided_by__full_name",
    "decided_by__username",
    "source",
    "import_batch_id",
    "registered_on_from_police",
    "registered_on",
    "left_on",
    "left_for",
    "resident",
    "married_in_on",
)


@dataclass
class PeopleFacts(Facts):
    entered: list[Determined] = field(default_factory=list)  # typed on the form in the period
    counted: list[Determined] = field(default_factory=list)  # current 认定 of persons counted in two households

    def records(self, ids: set[int]) -> dict[int, FindingRecord]:
        found = Determination.objects.filter(pk__in=ids).select_related("entry__household", "project", "decided_by")
        return {d.pk: _determination_record(d) for d in found}


def _determined(row: dict) -> Determined:
    return Determined(
        row["pk"],
        row["entry_id"],
        row["person_id"],
        row["entry__household__household_no"],
        row["project__name"],
        row["name"],
        row["id_number"],
        row["verdict"],
        row["decided_on"],
        timezone.localtime(row["created_at"]),
        row["decided_by_id"],
        _name(row["decided_by__full_name"], row["decided_by__username"]),
        typed=(
            row["source"] == Determination.Source.RULES
            and row["import_batch_id"] is None
            and not row["registered_on_from_police"]
        ),
        registered_on=row["registered_on"],
        left_on=row["left_on"],
        left_for=row["left_for"],
        resident=row["resident"],
        married_in_on=row["married_in_on"],
    )


def _determination_record(d: Determination) -> FindingRecord:
    household_no = d.entry.household.household_no
    return FindingRecord(
        ref=f"determination:{d.pk}",
        label=f"{household_no} {d.name} · {d.decided_on:%Y-%m-%d} {d.verdict}",
        url=reverse("renewal:determination_household", args=[d.entry_id]),
        columns=(d.project.name, household_no, f"人口界定 {d.name}", f"{d.decided_on:%Y-%m-%d}", _who(d.decided_by)),
    )


def people(scope: SignalScope, *, entered: bool = True, counted: bool = True) -> PeopleFacts:
    unit = Determination.objects.filter(unit_id=scope.unit_id)
    entered_rows = []
    if entered:
        typed = unit.filter(
            created_at__gte=_moment(scope.start),
            created_at__lt=_moment(scope.end + timedelta(days=1)),
            source=Determination.Source.RULES,
            import_batch__isnull=True,
            registered_on_from_police=False,
            decided_by__isnull=False,
        )
        entered_rows = list(typed.values(*DETERMINED))
    counted_rows = []
    if counted:
        live = unit.filter(is_current=True, verdict=rules.COUNTED).exclude(id_number="")
        twice = (
            live.values("id_number")
            .annotate(places=Count("entry_id", distinct=True))
            .filter(
                places__gt=1, id_number__in=live.filter(decided_on__range=(scope.start, scope.end)).values("id_number")
            )
            .values("id_number")
        )
        counted_rows = list(live.filter(id_number__in=twice).values(*DETERMINED))
    return PeopleFacts(
        {row["pk"]: row["community_id"] for row in (*entered_rows, *counted_rows)},
        [_determined(row) for row in entered_rows],
        [_determined(row) for row in counted_rows],
    )


# --- agreements -----------------------------------------------------------------------------------------------


@dataclass
class AgreementFacts(Facts):
    signed: list[SignedAgreement] = field(default_factory=list)  # signed (not voided), saved in the period or since

    def records(self, ids: set[int]) -> dict[int, FindingRecord]:
        found = Agreement.objects.filter(pk__in=ids).select_related("entry__household", "project", "updated_by")
        return {a.pk: _agreement_record(a) for a in found}


def _amount(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _event(row: dict) -> AmountEvent:
    changes = row["changes"] or {}
    status, amount = changes.get("状态"), changes.get("补偿金额（元）")
    return AmountEvent(
        row["id"],
        timezone.localtime(row["at"]),
        row["actor_name"],
        status=tuple(status) if status else None,
        amount=(_amount(amount[0]), _amount(amount[1])) if amount else None,
        reason=row["reason"],
    )


def _agreement_record(a: Agreement) -> FindingRecord:
    household_no = a.entry.household.household_no
    return FindingRecord(
        ref=f"agreement:{a.pk}",
        label=f"协议 {a.number or '（未编号）'} · {household_no}",
        url=reverse("renewal:agreement_household", args=[a.entry_id]),
        columns=(
            a.project.name,
            household_no,
            f"协议 {a.number}",
            f"{a.signed_on:%Y-%m-%d}" if a.signed_on else "",
            _who(a.updated_by),
        ),
    )


def agreements(scope: SignalScope) -> AgreementFacts:
    # A change of the period saved the row in it or later; a change behind the trail is about the row's last save.
    saved = Agreement.objects.filter(
        unit_id=scope.unit_id,
        status__in=[Agreement.Status.SIGNED, Agreement.Status.VACATED, Agreement.Status.DEMOLISHED],
        updated_at__gte=_moment(scope.start),
    )
    rows = list(
        saved.values(
            "pk", "community_id", "number", "amount", "breakdown", "updated_at", "entry__household__household_no"
        )
    )
    trails: dict[str, list[AmountEvent]] = defaultdict(list)
    for row in (
        AuditEntry.objects.filter(
            unit_id=scope.unit_id, object_type="renewal.agreement", household_id__in=saved.values("entry__household_id")
        )
        .order_by("id")
        .values("id", "object_id", "at", "actor_name", "changes", "reason")
    ):
        trails[row["object_id"]].append(_event(row))
    signed = [
        SignedAgreement(
            row["pk"],
            f"协议 {row['number']}（户 {row['entry__household__household_no']}）",
            row["amount"],
            rules.breakdown_from_data(row["breakdown"]).total if row["breakdown"] else None,
            timezone.localdate(row["updated_at"]),
            tuple(trails[str(row["pk"])]),
        )
        for row in rows
    ]
    return AgreementFacts({row["pk"]: row["community_id"] for row in rows}, signed)
