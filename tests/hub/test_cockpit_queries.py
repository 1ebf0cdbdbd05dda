"""The cockpit's queries do not grow with the number of units: every figure is computed for all units at once."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.assistance.households import assisted_mark
from taizhang.assistance.models import Category
from taizhang.assistance.visits import visit_record
from taizhang.org.models import OrgNode, Role
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from taizhang.renewal.models import Agreement
from taizhang.renewal.projects import project_create
from taizhang.renewal.red_line import households_import
from taizhang.staff.services import node_create, staff_create
from tests.assistance.conftest import local
from tests.conftest import PASSWORD, csv_bytes, enable_every_module, household_rows


def add_unit(world, n: int) -> None:
    """A town with a village, two households, one assisted and visited, both in a renewal project, one signed."""
    unit = node_create(actor=None, parent=world.district, kind=OrgNode.Kind.UNIT, name=f"测试镇{n}", subtype="town")
    village = node_create(actor=None, parent=unit, kind=OrgNode.Kind.COMMUNITY, name=f"测试村{n}", subtype="village")
    enable_every_module(unit)
    admin = staff_create(
        actor=None, node=unit, username=f"admin{n}", full_name=f"管理{n}", role=Role.UNIT_ADMIN, password=PASSWORD
    )
    helper = staff_create(
        actor=None, node=village, username=f"helper{n}", full_name=f"帮扶{n}", role=Role.FIELD_WORKER, password=PASSWORD
    )
    rows = household_rows(f"T{n}01", village.name, 2, 200 + n * 10) + household_rows(
        f"T{n}02", village.name, 1, 205 + n * 10
    )
    assert household_import(unit=unit, data=csv_bytes(rows), filename="t.csv").applied
    assisted = assisted_mark(
        actor=admin,
        household=Household.objects.get(unit=unit, household_no=f"T{n}01"),
        category=Category.REGISTERED,
        start_date=date(2020, 1, 1),
        helpers=[helper],
    )
    started = local(date(2020, 9, 3), "09:00")
    visit_record(
        actor=helper, assisted=assisted, visitors=[helper], started_at=started, ended_at=started + timedelta(minutes=40)
    )
    project = project_create(
        actor=admin,
        unit=unit,
        name=f"改造{n}",
        communities=[village],
        start_date=date(2020, 5, 1),
        freeze_date=date(2020, 6, 1),
    )
    households_import(
        actor=admin, project=project, data=csv_bytes([[f"T{n}01"], [f"T{n}02"]], header=["户编号"]), filename="红线.csv"
    )
    entry = project.households.first()
    Agreement.objects.create(
        unit=unit,
        community=village,
        project=project,
        entry=entry,
        option=Agreement.Option.MONETARY,
        status=Agreement.Status.SIGNED,
        signed_on=date(2020, 9, 5),
    )


def cockpit_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", {"as_of": "2020-09-30"})
    assert response.status_code == 200
    return len(queries)


def test_the_cockpits_queries_do_not_grow_with_the_units(client, seeded):
    for n in (1, 2):
        add_unit(seeded, n)
    two = cockpit_queries(client, seeded.leader)
    for n in (3, 4, 5, 6):
        add_unit(seeded, n)
    six = cockpit_queries(client, seeded.leader)
    assert six == two
    page = client.get("/", {"as_of": "2020-09-30"}).content.decode()
    assert all(f'data-row="测试镇{n}"' in page for n in range(1, 7))


def test_a_unit_admins_cockpit_does_not_grow_with_its_villages(client, seeded):
    first = cockpit_queries(client, seeded.xs_admin)
    for n in range(3):
        node_create(actor=None, parent=seeded.xinshi, kind=OrgNode.Kind.COMMUNITY, name=f"新村{n}", subtype="village")
    assert cockpit_queries(client, seeded.xs_admin) == first
