"""/api/renewal/: the module's operations, scoped like the pages (the same selectors and services), one router per area."""

from ninja import Router

from taizhang.renewal.api import (
    compensation,
    crosschecks,
    determinations,
    measurements,
    progress,
    projects,
    violations,
)

router = Router()
for area in (projects, measurements, determinations, crosschecks, violations, compensation, progress):
    router.add_router("", area.router)
