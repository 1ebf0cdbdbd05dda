"""The fields every enterprise table shares: its unit (the distribution key), who, money and areas.

Money of the zone's books (investment, revenue, tax, output, capital) is in 万元 with four decimals (to the yuan);
subsidies and awards, which are paid, are in 元 to the fen."""

from django.db import models

from taizhang.org.fields import unit_field as _unit
from taizhang.org.fields import user_field as _user

__all__ = ["_import_batch", "_mu", "_unit", "_user", "_wan", "_yuan"]


def _wan(verbose_name: str, null: bool = True):
    """An amount in 万元."""
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=4, null=null, blank=null)


def _yuan(verbose_name: str, null: bool = False):
    """An amount in 元, to the fen."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, null=null, blank=null)


def _mu(verbose_name: str = "用地面积（亩）", null: bool = True):
    return models.DecimalField(verbose_name, max_digits=10, decimal_places=2, null=null, blank=null)


def _import_batch():
    return models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
