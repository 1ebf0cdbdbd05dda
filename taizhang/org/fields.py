"""The foreign keys every module's scoped tables share: their unit (the distribution key) and who did it. Neither is
indexed on its own (a table's indexes start with the unit) nor reachable backwards (`related_name="+"`: the kernel's
models learn nothing of the modules)."""

from django.conf import settings
from django.db import models


def unit_field():
    from taizhang.org.models import OrgNode

    return models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)


def user_field(verbose_name: str = "", null: bool = True):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=null,
        blank=null,
        db_index=False,
        verbose_name=verbose_name,
    )
