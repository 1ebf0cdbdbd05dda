"""URL keywords of the compensation area for the scoping walk, each filled with a record of 新市镇's project; and the
small factories the compensation and agreement tests build their rows with (measurements and determinations are
written straight through the ORM: their services belong to another area)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from taizhang.renewal import rules
from taizhang.renewal.models import (
    Agreement,
    Attachment,
    Building,
    CompensationPolicy,
    Determination,
    Measurement,
    Project,
    ProjectHousehold,
    Site,
)
from taizhang.renewal.red_line import entries_ensure
from tests.conftest import csv_bytes, household_rows

FREEZE = date(2020, 6, 1)
# The policy of docs/renewal-compensation-example.md.
EXAMPLE_POLICY = rules.Policy(
    name="济阳街道老城区改造补偿安置方案（2020）",
    unit_prices={
        ("砖混", "有证"): rules.Clause(Decimal("3200"), "第十七条"),
        ("砖木", "有证"): rules.Clause(Decimal("2600"), "第十七条"),
        ("砖混", "无证"): rules.Clause(Decimal("1600"), "第十八条"),
    },
    decoration_per_m2=rules.Clause(Decimal("300"), "第十九条"),
    attachment_prices={
        "水井": rules.Clause(Decimal("800"), "第二十条"),
        "树木": rules.Clause(Decimal("35.50"), "第二十条"),
    },
    relocation_fee=rules.Clause(Decimal("1500"), "第二十一条"),
    temporary_fee_per_month=rules.Clause(Decimal("900"), "第二十二条"),
    monetary_temporary_months=3,
    signing_awards=(
        rules.Deadline(date(2020, 8, 31), Decimal("20000"), "第二十五条"),
        rules.Deadline(date(2020, 10, 31), Decimal("10000"), "第二十五条"),
    ),
    vacating_awards=(rules.Deadline(date(2020, 9, 30), Decimal("10000"), "第二十六条"),),
    area_per_person=rules.Clause(Decimal("30"), "第二十八条"),
    price_within_entitlement=rules.Clause(Decimal("2000"), "第二十九条"),
    price_above_entitlement=rules.Clause(Decimal("4500"), "第二十九条"),
    price_below_entitlement=rules.Clause(Decimal("3800"), "第三十条"),
)
EXAMPLE_BUILDINGS = [
    ("正房", "砖混", "有证", "96.35", date(1995, 5, 1)),
    ("东厢房", "砖木", "有证", "28.40", date(1988, 4, 1)),
    ("西侧棚子", "简易", "违建", "12.00", None),
    ("后院新建房", "砖混", "有证", "40.00", date(2020, 7, 15)),
]
EXAMPLE_ATTACHMENTS = [("水井", "1"), ("树木", "3")]


def example_data(**changes) -> dict:
    data = rules.policy_to_data(EXAMPLE_POLICY)
    data.update(changes)
    return data


def published_policy(
    project: Project,
    *,
    effective_from: date = FREEZE,
    data: dict | None = None,
    name: str = EXAMPLE_POLICY.name,
    status: str = CompensationPolicy.Status.PUBLISHED,
):
    return CompensationPolicy.objects.create(
        unit_id=project.unit_id,
        project=project,
        name=name,
        effective_from=effective_from,
        status=status,
        data={**(data or example_data()), "name": name},
    )


def courtyard(
    project: Project,
    owners: list[ProjectHousehold],
    number: str = "A01",
    *,
    buildings=EXAMPLE_BUILDINGS,
    attachments=EXAMPLE_ATTACHMENTS,
    measured_on: date = date(2020, 7, 1),
    is_current: bool = True,
    status: str = "active",
    site: Site | None = None,
) -> Measurement:
    """A courtyard (or another measurement of `site`) with its buildings and attachments; marks the owners measured."""
    community_id = owners[0].community_id
    if site is None:
        site = Site.objects.create(
            unit_id=project.unit_id,
            community_id=community_id,
            project=project,
            number=number,
            kind=Site.Kind.COURTYARD,
            measured_on=measured_on,
        )
        site.owners.set(owners)
    measurement = Measurement.objects.create(
        unit_id=project.unit_id,
        community_id=community_id,
        project=project,
        site=site,
        measured_on=measured_on,
        is_current=is_current,
        status=status,
        floor_area=sum(Decimal(b[3]) for b in buildings),
    )
    Building.objects.bulk_create(
        [
            Building(
                unit_id=project.unit_id,
                community_id=community_id,
                measurement=measurement,
                label=label,
                structure=structure,
                certificate=certificate,
                floor_area=Decimal(area),
                built_on=built_on,
            )
            for label, structure, certificate, area, built_on in buildings
        ]
    )
    Attachment.objects.bulk_create(
        [
            Attachment(
                unit_id=project.unit_id,
                community_id=community_id,
                measurement=measurement,
                kind=kind,
                quantity=Decimal(quantity),
            )
            for kind, quantity in attachments
        ]
    )
    if is_current and status == "active":
        ProjectHousehold.objects.filter(pk__in=[o.pk for o in owners], measured_on__isnull=True).update(
            measured_on=measured_on
        )
    return measurement


def determined(entry: ProjectHousehold, verdicts: list[str], *, on: date = date(2020, 7, 10)) -> None:
    """One current determination per person of the household, in order; 已界定 when none is 待定."""
    persons = list(entry.household.members.order_by("id"))
    assert len(verdicts) <= len(persons), "the household has fewer persons"
    Determination.objects.bulk_create(
        [
            Determination(
                unit_id=entry.unit_id,
                community_id=entry.community_id,
                project_id=entry.project_id,
                entry=entry,
                person=p,
                name=p.name,
                id_number=p.id_number,
                verdict=v,
                reason="测试",
                decided_on=on,
            )
            for p, v in zip(persons, verdicts, strict=False)
        ]
    )
    if rules.household_determined(verdicts):
        ProjectHousehold.objects.filter(pk=entry.pk).update(determined_on=on)


def example_household(project: Project, no: str = "JY201", community: str = "城里居") -> ProjectHousehold:
    """The worked example's household: 4 persons 认定, the courtyard of the doc (incl. 违建 and the one built after
    the freeze), one well, three trees."""
    first_seq = 60 + sum(map(ord, no)) % 50 * 5  # distinct ID numbers for each example household
    report = household_import(
        unit=project.unit, data=csv_bytes(household_rows(no, community, 4, first_seq)), filename=f"{no}.csv"
    )
    assert report.ok and report.applied, report.errors
    [added] = entries_ensure(
        actor=None,
        project=project,
        source=ProjectHousehold.Source.MANUAL,
        households=[Household.objects.get(unit=project.unit, household_no=no)],
    ).values()
    entry = ProjectHousehold.objects.select_related("project", "household").get(pk=added.pk)
    courtyard(project, [entry], f"Y-{no}")
    determined(entry, [rules.COUNTED] * 4)
    entry.refresh_from_db()
    return entry


# --- the scoping walk's keywords --------------------------------------------------------------------------


def _xinshi():
    from tests.renewal.conftest import xinshi_project

    return xinshi_project


def policy_id(world):
    project = _xinshi()(world)
    policy = CompensationPolicy.objects.filter(project=project).first() or published_policy(project)
    return policy.pk


def agreement_id(world):
    """An agreement on XS001 under the published policy (without one, the agreement PDF cannot be drafted)."""
    policy_id(world)
    project = _xinshi()(world)
    entry = ProjectHousehold.objects.filter(project=project).first()
    agreement = Agreement.objects.filter(entry=entry).first() or Agreement.objects.create(
        unit_id=entry.unit_id,
        community_id=entry.community_id,
        project=project,
        entry=entry,
        option=Agreement.Option.MONETARY,
    )
    return agreement.pk


def step(world):
    """An agreement step's slug (腾空)."""
    return "vacate"


FACTORIES = {"policy_id": policy_id, "agreement_id": agreement_id, "step": step}
