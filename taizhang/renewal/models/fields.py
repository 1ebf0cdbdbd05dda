"""The fields every renewal table shares: its unit, its 村居, who did it, its work group, an area in m², the import
batch that created it."""

from django.db import models

from taizhang.org.fields import unit_field, user_field
from taizhang.org.models import OrgNode

_unit, _user = unit_field, user_field


def _community(null: bool = False):
    return models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="村居", db_index=False, null=null, blank=null
    )


def _group():
    return models.ForeignKey(
        "ProjectGroup",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
        verbose_name="工作组",
    )


def _import_batch():
    """The import batch that created the record (undoing the batch voids or removes it); found through the
    project's records, so it needs no index of its own."""
    return models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )


def _area(verbose_name: str, null: bool = False):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, null=null, blank=null)


def _choices(values: list[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]
