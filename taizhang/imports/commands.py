"""An import command runs the ledger through the same batch service as the pages, and prints the batch number."""

from __future__ import annotations

from pathlib import Path

from taizhang.core.commands import finish_import
from taizhang.documents.importing import Target
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run
from taizhang.org.selectors import unit_by_name


def unit_target(name: str) -> Target:
    """The unit a command's `--unit 新市镇` names, as an import target."""
    unit = unit_by_name(name)
    return Target(unit=unit, label=unit.name)


def import_ledger(command, key: str, *, target: Target, path: Path, dry_run: bool) -> None:
    """Check (and unless a dry run, import as one batch) the file; exit 1 with every error when it has any."""
    report, batch = import_run(
        ledger=declared(key), actor=None, target=target, data=path, filename=path.name, dry_run=dry_run
    )
    finish_import(command, report, dry_run=dry_run)
    if batch is not None:
        command.stdout.write(f"导入批次: {batch.pk}（撤销：taizhang void-import {batch.pk} --reason 原因）")
