"""Undoing a renewal ledger's import batch (the kernel's 撤销整批): what the batch created is given up the way the
module gives such records up by hand — measurements and new sites voided, determinations withdrawn (the person's
earlier determination current again), red-line households taken out of the project — or the undo is refused with
the reason when later work stands on them (rules.undo). Runs inside the kernel's transaction; every change is
audited under its household."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Q

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core.models import RecordStatus
from taizhang.imports.services import later_work
from taizhang.renewal import rules
from taizhang.renewal.determinations import determined_on_refresh
from taizhang.renewal.measurements import measurement_void
from taizhang.renewal.models import Agreement, Determination, Measurement, ProjectHousehold, PublicityLine, Site
from taizhang.renewal.projects import entry_draft
from taizhang.renewal.sites import site_void


def _why(batch, reason: str) -> str:
    return f"撤销导入批次 {batch.pk}：{reason}"[:200]


def _signed_entries(entry_ids) -> set[int]:
    signed = Agreement.objects.filter(entry_id__in=list(entry_ids), status__in=list(rules.SIGNED_STATUSES))
    return set(signed.values_list("entry_id", flat=True))


def _refuse(reasons: list[str], what: str) -> None:
    if reasons:
        raise ValidationError(rules.undo_refusal(reasons, what))


# --- measurements -------------------------------------------------------------------------------------------


def measurements_undo(*, batch, actor, reason: str) -> int:
    """Void the batch's measurements and the courtyards/factories it created; refused when an owner of a measured
    courtyard has signed its agreement, or a created site was measured again outside the batch."""
    measurements = list(
        Measurement.objects.filter(unit_id=batch.unit_id, import_batch=batch, status=RecordStatus.ACTIVE)
        .select_related("site")
        .order_by("site__kind", "site__number", "measured_on")
    )
    sites = Site.objects.filter(unit_id=batch.unit_id, import_batch=batch, status=RecordStatus.ACTIVE)
    owners = defaultdict(list)  # site id → [(entry id, 户编号)]
    for site_id, entry_id, no in Site.owners.through.objects.filter(
        site_id__in={m.site_id for m in measurements}
    ).values_list("site_id", "projecthousehold_id", "projecthousehold__household__household_no"):
        owners[site_id].append((entry_id, no))
    signed = _signed_entries({entry_id for pairs in owners.values() for entry_id, _ in pairs})
    items = [
        rules.ImportedMeasurement(
            f"{m.site} {m.measured_on:%Y-%m-%d} 的测量",
            tuple(sorted(no for entry_id, no in owners[m.site_id] if entry_id in signed)),
        )
        for m in measurements
    ]
    reasons = rules.measurement_reasons(items)
    reasons += [f"新建的院落/厂房又有{found}" for found in later_work(sites, batch)]
    _refuse(reasons, "测量")
    why = _why(batch, reason)
    for m in measurements:
        measurement_void(actor=actor, measurement=m, reason=why)
    voided_sites = list(sites)
    for site in voided_sites:
        site_void(actor=actor, site=site, reason=why)
    return len(measurements) + len(voided_sites)


# --- determinations -----------------------------------------------------------------------------------------


def _earlier(d: Determination) -> Determination | None:
    """The determination this one superseded, leaving out any from an undone batch."""
    return (
        Determination.objects.filter(entry_id=d.entry_id, person_id=d.person_id, pk__lt=d.pk)
        .exclude(import_batch__status=RecordStatus.VOIDED)
        .order_by("-pk")
        .first()
    )


def determinations_undo(*, batch, actor, reason: str) -> int:
    """Withdraw the batch's determinations: each person's earlier determination (if any) is current again, the
    withdrawn one stays in the history under its undone batch. Refused when the household has signed, a 公示
    posted the result, or the person was determined again since."""
    written = list(
        Determination.objects.filter(unit_id=batch.unit_id, import_batch=batch)
        .select_related("entry__household", "entry__project")
        .order_by("entry__household__household_no", "pk")
    )
    signed = _signed_entries({d.entry_id for d in written})
    postings = defaultdict(list)  # entry id → [(posted at, starts on)]
    for entry_id, created_at, starts_on in PublicityLine.objects.filter(
        entry_id__in={d.entry_id for d in written}
    ).values_list("entry_id", "publicity__created_at", "publicity__starts_on"):
        postings[entry_id].append((created_at, starts_on))
    later = set(  # determinations of the same households since, other than this batch's or an undone batch's
        Determination.objects.filter(entry_id__in={d.entry_id for d in written})
        .filter(Q(import_batch__isnull=True) | ~Q(import_batch=batch))
        .exclude(import_batch__status=RecordStatus.VOIDED)
        .values_list("entry_id", "person_id", "pk")
    )
    items = []
    for d in written:
        posted = sorted(starts for at, starts in postings[d.entry_id] if at >= d.created_at)
        items.append(
            rules.ImportedDetermination(
                f"{d.name}（户 {d.entry.household.household_no}）",
                signed=d.entry_id in signed,
                posted_on=posted[0] if posted else None,
                redetermined=any(e == d.entry_id and p == d.person_id and pk > d.pk for e, p, pk in later),
            )
        )
    _refuse(rules.determination_reasons(items), "人口界定")
    why = _why(batch, reason)
    drafts = []
    entries = {}
    for d in written:
        earlier = _earlier(d)
        Determination.objects.filter(pk=d.pk).update(is_current=False)
        if earlier is not None:
            Determination.objects.filter(pk=earlier.pk).update(is_current=True)
        entries[d.entry_id] = d.entry
        drafts.append(
            entry_draft(
                d.entry,
                AuditEntry.Action.VOID,
                "renewal.determination",
                d.pk,
                f"{d.entry.project.name} 人口界定 {d.name}（户 {d.entry.household.household_no}）",
                {"界定结果": [d.verdict, earlier.verdict if earlier else "未界定"]},
                why,
            )
        )
    for entry in entries.values():
        determined_on_refresh(entry)
    audit_append(drafts, actor=actor)
    return len(written)


# --- the red-line list --------------------------------------------------------------------------------------


def households_undo(*, batch, actor, reason: str) -> int:
    """Take the households the list added out of the project's red line (an entry has no 作废: leaving the red
    line is the inverse of joining it, kept in the audit trail). Refused when any of them has a courtyard, or
    determinations, agreements, 公示, objections… not from this batch."""
    entries = ProjectHousehold.objects.filter(unit_id=batch.unit_id, import_batch=batch)
    sites = defaultdict(int)
    for no in Site.owners.through.objects.filter(projecthousehold__in=entries).values_list(
        "projecthousehold__household__household_no", flat=True
    ):
        sites[no] += 1
    _refuse(rules.entry_reasons(sites, later_work(entries, batch)), "户")
    found = list(entries.select_related("household", "project", "group"))
    why = _why(batch, reason)
    drafts = [
        entry_draft(
            e,
            AuditEntry.Action.VOID,
            "renewal.household",
            e.pk,
            f"{e.project.name} 征收户 {e.household.household_no}",
            {"征收项目": [e.project.name, None], "加入方式": [e.get_source_display(), None]},
            why,
        )
        for e in found
    ]
    audit_append(drafts, actor=actor)
    ProjectHousehold.objects.filter(pk__in=[e.pk for e in found]).delete()
    return len(found)
