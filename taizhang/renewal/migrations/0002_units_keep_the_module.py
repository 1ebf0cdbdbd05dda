"""Units choose their modules since org 0002: a unit that already has 征收项目 keeps the renewal module enabled."""

from django.db import migrations


def enable_for_units_with_records(apps, schema_editor):
    UnitModule = apps.get_model("org", "UnitModule")
    unit_ids = set(apps.get_model("renewal", "Project").objects.values_list("unit_id", flat=True).distinct())
    UnitModule.objects.bulk_create([UnitModule(unit_id=unit_id, module="renewal") for unit_id in sorted(unit_ids)],
                                   ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("renewal", "0001_initial"), ("org", "0002_unit_modules")]
    operations = [migrations.RunPython(enable_for_units_with_records, migrations.RunPython.noop)]
