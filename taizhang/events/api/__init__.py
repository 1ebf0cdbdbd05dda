"""/api/events/: the module's operations, scoped like the pages (the same selectors and services), one router per
area."""

from ninja import Router

from taizhang.events.api import checkin, events

router = Router()
for area in (events, checkin):
    router.add_router("", area.router)
