"""The fields every people table shares: its unit, the department (a 部门 node of the org tree), who, an amount."""

from django.db import models

from taizhang.org.fields import unit_field, user_field
from taizhang.org.models import OrgNode

_unit, _user = unit_field, user_field


def _department(null: bool = False):
    return models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="部门", db_index=False, null=null, blank=null
    )


def _money(verbose_name: str, null: bool = False):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, null=null, blank=null)


def _percent(verbose_name: str, default=None):
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=2, default=default)


def _score(verbose_name: str, null: bool = True):
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=2, null=null, blank=null)


def _import_batch():
    return models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
