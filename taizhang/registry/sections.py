"""The household file's (一户一档) slot for module sections.

Modules register a section in their AppConfig.ready(); the kernel never imports a module:

    register_household_section(HouseholdSection(key="assistance", title="帮扶", order=10, render=render_fn))

`render(household, user) -> str` returns HTML (already scoped and escaped by the module's template);
returning "" hides the section for that household.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class HouseholdSection:
    key: str
    title: str
    render: Callable[..., str]
    order: int = 100
    in_pdf: bool = True


_sections: dict[str, HouseholdSection] = {}


def register_household_section(section: HouseholdSection) -> None:
    _sections[section.key] = section


def unregister_household_section(key: str) -> None:
    _sections.pop(key, None)


def rendered_sections(household, user, *, for_pdf: bool = False) -> list[dict]:
    result = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        if for_pdf and not section.in_pdf:
            continue
        html = section.render(household, user)
        if html:
            result.append({"key": section.key, "title": section.title, "html": mark_safe(html)})
    return result
