"""The ledgers the installed apps declare, and those a user may import: the kernel's always, a module's when the
user's unit has enabled it, each only where its `targets(user)` is not empty."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.http import Http404
from django.utils.module_loading import import_string

from taizhang.core.manifest import ModuleSpec
from taizhang.documents.importing import Ledger, Target
from taizhang.org.modules import enabled_keys


def _load(path: str) -> Ledger:
    return import_string(path.replace(":", "."))


@cache
def _declared() -> tuple[tuple[Ledger, str | None], ...]:
    """(ledger, module key or None for the kernel's) for every installed app, in declaration order."""
    found = []
    for config in apps.get_app_configs():
        manifest = getattr(config, "manifest", None)
        if isinstance(manifest, ModuleSpec):
            found += [(_load(path), manifest.key) for path in manifest.ledgers]
        else:
            found += [(_load(path), None) for path in getattr(config, "ledgers", ())]
    keys = [ledger.key for ledger, _ in found]
    duplicated = {key for key in keys if keys.count(key) > 1}
    if duplicated:
        raise RuntimeError(f"two ledgers declare the same key: {sorted(duplicated)}")
    return tuple(sorted(found, key=lambda pair: (pair[0].order, pair[0].key)))


def all_ledgers() -> list[Ledger]:
    return [ledger for ledger, _ in _declared()]


def declared(key: str) -> Ledger | None:
    return next((ledger for ledger, _ in _declared() if ledger.key == key), None)


def importable(user) -> list[tuple[Ledger, list[Target]]]:
    """The ledgers the user may import, each with where to."""
    keys = enabled_keys(user)
    result = []
    for ledger, module in _declared():
        if module is not None and module not in keys:
            continue
        targets = ledger.targets(user)
        if targets:
            result.append((ledger, targets))
    return result


def ledger_target(user, key: str, target_key: str = "") -> tuple[Ledger, Target]:
    """The ledger and the place the user chose to import it to; a 404 when they may not."""
    for ledger, targets in importable(user):
        if ledger.key == key:
            target = next((t for t in targets if t.key == target_key), None)
            if target is not None:
                return ledger, target
    raise Http404("没有这种台账，或您无权导入。")


def runner(service, *, per_unit: bool = True):
    """A ledger's `run` from an import service taking `actor, data, filename, dry_run, reading, batch`, the target's
    `kwargs` (a project, a roster) and, for a ledger kept per unit, `unit`."""

    def run(*, actor, target: Target, data, filename: str, reading, batch, dry_run: bool):
        where = {"unit": target.unit} if per_unit else {}
        return service(
            actor=actor,
            data=data,
            filename=filename,
            dry_run=dry_run,
            reading=reading,
            batch=batch,
            **where,
            **target.kwargs,
        )

    return run


def unit_targets(user, allowed: bool) -> list[Target]:
    """Where a ledger kept per unit goes: the user's own unit, or for a user above units every unit they see."""
    from taizhang.org.models import OrgNode

    if not allowed:
        return []
    if user.unit_id:
        return [Target(unit=user.unit, label=user.unit.name)]
    units = OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.UNIT).order_by("path")
    return [Target(unit=unit, label=unit.name, key=str(unit.pk)) for unit in units]
