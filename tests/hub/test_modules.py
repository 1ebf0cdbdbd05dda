"""Units choose their modules: menus, pages, API, household sections and the audit trail follow the choice."""

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.core.manifest import modules
from taizhang.hub.services import unit_modules_set
from taizhang.org.models import OrgNode, Role, UnitModule
from taizhang.org.modules import enabled_keys
from taizhang.registry.models import Household
from taizhang.staff.services import staff_create
from tests.conftest import PASSWORD


@pytest.fixture
def chosen(seeded):
    """新市镇 works with 帮扶 only, 济阳街道 with 棚改旧改 only; a district admin sets them."""
    world = seeded
    UnitModule.objects.all().delete()
    world.qu_admin = staff_create(
        actor=None,
        node=world.district,
        username="qu_admin",
        full_name="钱科长",
        role=Role.DISTRICT_ADMIN,
        password=PASSWORD,
    )
    unit_modules_set(actor=world.qu_admin, unit=world.xinshi, keys={"assistance"})
    unit_modules_set(actor=world.qu_admin, unit=world.jiyang, keys={"renewal"})
    return world


def menu(client, username):
    client.login(username=username, password=PASSWORD)
    return client.get("/").content.decode()


def test_both_modules_declare_themselves_in_a_manifest():
    assert {"assistance", "renewal"} <= {spec.key for spec in modules()}


def test_a_township_worker_sees_only_the_modules_of_their_unit(client, chosen):
    page = menu(client, "xs_worker")
    assert "帮扶" in page and "棚改旧改" not in page
    assert client.get("/renewal/").status_code == 403
    assert client.get("/api/renewal/projects").status_code == 403
    assert client.get("/assistance/").status_code == 200


def test_a_street_worker_sees_no_assistance(client, chosen):
    page = menu(client, "jy_worker")
    assert "棚改旧改" in page and ">帮扶<" not in page
    response = client.get("/assistance/")
    assert response.status_code == 403 and "本单位未启用“帮扶”模块" in response.content.decode()
    assert client.get("/api/assistance/households").json()["detail"].startswith("本单位未启用")


def test_the_leader_sees_every_module(client, chosen):
    page = menu(client, "leader")
    assert "帮扶" in page and "棚改旧改" in page
    assert enabled_keys(chosen.leader) == {spec.key for spec in modules()}


def test_a_disabled_modules_section_leaves_the_household_file(client, chosen):
    from taizhang.assistance.households import assisted_mark
    from taizhang.assistance.models import Category

    household = Household.objects.get(household_no="XS001")
    assisted_mark(
        actor=chosen.xs_admin,
        household=household,
        category=Category.REGISTERED,
        start_date=household.created_at.date(),
        helpers=[chosen.xs_worker],
    )
    client.login(username="xs_admin", password=PASSWORD)
    assert 'id="section-assistance"' in client.get(f"/registry/households/{household.pk}/").content.decode()
    unit_modules_set(actor=chosen.qu_admin, unit=chosen.xinshi, keys=set())
    page = client.get(f"/registry/households/{household.pk}/").content.decode()
    assert 'id="section-assistance"' not in page and "帮扶户" not in page


def test_the_district_admin_enables_a_module_on_the_page_and_it_is_audited(client, chosen):
    client.login(username="qu_admin", password=PASSWORD)
    page = client.get("/hub/modules/").content.decode()
    assert "新市镇" in page and "济北开发区" not in page  # the base case has two units
    response = client.post("/hub/modules/", {"unit": chosen.xinshi.pk, "modules": ["assistance", "renewal"]})
    assert response.status_code == 302
    assert set(UnitModule.objects.filter(unit=chosen.xinshi).values_list("module", flat=True)) == {
        "assistance",
        "renewal",
    }
    entry = AuditEntry.objects.filter(object_type="hub.unit-modules").order_by("-id").first()
    assert entry.changes == {"启用的模块": ["帮扶", "帮扶、棚改旧改"]} and entry.actor_id == chosen.qu_admin.pk


def test_saving_the_same_modules_changes_nothing(chosen):
    before = AuditEntry.objects.count()
    assert not unit_modules_set(actor=chosen.qu_admin, unit=chosen.xinshi, keys={"assistance"})
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("username", ["xs_admin", "leader", "xs_worker"])
def test_only_the_district_admin_chooses_modules(client, chosen, username):
    client.login(username=username, password=PASSWORD)
    assert client.get("/hub/modules/").status_code == 403
    assert client.post("/hub/modules/", {"unit": chosen.xinshi.pk, "modules": ["renewal"]}).status_code == 403
    assert "renewal" not in enabled_keys(chosen.xs_admin)


def test_modules_are_chosen_for_units_only_and_must_exist(chosen):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        unit_modules_set(actor=chosen.qu_admin, unit=chosen.xinshi_village, keys={"assistance"})
    with pytest.raises(ValidationError):
        unit_modules_set(actor=chosen.qu_admin, unit=chosen.xinshi, keys={"lottery"})


def test_the_audit_search_offers_only_the_object_types_of_enabled_modules(client, chosen):
    client.login(username="jy_admin", password=PASSWORD)
    page = client.get("/audit/").content.decode()
    assert "renewal.measurement" in page and "assistance.visit" not in page


def test_a_unit_without_modules_still_has_the_kernel(client, chosen):
    unit_modules_set(actor=chosen.qu_admin, unit=chosen.jiyang, keys=set())
    page = menu(client, "jy_admin")
    assert "户籍台账" in page and "棚改旧改" not in page and OrgNode.objects.filter(name="城里居").exists()
