"""Which of the installed modules a user works with: their unit's enabled modules; district roles see them all.

Every place that shows a module's menu, pages, API, record sections, figures or to-dos asks here."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from taizhang.core.manifest import ModuleSpec, modules
from taizhang.org.models import OrgNode, UnitModule
from taizhang.org.scoping import once_per_request


def enabled_keys(user) -> frozenset[str]:
    """The module keys the user's unit has enabled, worked out once per request."""
    return once_per_request(user, "_taizhang_modules", _enabled_keys)


def _enabled_keys(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    installed = {spec.key for spec in modules()}
    node = user.node
    if (node is None and user.is_superuser) or (node is not None and node.kind == OrgNode.Kind.DISTRICT):
        return frozenset(installed)
    if node is None or user.unit_id is None:
        return frozenset()
    return frozenset(set(UnitModule.objects.filter(unit_id=user.unit_id).values_list("module", flat=True)) & installed)


def user_modules(user) -> list[ModuleSpec]:
    keys = enabled_keys(user)
    return [spec for spec in modules() if spec.key in keys]


def unit_module_keys(unit_ids) -> dict[int, frozenset[str]]:
    """Each unit's enabled modules, in one query (the cockpit shows a unit only the figures of its modules)."""
    keys: dict[int, set[str]] = {unit_id: set() for unit_id in unit_ids}
    for unit_id, key in UnitModule.objects.filter(unit_id__in=list(keys)).values_list("unit_id", "module"):
        keys[unit_id].add(key)
    return {unit_id: frozenset(value) for unit_id, value in keys.items()}


def record_sections(record: str, obj, user, *, for_pdf: bool = False) -> list[dict]:
    """The sections the user's modules add to a kernel record page ("household" for 一户一档)."""
    sections = [(section, spec) for spec in user_modules(user) for section in spec.sections if section.record == record]
    result = []
    for section, spec in sorted(sections, key=lambda pair: (pair[0].order, pair[0].key)):
        if for_pdf and not section.in_pdf:
            continue
        html = spec.load(section.render)(obj, user)
        if html:
            result.append({"key": section.key, "title": section.title, "html": mark_safe(html)})
    return result


def section_readers_admit(record: str, obj, user) -> bool:
    """Whether one of the user's modules vouches for the user reading this record's page (`Section.readers`)."""
    return any(
        spec.load(section.readers)(user, obj)
        for spec in user_modules(user)
        for section in spec.sections
        if section.record == record and section.readers
    )
