"""Measurement (测量): courtyards and factories, each measurement with its buildings, attachments and photos."""

from django.conf import settings
from django.db import models

from taizhang.core.models import Voidable
from taizhang.org.scoping import ScopedQuerySet
from taizhang.renewal.models.fields import _area, _choices, _community, _group, _import_batch, _unit, _user
from taizhang.renewal.models.projects import Project, ProjectHousehold

STRUCTURES = ["钢混", "砖混", "砖木", "简易"]
USES = ["住宅", "经营", "厂房"]
CERTIFICATES = ["有证", "无证", "违建"]
LAND_TYPES = ["国有", "集体"]


class Site(Voidable):
    """A measured place: a courtyard (院落) of one or more households, or a factory (厂房) of an enterprise."""

    class Kind(models.TextChoices):
        COURTYARD = "courtyard", "院落"
        FACTORY = "factory", "厂房"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="sites", db_index=False)
    group = _group()
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.COURTYARD)
    number = models.CharField("编号", max_length=32)
    address = models.CharField("位置", max_length=200, blank=True)
    land_type = models.CharField("土地性质", max_length=8, choices=_choices(LAND_TYPES), blank=True)
    owners = models.ManyToManyField(ProjectHousehold, related_name="sites", blank=True, verbose_name="产权户")
    enterprise = models.CharField("企业名称", max_length=100, blank=True)  # factories
    # From the current measurement, kept here for the ledger and the figures.
    site_area = _area("占地面积（m²）", null=True)
    floor_area = _area("建筑面积（m²）", null=True)
    measured_on = models.DateField("首次测量日期", null=True, blank=True)
    import_batch = _import_batch()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "kind", "number"], name="renewal_site_number_unique")]
        indexes = [models.Index(fields=["unit", "project", "community"])]
        ordering = ["kind", "number"]
        verbose_name = "院落/厂房"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Measurement(Voidable):
    """One measurement of a site; a re-measurement makes a new record and keeps this one in the history."""

    class Source(models.TextChoices):
        FORM = "form", "现场录入"
        IMPORT = "import", "导入"
        API = "api", "接口"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="measurements")
    group = _group()
    measured_on = models.DateField("测量日期")
    measurers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name="测量人员")
    measurer_names = models.CharField("测量人（原台账）", max_length=100, blank=True)
    site_area = _area("占地面积（m²）", null=True)
    floor_area = _area("建筑面积（m²）")
    owner_confirmation = models.ImageField(
        "产权人确认（签字或照片）", upload_to="renewal/confirmations/%Y/%m/", blank=True
    )
    sketch = models.ImageField("平面草图", upload_to="renewal/sketches/%Y/%m/", blank=True)
    flags = models.TextField("异常提示", blank=True)  # one per line, from rules.measurement_flags
    note = models.TextField("备注", blank=True)
    is_current = models.BooleanField("当前有效", default=True)
    source = models.CharField("来源", max_length=8, choices=Source.choices, default=Source.FORM)
    recorded_by = _user("录入人")
    import_batch = _import_batch()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "measured_on"])]
        ordering = ["-measured_on", "-id"]
        verbose_name = "测量记录"

    @property
    def flag_list(self) -> list[str]:
        return [f for f in self.flags.splitlines() if f]


class Building(models.Model):
    unit = _unit()
    community = _community()
    measurement = models.ForeignKey(Measurement, on_delete=models.PROTECT, related_name="buildings")
    label = models.CharField("房屋", max_length=32, default="主房")
    structure = models.CharField("建筑结构", max_length=8, choices=_choices(STRUCTURES))
    floors = models.PositiveSmallIntegerField("层数", default=1)
    use = models.CharField("用途", max_length=8, choices=_choices(USES), default="住宅")
    certificate = models.CharField("证照情况", max_length=8, choices=_choices(CERTIFICATES), default="有证")
    built_on = models.DateField("建成日期", null=True, blank=True)
    floor_area = _area("建筑面积（m²）")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["id"]
        verbose_name = "房屋"


class Attachment(models.Model):
    """Walls, wells, trees… counted by their unit."""

    unit = _unit()
    community = _community()
    measurement = models.ForeignKey(Measurement, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("附属物", max_length=32)
    quantity = models.DecimalField("数量", max_digits=10, decimal_places=2)
    measure_unit = models.CharField("计量单位", max_length=8, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["id"]
        verbose_name = "附属物"


class MeasurementPhoto(models.Model):
    unit = _unit()
    community = _community()
    measurement = models.ForeignKey(Measurement, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField("照片", upload_to="renewal/measurements/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")
