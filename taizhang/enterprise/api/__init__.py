"""/api/enterprise/: the module's operations, scoped like the pages (the same selectors and services), one router
per area."""

from ninja import Router

from taizhang.enterprise.api import approvals, enterprises

router = Router()
for area in (enterprises, approvals):
    router.add_router("", area.router)
