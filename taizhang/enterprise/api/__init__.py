"""/api/enterprise/: the module's operations, scoped like the pages (the same selectors and services), one router
per area."""

from ninja import Router

from taizhang.enterprise.api import (
    approvals,
    awards,
    chains,
    enterprises,
    fiscal,
    functions,
    pipeline,
    registry,
    subsidies,
)

router = Router()
for area in (
    enterprises,
    approvals,
    awards,
    chains,
    fiscal,
    functions,
    pipeline,
    registry,
    subsidies,
):
    router.add_router("", area.router)
