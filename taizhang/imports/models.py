"""An import's traces: the file waiting on its preview page, the column mapping a unit chose, and the batch."""

from django.conf import settings
from django.db import models

from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


class ImportBatch(models.Model):
    """One confirmed import: its number is the id ("导入批次: 12"). Undoing it voids what it created, with a reason."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)
    ledger = models.CharField("台账", max_length=64)
    target = models.CharField("导入到", max_length=120, blank=True)
    filename = models.CharField("文件名", max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    actor_name = models.CharField("导入人", max_length=150)
    created_at = models.DateTimeField("导入时间")
    rows = models.PositiveIntegerField("数据行数", default=0)
    summary = models.CharField("结果", max_length=400, blank=True)
    counts = models.JSONField("数量", default=list)
    status = models.CharField("状态", max_length=16, choices=RecordStatus.choices, default=RecordStatus.ACTIVE)
    void_reason = models.CharField("撤销原因", max_length=200, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    voided_records = models.PositiveIntegerField("撤销的记录数", default=0)
    # What a ledger whose records cannot carry the batch created (staff accounts live in the org layer, below this one).
    records = models.JSONField("新建的记录", default=list, blank=True)
    # The file as imported, and its SHA-256 in the batch's audit entry: the evidence of what the batch wrote.
    source = models.FileField("原始文件", upload_to="imports/batches/%Y/%m/", blank=True)
    source_sha256 = models.CharField("文件 SHA-256", max_length=64, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "-created_at"])]
        verbose_name = "导入批次"

    def __str__(self) -> str:
        return f"导入批次 {self.pk}"

    @property
    def is_voided(self) -> bool:
        return self.status == RecordStatus.VOIDED


class PendingImport(models.Model):
    """A file uploaded and not yet confirmed, kept under MEDIA by its token; the choices made on its preview page."""

    token = models.CharField(max_length=32, unique=True)
    unit = models.ForeignKey(OrgNode, on_delete=models.CASCADE, related_name="+", db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ledger = models.CharField(max_length=64)
    target = models.CharField(max_length=64, blank=True)
    filename = models.CharField(max_length=255)
    path = models.CharField(max_length=300)
    sheet = models.CharField(max_length=100, blank=True)
    header_row = models.PositiveIntegerField(null=True, blank=True)
    corrections = models.JSONField(default=dict)  # {"row": {"column": "text"}}
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)


class ColumnMapping(models.Model):
    """A header the unit's ledgers write their own way, and the column it means ("" = ignore it)."""

    unit = models.ForeignKey(OrgNode, on_delete=models.CASCADE, related_name="+", db_index=False)
    ledger = models.CharField(max_length=64)
    header = models.CharField(max_length=100)
    column = models.CharField(max_length=50, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "ledger", "header"], name="imports_mapping_once"),
        ]
