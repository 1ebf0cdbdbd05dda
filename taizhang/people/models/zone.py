"""The district's assessment of its development zones: the indicators with their weights (versions by the year
they apply from, district data edited by district admins) and, per zone unit and year, the figures of the zone and
its peer zones as imported (the current set is the year's latest import batch not undone)."""

from django.db import models

from taizhang.org.scoping import ScopedQuerySet
from taizhang.people.models.fields import _import_batch, _unit, _user


class ZoneIndicator(models.Model):
    """One indicator of the version of the district's zone indicators that applies from `from_year` on (until a
    later version). The district's, not a unit's: every user of the module reads it."""

    from_year = models.PositiveSmallIntegerField("适用起始年度")
    name = models.CharField("指标", max_length=32)
    group = models.CharField("类别", max_length=16)
    measure = models.CharField("计量单位", max_length=16, blank=True)
    higher_is_better = models.BooleanField("越高越好", default=True)
    weight = models.DecimalField("权重", max_digits=5, decimal_places=2)
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_by = _user("设置人")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["from_year", "name"], name="people_zone_indicator_unique")]
        ordering = ["-from_year", "sort_order", "id"]
        verbose_name = "开发区考核指标"

    def __str__(self) -> str:
        return self.name


class ZoneFigure(models.Model):
    """A zone's figure for an indicator in a year, as one of our zone's (`unit`) comparison set: `zone` is the name
    as written in the file, `zone_node` the zone of our tree it names (None for a peer zone outside the tree)."""

    unit = _unit()
    year = models.PositiveSmallIntegerField("年度")
    zone = models.CharField("开发区", max_length=64)
    zone_node = models.ForeignKey(
        "org.OrgNode", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    indicator = models.CharField("指标", max_length=32)
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    row_no = models.PositiveIntegerField("行号", default=0)
    import_batch = _import_batch()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "year", "import_batch"])]
        ordering = ["row_no", "id"]
        verbose_name = "开发区考核数据"
