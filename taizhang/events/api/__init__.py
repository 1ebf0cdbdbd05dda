"""/api/events/: the module's operations, scoped like the pages (the same selectors and services), one router
per area."""

from ninja import Router

from taizhang.events.api import checkin, events, plan, report, signups, vendors

router = Router()
for area in (
    events,
    checkin,
    plan,
    report,
    signups,
    vendors,
):
    router.add_router("", area.router)
