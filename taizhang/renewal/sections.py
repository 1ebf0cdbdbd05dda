"""The renewal section of the household file (一户一档), through the registry's registration hook: for each project
the household is in, its courtyards and factories with their current measurements, each person's determination,
the compensation and the agreement."""

from django.db.models import Prefetch
from django.template.loader import render_to_string

from taizhang.core.models import RecordStatus
from taizhang.renewal.compensation import household_compensation
from taizhang.renewal.models import Agreement, Building, Determination, Measurement, ProjectHousehold, Site


def _current(site: Site) -> Measurement | None:
    return next(iter(site.current), None)


def household_section(household, user) -> str:
    entries = list(
        ProjectHousehold.objects.visible_to(user)
        .filter(household=household)
        .select_related("project", "group")
        .order_by("project__start_date")
    )
    if not entries:
        return ""
    current = Measurement.objects.filter(is_current=True, status=RecordStatus.ACTIVE).prefetch_related(
        Prefetch("buildings", queryset=Building.objects.order_by("id")), "attachments"
    )
    projects = []
    for entry in entries:
        sites = list(
            entry.sites.filter(status=RecordStatus.ACTIVE)
            .order_by("kind", "number")
            .prefetch_related(Prefetch("measurements", queryset=current, to_attr="current"))
        )
        determinations = list(Determination.objects.filter(entry=entry, is_current=True).order_by("person_id"))
        projects.append(
            {
                "entry": entry,
                "project": entry.project,
                "sites": [{"site": s, "measurement": _current(s)} for s in sites],
                "determinations": determinations,
                "counted": sum(1 for d in determinations if d.verdict == "认定"),
                "agreement": Agreement.objects.filter(entry=entry).exclude(status=Agreement.Status.VOIDED).first(),
                "voided_agreements": list(
                    Agreement.objects.filter(entry=entry, status=Agreement.Status.VOIDED).order_by("-voided_at", "-id")
                ),
                "compensation": household_compensation(entry) if entry.measured_on else None,
            }
        )
    return render_to_string("renewal/_household_section.html", {"projects": projects})
