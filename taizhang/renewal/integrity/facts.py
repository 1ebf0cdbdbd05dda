"""What the renewal signals read of a unit's period — measurements, determinations, agreements with their audit trail
— each in a fixed number of queries, as the pure rules' values plus the records' references."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.core.findings import Finding, FindingRecord, SignalScope
from taizhang.core.models import RecordStatus
from taizhang.org.models import User
from taizhang.renewal import rules
from taizhang.renewal.models import Agreement, Determination, Measurement, ProjectHousehold, Site, Violation
from taizhang.renewal.rules.signals import Hint
from taizhang.renewal.rules.signals_agreement import AmountEvent, SignedAgreement
from taizhang.renewal.rules.signals_measurement import MeasuredSite
from taizhang.renewal.rules.signals_people import Determined
from taizhang.renewal.selectors import staff_name


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _during(scope: SignalScope) -> tuple[datetime, datetime]:
    """The period as instants: from its first day's midnight to just before the midnight after its last day."""
    return _moment(scope.start), _moment(scope.end + timedelta(days=1)) - timedelta(microseconds=1)


def _who(user) -> str:
    return staff_name(user) if user is not None else "系统"


@dataclass
class Found:
    """Records by id, and how each becomes a FindingRecord with its 村居."""

    records: dict[int, FindingRecord]
    communities: dict[int, int]

    def of(self, ids) -> tuple[FindingRecord, ...]:
        return tuple(self.records[i] for i in ids)

    def community_of(self, ids) -> int | None:
        found = {self.communities[i] for i in ids}
        return found.pop() if len(found) == 1 else None

    def finding(self, kind: str, hint: Hint) -> Finding:
        return Finding(kind, hint.day, hint.detail, self.of(hint.ids), self.community_of(hint.ids), hint.key)


# --- measurements ---------------------------------------------------------------------------------------------


@dataclass
class MeasurementFacts(Found):
    subjects: list[MeasuredSite]  # the period's valid measurements
    history: list[MeasuredSite]  # every measurement of the sites measured in the period, voided ones too
    current: list[MeasuredSite]  # the current measurement of every courtyard of the neighbourhoods concerned


def _site_name(site: Site, owners: list[ProjectHousehold]) -> str:
    households = "、".join(o.household.household_no for o in owners)
    return f"{site.get_kind_display()} {site.number}" + (f"（户 {households}）" if households else "")


def _measurement_record(m: Measurement, site: Site, owners: list[ProjectHousehold]) -> FindingRecord:
    who = "、".join([*(staff_name(u) for u in m.measurers.all()), *filter(None, m.measurer_names.split("、"))])
    return FindingRecord(
        ref=f"measurement:{m.pk}",
        label=f"{site.get_kind_display()} {site.number} · {m.measured_on:%Y-%m-%d} 测量"
        + ("（已作废）" if m.is_voided else ""),
        url=reverse("renewal:measurement_detail", args=[m.pk]),
        columns=(
            site.project.name,
            "、".join(o.household.household_no for o in owners),
            f"{site.get_kind_display()} {site.number} 测量",
            f"{m.measured_on:%Y-%m-%d}",
            who or _who(m.recorded_by),
        ),
    )


def _place(site: Site) -> tuple:
    return (site.project_id, site.community_id, site.group_id)


def measurements(scope: SignalScope) -> MeasurementFacts:
    period = Measurement.objects.filter(
        unit_id=scope.unit_id,
        status=RecordStatus.ACTIVE,
        site__status=RecordStatus.ACTIVE,
        measured_on__range=(scope.start, scope.end),
    )
    in_period = list(
        period.select_related("site__project", "site__community", "site__group").prefetch_related(
            "buildings",
            Prefetch("site__owners", queryset=ProjectHousehold.objects.select_related("household").order_by("id")),
        )
    )
    sites = {m.site_id: m.site for m in in_period}
    owners = {pk: list(site.owners.all()) for pk, site in sites.items()}
    names = {pk: _site_name(site, owners[pk]) for pk, site in sites.items()}
    places = {_place(site): site.community.name + (site.group.name if site.group_id else "") for site in sites.values()}
    reported = set(
        Violation.objects.filter(
            unit_id=scope.unit_id, status=RecordStatus.ACTIVE, entry__sites__in=period.values("site_id")
        ).values_list("entry_id", flat=True)
    )
    subjects = [
        MeasuredSite(
            m.pk,
            m.site_id,
            names[m.site_id],
            m.measured_on,
            m.floor_area,
            _place(m.site),
            places[_place(m.site)],
            courtyard=m.site.kind == Site.Kind.COURTYARD,
            remeasure=rules.needs_remeasure(m.flag_list),
            freeze_on=m.site.project.freeze_date,
            buildings=tuple((b.label, b.built_on) for b in m.buildings.all()),
            violation_reported=any(o.pk in reported for o in owners[m.site_id]),
        )
        for m in in_period
    ]
    earlier = list(
        Measurement.objects.filter(site_id__in=period.values("site_id"))
        .select_related("recorded_by")
        .prefetch_related(Prefetch("measurers", queryset=User.objects.order_by("id")))
    )
    history = [
        MeasuredSite(
            m.pk,
            m.site_id,
            names[m.site_id],
            m.measured_on,
            m.floor_area,
            voided=m.is_voided,
            void_reason=m.void_reason,
            remeasure=rules.needs_remeasure(m.flag_list),
        )
        for m in earlier
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
            project_id__in={site.project_id for site in sites.values()},
            site__community_id__in={site.community_id for site in sites.values()},
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
    return MeasurementFacts(
        {m.pk: _measurement_record(m, sites[m.site_id], owners[m.site_id]) for m in earlier},
        {m.pk: m.community_id for m in earlier},
        subjects,
        history,
        current,
    )


# --- determinations -------------------------------------------------------------------------------------------


@dataclass
class PeopleFacts(Found):
    entered: list[Determined]  # recorded in the period
    counted: list[Determined]  # current 认定 of every person (by ID number) counted again in the period


def _determined(d: Determination) -> Determined:
    return Determined(
        d.pk,
        d.entry_id,
        d.person_id,
        d.entry.household.household_no,
        d.project.name,
        d.name,
        d.id_number,
        d.verdict,
        d.decided_on,
        timezone.localtime(d.created_at),
        d.decided_by_id,
        _who(d.decided_by) if d.decided_by_id else "",
        typed=(
            d.source == Determination.Source.RULES and d.import_batch_id is None and not d.registered_on_from_police
        ),
        registered_on=d.registered_on,
        left_on=d.left_on,
        left_for=d.left_for,
        resident=d.resident,
        married_in_on=d.married_in_on,
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
    base = Determination.objects.filter(unit_id=scope.unit_id).select_related(
        "entry__household", "project", "decided_by"
    )
    found = {}
    entered_rows = list(base.filter(created_at__range=_during(scope))) if entered else []
    counted_rows = []
    if counted:
        live = Q(unit_id=scope.unit_id, is_current=True, verdict=rules.COUNTED)
        again = Determination.objects.filter(live, decided_on__range=(scope.start, scope.end)).values("id_number")
        counted_rows = list(base.filter(live, id_number__in=again))
    for d in (*entered_rows, *counted_rows):
        found[d.pk] = d
    return PeopleFacts(
        {pk: _determination_record(d) for pk, d in found.items()},
        {pk: d.community_id for pk, d in found.items()},
        [_determined(d) for d in entered_rows],
        [_determined(d) for d in counted_rows],
    )


# --- agreements -----------------------------------------------------------------------------------------------


@dataclass
class AgreementFacts(Found):
    signed: list[SignedAgreement]  # signed (and not voided) agreements saved in the period or since


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
    saved = Agreement.objects.filter(
        unit_id=scope.unit_id,
        status__in=[Agreement.Status.SIGNED, Agreement.Status.VACATED, Agreement.Status.DEMOLISHED],
        updated_at__gte=_during(scope)[0],
    )
    rows = list(saved.select_related("entry__household", "project", "updated_by"))
    trails: dict[str, list[AmountEvent]] = {}
    for row in (
        AuditEntry.objects.filter(
            unit_id=scope.unit_id,
            object_type="renewal.agreement",
            household_id__in=saved.values("entry__household_id"),
        )
        .order_by("id")
        .values("id", "object_id", "at", "actor_name", "changes", "reason")
    ):
        trails.setdefault(row["object_id"], []).append(_event(row))
    signed = [
        SignedAgreement(
            a.pk,
            f"协议 {a.number}（户 {a.entry.household.household_no}）",
            a.amount,
            rules.breakdown_from_data(a.breakdown).total if a.breakdown else None,
            timezone.localdate(a.updated_at),
            tuple(trails.get(str(a.pk), ())),
        )
        for a in rows
    ]
    return AgreementFacts({a.pk: _agreement_record(a) for a in rows}, {a.pk: a.community_id for a in rows}, signed)
