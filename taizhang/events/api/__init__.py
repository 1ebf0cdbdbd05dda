"""/api/events/: the module's operations, scoped like the pages (the same selectors and services), one router per
area."""

from ninja import Router

from taizhang.events.api import events, signups

router = Router()
for area in (events, signups):
    router.add_router("", area.router)
