"""An existing installation upgraded to modules per unit: units that already work with a module keep it."""

from datetime import date
from importlib import import_module

from django.apps import apps

from taizhang.org.models import UnitModule
from taizhang.registry.models import Household


def keep(module: str):
    import_module(f"taizhang.{module}.migrations.0002_units_keep_the_module").enable_for_units_with_records(apps, None)


def test_a_unit_with_assisted_households_keeps_assistance_and_one_without_does_not_get_it(seeded):
    from taizhang.assistance.households import assisted_mark
    from taizhang.assistance.models import Category

    UnitModule.objects.all().delete()
    assisted_mark(
        actor=seeded.xs_admin,
        household=Household.objects.get(household_no="XS001"),
        category=Category.REGISTERED,
        start_date=date(2025, 1, 1),
        helpers=[seeded.xs_worker],
    )
    keep("assistance")
    keep("assistance")  # running twice changes nothing
    assert list(UnitModule.objects.values_list("unit__name", "module")) == [("新市镇", "assistance")]


def test_a_unit_with_a_renewal_project_keeps_renewal(seeded):
    from tests.renewal.conftest import xinshi_project

    UnitModule.objects.all().delete()
    xinshi_project(seeded)
    keep("renewal")
    assert list(UnitModule.objects.values_list("unit__name", "module")) == [("新市镇", "renewal")]
