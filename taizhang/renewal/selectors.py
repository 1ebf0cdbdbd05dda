"""Scoped reads the renewal pages, API and commands share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from taizhang.core.models import RecordStatus
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404
from taizhang.registry.models import Household, Person
from taizhang.registry.selectors import household_match
from taizhang.renewal import rules
from taizhang.renewal.models import (
    CompensationPolicy,
    CrosscheckRun,
    Determination,
    Measurement,
    PoliceFact,
    Project,
    ProjectGroup,
    ProjectHousehold,
    Site,
)


def project_list(user) -> QuerySet[Project]:
    return Project.objects.visible_to(user).select_related("unit").prefetch_related("communities")


def project_or_404(user, project_id: int) -> Project:
    return get_visible_or_404(Project.objects.select_related("unit"), user, pk=project_id)


def project_by_name(name: str) -> Project:
    """The project a command names; a clear error lists the projects there are."""
    from django.core.management.base import CommandError

    found = list(Project.objects.filter(name=name.strip()).select_related("unit")[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise CommandError(f"有不止一个名为“{name}”的项目，请先改名以区分")
    known = (
        "、".join(Project.objects.values_list("name", flat=True)) or "（还没有项目，可用 taizhang create-project 建立）"
    )
    raise CommandError(f"没有名为“{name}”的征收项目。现有项目：{known}")


def entries(user, project: Project) -> QuerySet[ProjectHousehold]:
    """The project's households the user may see, with what their rows show."""
    return (
        ProjectHousehold.objects.visible_to(user)
        .filter(project=project)
        .select_related("household__head", "community", "group")
        .order_by("household__household_no")
    )


def entries_matching(user, rows: QuerySet, query: str) -> QuerySet:
    """Project households (or rows reached from them) whose household the registry's search finds."""
    return rows.filter(household_match(user, query, field="household__")) if query.strip() else rows


def measured_courtyard() -> Exists:
    """Whether a project household owns a courtyard that has been measured (a valid one)."""
    return Exists(
        Site.objects.filter(
            owners=OuterRef("pk"), kind=Site.Kind.COURTYARD, status=RecordStatus.ACTIVE, measured_on__isnull=False
        )
    )


def unmeasured_count(user, project: Project) -> int:
    """The project's households the user sees that own no measured courtyard yet."""
    return ProjectHousehold.objects.visible_to(user).filter(project=project).filter(~measured_courtyard()).count()


def entry_or_404(user, entry_id: int) -> ProjectHousehold:
    return get_visible_or_404(
        ProjectHousehold.objects.select_related("project__unit", "household__head", "community", "group"),
        user,
        pk=entry_id,
    )


def groups_of(user, project: Project) -> list[ProjectGroup]:
    """The project's groups the user leads or works in (a group leader's pages open on their group's work)."""
    if not getattr(user, "pk", None):
        return []
    return list(ProjectGroup.objects.filter(Q(leader=user) | Q(members=user), project=project).distinct())


# --- measurements ---------------------------------------------------------------------------------

SEPARATORS = re.compile(r"[、,，;；/\s]+")


def staff_name(user: User) -> str:
    return user.full_name or user.username


def _current_prefetch() -> Prefetch:
    return Prefetch(
        "measurements",
        to_attr="current_measurements",
        queryset=Measurement.objects.filter(is_current=True, status=RecordStatus.ACTIVE).prefetch_related(
            "buildings", "measurers"
        ),
    )


def site_list(
    user,
    project: Project,
    *,
    community_id: int | None = None,
    group_id: int | None = None,
    kind: str = "",
    measured: str = "",
    flagged: bool = False,
    query: str = "",
) -> QuerySet[Site]:
    """The project's valid sites the user may see, with their owners and current measurement (for the ledger)."""
    sites = Site.objects.visible_to(user).filter(project=project, status=RecordStatus.ACTIVE)
    if community_id:
        sites = sites.filter(community_id=community_id)
    if group_id:
        sites = sites.filter(group_id=group_id)
    if kind:
        sites = sites.filter(kind=kind)
    if measured == "yes":
        sites = sites.filter(measured_on__isnull=False)
    elif measured == "no":
        sites = sites.filter(measured_on__isnull=True)
    if query.strip():
        q = query.strip()
        owned = Site.objects.filter(
            owners__household__in=Household.objects.visible_to(user).filter(household_match(user, q))
        ).values("pk")
        sites = sites.filter(Q(number__startswith=q) | Q(enterprise__contains=q) | Q(pk__in=owned))
    if flagged:
        sites = sites.filter(
            Exists(
                Measurement.objects.filter(site=OuterRef("pk"), is_current=True, status=RecordStatus.ACTIVE).exclude(
                    flags=""
                )
            )
        )
    return (
        sites.select_related("community", "group")
        .prefetch_related(
            Prefetch(
                "owners",
                queryset=ProjectHousehold.objects.select_related("household__head").order_by("household__household_no"),
            ),
            _current_prefetch(),
        )
        .order_by("kind", "number")
    )


def current_of(site: Site) -> Measurement | None:
    """The current measurement of a site from site_list (prefetched)."""
    found = getattr(site, "current_measurements", None)
    if found is None:
        return site.measurements.filter(is_current=True, status=RecordStatus.ACTIVE).first()
    return found[0] if found else None


def site_counts(user, project: Project) -> dict[str, int]:
    """Courtyards and factories: how many, how many measured, how many whose current measurement is flagged."""
    sites = Site.objects.visible_to(user).filter(project=project, status=RecordStatus.ACTIVE)
    flagged = Exists(
        Measurement.objects.filter(site=OuterRef("pk"), is_current=True, status=RecordStatus.ACTIVE).exclude(flags="")
    )
    counts = {}
    for key, kind in (("courtyards", Site.Kind.COURTYARD), ("factories", Site.Kind.FACTORY)):
        counts[key] = Count("pk", filter=Q(kind=kind))
        counts[f"{key}_measured"] = Count("pk", filter=Q(kind=kind, measured_on__isnull=False))
        counts[f"{key}_flagged"] = Count("pk", filter=Q(flagged, kind=kind))
    return sites.aggregate(**counts)


def site_or_404(user, site_id: int) -> Site:
    return get_visible_or_404(Site.objects.select_related("project__unit", "community", "group"), user, pk=site_id)


def site_measurements(site: Site) -> QuerySet[Measurement]:
    """The site's measurements, newest first, voided ones included (the history)."""
    return (
        site.measurements.select_related("recorded_by", "voided_by")
        .prefetch_related("buildings", "attachments", "measurers", "photos")
        .order_by("-measured_on", "-id")
    )


def measurement_or_404(user, measurement_id: int) -> Measurement:
    return get_visible_or_404(
        Measurement.objects.select_related(
            "site__project__unit", "site__community", "recorded_by", "voided_by", "community"
        ).prefetch_related("buildings", "attachments", "measurers", "photos"),
        user,
        pk=measurement_id,
    )


def measurer_text(measurement: Measurement) -> str:
    """Who measured: the linked staff, then the names written in an old ledger."""
    names = [staff_name(u) for u in sorted(measurement.measurers.all(), key=lambda u: u.pk)]
    names += [n for n in SEPARATORS.split(measurement.measurer_names) if n and n not in names]
    return "、".join(names)


def unit_staff(project: Project) -> QuerySet[User]:
    """Who may be named as measuring staff: the unit's active field roles."""
    return User.objects.filter(unit_id=project.unit_id, is_active=True).order_by("full_name", "username")


def group_staff(groups: list[ProjectGroup]) -> QuerySet[User]:
    """The active staff of the groups: their leaders, their members and the staff placed at their org nodes."""
    ids = [g.pk for g in groups]
    nodes = [g.node_id for g in groups if g.node_id]
    return (
        User.objects.filter(
            Q(pk__in=[g.leader_id for g in groups if g.leader_id])
            | Q(pk__in=ProjectGroup.members.through.objects.filter(projectgroup_id__in=ids).values("user_id"))
            | Q(node_id__in=nodes),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


# --- determinations --------------------------------------------------------------------------------

DETERMINED, UNDETERMINED, PARTLY_PENDING = "已界定", "未界定", "部分待定"
HOUSEHOLD_STATUSES = [DETERMINED, UNDETERMINED, PARTLY_PENDING]


def members(household_id: int) -> QuerySet[Person]:
    """The registry members a household's determination covers: every active (not voided) person, living or not —
    a member who died or was deregistered is determined too (usually 不认定, with the date as 迁出/注销日期), so that
    the household's list matches the police data on the freeze date."""
    return Person.objects.filter(household_id=household_id, status=RecordStatus.ACTIVE).order_by("id")


def _current(verdict: str):
    return Count("determinations", filter=Q(determinations__is_current=True, determinations__verdict=verdict))


def household_rows(
    user, project: Project, *, community_id: int | None = None, group_id: int | None = None, status: str = ""
) -> QuerySet[ProjectHousehold]:
    """The project's households the user sees, each with its members and current 认定/不认定/待定 counts."""
    member_count = (
        Person.objects.filter(household_id=OuterRef("household_id"), status=RecordStatus.ACTIVE)
        .order_by()
        .values("household_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = (
        ProjectHousehold.objects.visible_to(user)
        .filter(project=project)
        .select_related("household__head", "community", "group")
        .annotate(
            counted=_current(rules.COUNTED),
            not_counted=_current(rules.NOT_COUNTED),
            pending=_current(rules.PENDING),
            member_count=Coalesce(Subquery(member_count, output_field=IntegerField()), Value(0)),
        )
        .order_by("household__household_no")
    )
    if community_id:
        qs = qs.filter(community_id=community_id)
    if group_id:
        qs = qs.filter(group_id=group_id)
    if status == DETERMINED:
        qs = qs.filter(determined_on__isnull=False)
    elif status == PARTLY_PENDING:
        qs = qs.filter(determined_on__isnull=True, pending__gt=0)
    elif status == UNDETERMINED:
        qs = qs.filter(determined_on__isnull=True, pending=0)
    return qs


def pending_counts(user, project: Project) -> dict[str, int]:
    """Households with a person still 待定 (部分待定), those persons, and households not begun (未界定). One query."""
    pending = Determination.objects.filter(entry=OuterRef("pk"), is_current=True, verdict=rules.PENDING).order_by()
    persons = pending.values("entry_id").annotate(n=Count("id")).values("n")
    return (
        ProjectHousehold.objects.visible_to(user)
        .filter(project=project, determined_on__isnull=True)
        .aggregate(
            households=Count("pk", filter=Q(Exists(pending))),
            persons=Coalesce(Sum(Subquery(persons, output_field=IntegerField())), 0),
            undetermined=Count("pk", filter=~Q(Exists(pending))),
        )
    )


def household_status(entry: ProjectHousehold) -> str:
    """已界定 / 部分待定 / 未界定 of a row from `household_rows`."""
    if entry.determined_on:
        return DETERMINED
    return PARTLY_PENDING if entry.pending else UNDETERMINED


@dataclass
class MemberRow:
    person: Person
    current: Determination | None
    history: list[Determination]  # earlier determinations, newest first


def member_rows(entry: ProjectHousehold) -> list[MemberRow]:
    """Every member of the household with its current determination and the earlier ones (two queries); persons
    determined while they were members and since moved out of the household are listed after them."""
    people = list(members(entry.household_id))
    by_person: dict[int, list[Determination]] = {}
    determinations = Determination.objects.filter(entry=entry).select_related("decided_by", "person", "import_batch")
    for d in determinations.order_by("-id"):
        by_person.setdefault(d.person_id, []).append(d)
    known = {p.pk for p in people}
    people += [ds[0].person for pid, ds in by_person.items() if pid not in known]
    rows = []
    for person in people:
        ds = by_person.get(person.pk, [])
        current = next((d for d in ds if d.is_current), None)
        rows.append(MemberRow(person, current, [d for d in ds if d is not current]))
    return rows


def determination_list(
    user, project: Project, *, community_id: int | None = None, verdict: str = "", entry_id: int | None = None
) -> QuerySet[Determination]:
    qs = (
        Determination.objects.visible_to(user)
        .filter(project=project, is_current=True)
        .select_related("entry__household", "community", "decided_by")
        .order_by("entry_id", "person_id")
    )
    if community_id:
        qs = qs.filter(community_id=community_id)
    if verdict:
        qs = qs.filter(verdict=verdict)
    if entry_id:
        qs = qs.filter(entry_id=entry_id)
    return qs


def counted_persons(entry_ids) -> dict[int, int]:
    """Current 认定 persons per household (the 认定人数 posted and used by compensation)."""
    return dict(
        Determination.objects.filter(entry_id__in=list(entry_ids), is_current=True, verdict=rules.COUNTED)
        .order_by()
        .values("entry_id")
        .annotate(n=Count("id"))
        .values_list("entry_id", "n")
    )


# --- compensation ----------------------------------------------------------------------------------


def policy_list(user, project: Project) -> QuerySet[CompensationPolicy]:
    return (
        CompensationPolicy.objects.visible_to(user).filter(project=project).select_related("created_by", "published_by")
    )


def policy_or_404(user, policy_id: int) -> CompensationPolicy:
    return get_visible_or_404(
        CompensationPolicy.objects.select_related("project__unit", "published_by"), user, pk=policy_id
    )


# --- police facts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoliceFacts:
    """What the latest standing cross-check's extract says of a person, with where it comes from."""

    run_id: int
    source: str  # 来自公安比对 2026-11-20 第3次比对（第12行）
    moved_in_on: object  # date | None
    status: str

    @property
    def left(self) -> bool:
        """The extract says the person is no longer registered here (死亡, 注销, 迁出)."""
        return any(word in self.status for word in (*rules.DEAD_WORDS, "迁出"))


def police_facts(project: Project, person_ids) -> dict[int, PoliceFacts]:
    """By person id, the facts of the project's latest cross-check that is not withdrawn (one query)."""
    runs = CrosscheckRun.objects.filter(project=project)
    latest = runs.filter(withdrawn_at__isnull=True).order_by("-id").values("pk")[:1]
    ordinal = runs.filter(pk__lte=OuterRef("run_id")).order_by().values("project").annotate(n=Count("id")).values("n")
    facts = (
        PoliceFact.objects.filter(run_id=Subquery(latest), person_id__in=list(person_ids))
        .select_related("run")
        .annotate(ordinal=Subquery(ordinal))
        .order_by("id")
    )
    return {
        fact.person_id: PoliceFacts(
            fact.run_id,
            f"来自公安比对 {timezone.localtime(fact.run.created_at):%Y-%m-%d} 第{fact.ordinal}次比对（第{fact.row}行）",
            fact.moved_in_on,
            fact.status,
        )
        for fact in facts
    }
