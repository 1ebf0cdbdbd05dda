"""The enterprise module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇."""

from taizhang.enterprise.models import Enterprise
from taizhang.enterprise.rules.uscc import with_check
from tests.enterprise import (
    scoping_approvals,
    scoping_awards,
    scoping_chains,
    scoping_fiscal,
    scoping_functions,
    scoping_pipeline,
    scoping_registry,
    scoping_subsidies,
)


def enterprise_id(world):
    found, _ = Enterprise.objects.get_or_create(
        unit=world.xinshi, uscc=with_check("91370125MA3T00001"), defaults={"name": "扫描测试企业有限公司"}
    )
    return found.pk


FACTORIES = {
    "enterprise_id": enterprise_id,
    **scoping_approvals.FACTORIES,
    **scoping_awards.FACTORIES,
    **scoping_chains.FACTORIES,
    **scoping_fiscal.FACTORIES,
    **scoping_functions.FACTORIES,
    **scoping_pipeline.FACTORIES,
    **scoping_registry.FACTORIES,
    **scoping_subsidies.FACTORIES,
}
