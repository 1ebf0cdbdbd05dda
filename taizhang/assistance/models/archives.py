"""The archive (一户一档) audit: the unit's checklist, each household's record and documents, the rosters,
the findings."""

from django.conf import settings
from django.db import models

from taizhang.assistance.models.households import AssistedHousehold
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


class ArchiveItem(models.Model):
    """An item of the unit's archive checklist: data the registry holds, or a document to upload."""

    class Kind(models.TextChoices):
        DATA = "data", "台账数据"
        DOCUMENT = "document", "上传材料"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    name = models.CharField("项目", max_length=32)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.DOCUMENT)
    required = models.BooleanField("必备", default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="archive_item_unique_in_unit")]


class ArchiveRecord(models.Model):
    """What the household's paper archive says where it may differ from the registry."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.OneToOneField(AssistedHousehold, on_delete=models.PROTECT, related_name="archive")
    family_size = models.PositiveSmallIntegerField("档案记载人口", null=True, blank=True)
    account_holder = models.CharField("银行卡持卡人", max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")


class ArchiveDocument(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="archive_documents")
    item = models.ForeignKey(ArchiveItem, on_delete=models.PROTECT, related_name="+")
    file = models.FileField("材料", upload_to="assistance/archives/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")


class RosterEntry(models.Model):
    """One person on a department's roster (低保, 残联, 学籍, 医保), as last imported: a roster is a snapshot."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    roster = models.CharField(max_length=16)
    id_number = models.CharField(max_length=18)
    name = models.CharField(max_length=64, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "roster", "id_number"], name="roster_entry_once")]


class ArchiveFinding(models.Model):
    """A 缺项 or 错项 the check found; closed when a later check no longer finds it, or when marked fixed."""

    class Kind(models.TextChoices):
        MISSING = "missing", "缺项"
        WRONG = "wrong", "错项"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="archive_findings")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    item = models.CharField("项目", max_length=32)
    detail = models.CharField("情况", max_length=200)
    key = models.CharField(max_length=200)
    found_at = models.DateTimeField(auto_now_add=True)
    fixed_at = models.DateTimeField(null=True, blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    fix_note = models.CharField("整改情况", max_length=200, blank=True)
    group = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="档案资料工作组",
        db_index=False,
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["community_id", "assisted_id", "kind", "id"]
        indexes = [models.Index(fields=["unit", "fixed_at"]), models.Index(fields=["assisted", "key"])]

    @property
    def is_open(self) -> bool:
        return self.fixed_at is None
