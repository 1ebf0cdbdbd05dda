"""What a typed number names, for searching the trail.

Entries keep object references (type and id, the household they are filed under) and the values of the moment, so a
full ID number or a 户编号 is found by resolving it to the records it names first, then finding every entry filed
under those records. The audit layer knows no records: the apps that own them register a resolver (the registry in
its AppConfig.ready, a module likewise), each answering for the records the user may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q


@dataclass
class Subjects:
    household_ids: set[int] = field(default_factory=set)
    objects: set[tuple[str, str]] = field(default_factory=set)  # (object_type, object_id)

    def __bool__(self) -> bool:
        return bool(self.household_ids or self.objects)

    def add(self, other: Subjects) -> None:
        self.household_ids |= other.household_ids
        self.objects |= other.objects

    def entries_q(self) -> Q:
        """The entries filed under these households or about these objects."""
        q = Q(household_id__in=sorted(self.household_ids)) if self.household_ids else Q(pk__in=[])
        for object_type, object_id in sorted(self.objects):
            q |= Q(object_type=object_type, object_id=object_id)
        return q


Resolver = Callable[[object, str], Subjects]
_resolvers: list[Resolver] = []


def register(resolver: Resolver) -> None:
    """`resolver(user, text) -> Subjects`: the records `text` names exactly (a full ID number, a 户编号) that the user
    may see; an empty Subjects when it names none."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def resolve(user, text: str) -> Subjects:
    found = Subjects()
    for resolver in _resolvers:
        found.add(resolver(user, text))
    return found
