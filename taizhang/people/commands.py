"""What the people module's commands share: a unit and a cycle by name, and the cycle's import through the kernel's
batch like the upload pages."""

from __future__ import annotations

from django.core.management.base import CommandError

from taizhang.core.commands import ImportCommand, existing_file
from taizhang.imports.commands import import_ledger
from taizhang.org.selectors import unit_by_name
from taizhang.people.ledgers_kpi import cycle_target
from taizhang.people.models import Cycle
from taizhang.people.rules import kpi as rules


def cycle_by_name(unit_name: str, code: str) -> Cycle:
    unit = unit_by_name(unit_name)
    try:
        code = rules.parse_cycle(code)[0]
    except ValueError as exc:
        raise CommandError(str(exc))
    cycle = Cycle.objects.filter(unit=unit, code=code).select_related("unit").first()
    if cycle is None:
        known = "、".join(Cycle.objects.filter(unit=unit).values_list("code", flat=True)) or "（无）"
        raise CommandError(f"{unit.name}没有周期 {code}。现有周期：{known}")
    return cycle


class CycleImportCommand(ImportCommand):
    """Subclasses name the ledger (`ledger = "people.kpi"`) and the help."""

    ledger = ""

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--cycle", required=True, help="考核周期，如 2020Q3")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, unit, cycle, dry_run, **options):
        target = cycle_target(cycle_by_name(unit, cycle))
        import_ledger(self, self.ledger, target=target, path=existing_file(file), dry_run=dry_run)
