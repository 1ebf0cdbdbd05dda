"""The scoping walk's machinery: every URL pattern and API route, the owner of each, and how its keywords are filled.

A route belongs to the module whose prefix it is under (/<key>/ or /api/<key>/) and otherwise to the kernel. Its URL
keywords are filled by its owner's factories: the kernel's (tests/scoping_objects.py) for every route, and for a
module's route also the module's own, from the test module its manifest names as `scoping_factories`. A module never
fills another module's keyword, and no keyword may mean two things (`factory_clashes`).

Every factory makes (or finds) a record of 新市镇, so users of 济阳街道 must be refused it, and 新市镇's own users must
reach it (tests/org/test_scoping.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

from taizhang.core.manifest import ModuleSpec, modules
from tests.scoping_objects import FACTORIES as KERNEL_FACTORIES

KWARG = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
KERNEL = "kernel"

Factory = Callable[[object], object]


@dataclass(frozen=True)
class Route:
    pattern: str  # as Django resolves it, without the leading slash: "assistance/visits/<int:visit_id>/"
    owner: str  # KERNEL or a module key

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def is_public(self) -> bool:
        """A page without a login (/public/<key>/…): scoped by the token in its URL alone, so anyone holding the
        link reaches it — another unit's users included."""
        return self.pattern.startswith("public/")

    @property
    def keywords(self) -> list[str]:
        return [match.group("name") for match in KWARG.finditer(self.pattern)]


def _patterns(entries, prefix=""):
    for entry in entries:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def owner_of(path: str, keys: Iterable[str]) -> str:
    """The module whose prefix `path` is under ("assistance/…", "/api/renewal/…", "/public/people/…"), or KERNEL."""
    parts = path.lstrip("/").split("/")
    first = parts[1] if parts[0] in ("api", "public") and len(parts) > 1 else parts[0]
    return first if first in set(keys) else KERNEL


def factory_clashes(kernel: Mapping[str, Factory], by_module: Mapping[str, Mapping[str, Factory]]) -> list[str]:
    """What is wrong with the factories as a whole: a module redefining a kernel keyword, or two modules filling the
    same keyword with different factories (one keyword would then name two kinds of record)."""
    problems = []
    claimed: dict[str, tuple[str, Factory]] = {}
    for key in sorted(by_module):
        for name, factory in by_module[key].items():
            if name in kernel:
                if kernel[name] is not factory:
                    problems.append(f"module {key} redefines the kernel's URL keyword <{name}>")
            elif name in claimed and claimed[name][1] is not factory:
                problems.append(f"URL keyword <{name}> has two factories: module {claimed[name][0]} and module {key}")
            else:
                claimed.setdefault(name, (key, factory))
    return problems


def module_factories(specs: Iterable[ModuleSpec]) -> dict[str, dict[str, Factory]]:
    """Each module's factories, from the test module its manifest names (none declared: no keywords of its own)."""
    return {
        spec.key: dict(import_module(spec.scoping_factories).FACTORIES) if spec.scoping_factories else {}
        for spec in specs
    }


class Walk:
    """The routes of the URL conf as it is (with whatever modules are installed), each with its owner's factories."""

    def __init__(self, specs: Iterable[ModuleSpec] | None = None, kernel: Mapping[str, Factory] = KERNEL_FACTORIES):
        self.specs = tuple(modules() if specs is None else specs)
        self.kernel = dict(kernel)
        self.by_module = module_factories(self.specs)

    def clashes(self) -> list[str]:
        return factory_clashes(self.kernel, self.by_module)

    def routes(self) -> list[Route]:
        keys = [spec.key for spec in self.specs]
        patterns = sorted(set(_patterns(get_resolver().url_patterns)))
        return [Route(pattern, owner_of(pattern, keys)) for pattern in patterns if not pattern.startswith("^")]

    def object_routes(self) -> list[Route]:
        return [route for route in self.routes() if route.keywords]

    def plain_routes(self) -> list[Route]:
        return [route for route in self.routes() if not route.keywords]

    def factories_for(self, owner: str) -> dict[str, Factory]:
        return {**self.kernel, **self.by_module.get(owner, {})}

    def every_factory(self) -> list[Factory]:
        return [*self.kernel.values(), *(f for factories in self.by_module.values() for f in factories.values())]

    def fill(self, route: Route, world) -> str:
        factories = self.factories_for(route.owner)

        def value(match):
            name = match.group("name")
            where = (
                "tests/scoping_objects.py"
                if route.owner == KERNEL
                else f"the module's scoping_factories ({route.owner}) or tests/scoping_objects.py"
            )
            assert name in factories, f"URL keyword <{name}> in {route.pattern!r} has no factory in {where}"
            return str(factories[name](world))

        return "/" + KWARG.sub(value, route.pattern)

    def stays_with_owner(self, route: Route, location: str) -> bool:
        """A redirect that stays in the route's own module (or, for the kernel, on a kernel page other than login)."""
        path = urlsplit(location).path
        return owner_of(path, [spec.key for spec in self.specs]) == route.owner and not path.startswith("/login/")
