"""Living environment (人居环境): cleanings, furniture purchases and needs."""

from django.conf import settings
from django.db import models

from taizhang.assistance.models.households import AssistedHousehold
from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


class CleaningRecord(Voidable):
    """A cleaning of the household's home by a party member or a cleaner, with before/after photos and a rating."""

    class Cleaner(models.TextChoices):
        PARTY_MEMBER = "party", "党员"
        CLEANER = "cleaner", "保洁员"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="cleanings")
    date = models.DateField("清扫日期")
    cleaner_kind = models.CharField("清扫人", max_length=8, choices=Cleaner.choices)
    cleaner_name = models.CharField("姓名", max_length=64)
    rating = models.CharField("卫生状况", max_length=4)
    note = models.CharField("说明", max_length=200, blank=True)
    before_photo = models.ImageField("清扫前", upload_to="assistance/cleaning/%Y/%m/", blank=True)
    after_photo = models.ImageField("清扫后", upload_to="assistance/cleaning/%Y/%m/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-date", "-id"]


class PurchaseBatch(models.Model):
    """One purchase of furniture for assisted households (统一采购)."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    date = models.DateField("采购日期")
    supplier = models.CharField("供货单位", max_length=100)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-date", "-id"]


class PurchaseLine(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    batch = models.ForeignKey(PurchaseBatch, on_delete=models.PROTECT, related_name="lines")
    item = models.CharField("家具", max_length=16)
    quantity = models.PositiveIntegerField("数量")
    unit_price = models.DecimalField("单价（元）", max_digits=10, decimal_places=2)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    @property
    def amount(self):
        return self.quantity * self.unit_price


class FurnitureNeed(Voidable):
    """A household's need (床/榻/桌/椅…), delivered from a purchase and confirmed with a photo."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="furniture_needs")
    item = models.CharField("家具", max_length=16)
    quantity = models.PositiveSmallIntegerField("数量", default=1)
    note = models.CharField("说明", max_length=200, blank=True)
    batch = models.ForeignKey(
        PurchaseBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="needs", verbose_name="采购批次"
    )
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_photo = models.ImageField("送达照片", upload_to="assistance/furniture/%Y/%m/", blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["assisted_id", "id"]

    @property
    def stage(self) -> str:
        return "已送达" if self.delivered_on else "已采购" if self.batch_id else "待采购"
