"""/api/people/: the module's operations, scoped like the pages (the same selectors and services), one router per
area."""

from ninja import Router

from taizhang.people.api import cycles, pay, posts, rounds
from taizhang.people.api import kpi as kpi_api
from taizhang.people.api import zone as zone_api

router = Router()
for area in (cycles, zone_api, kpi_api, pay, posts, rounds):
    router.add_router("", area.router)
