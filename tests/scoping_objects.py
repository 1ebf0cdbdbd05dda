"""How the URL walk fills each URL keyword with an object of 新市镇.

A module that adds a URL keyword adds its factory here; the walk fails on an unknown keyword,
so no route can slip past the scoping test unnoticed.
"""

import uuid

from taizhang.registry.models import Household, Person


def household_id(world):
    return Household.objects.get(unit=world.xinshi, household_no="XS001").pk


def person_id(world):
    return Person.objects.filter(unit=world.xinshi).first().pk


def user_id(world):
    return world.xs_worker.pk


def token(world):
    return uuid.uuid4().hex


FACTORIES = {"household_id": household_id, "person_id": person_id, "user_id": user_id, "token": token}
