"""/api/assistance/: the phone app's operations, scoped like the pages (same selectors and services), one router per
area."""

from ninja import Router

from taizhang.assistance.api import archives, compliance, environment, households, problems, trainings

router = Router()
for area in (compliance, households, problems, trainings, archives, environment):
    router.add_router("", area.router)
