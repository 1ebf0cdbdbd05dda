"""/api/people/: the module's operations, scoped like the pages (the same selectors and services), one router per
area."""

from ninja import Router

from taizhang.people.api import cycles, pay

router = Router()
for area in (cycles, pay):
    router.add_router("", area.router)
