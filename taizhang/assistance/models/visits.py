"""Visits (入户走访), their photos and the unit's visit rules (走访规则) they are judged by."""

from django.conf import settings
from django.db import models

from taizhang.assistance.models.households import AssistedHousehold
from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


class VisitRuleVersion(models.Model):
    """The unit's visit rule from a date on; the past keeps the versions of its time."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    effective_from = models.DateField("生效日期")
    min_visits_per_month = models.PositiveSmallIntegerField("每月最少有效走访次数", default=2)
    min_minutes = models.PositiveSmallIntegerField("每次走访最少时长（分钟）", default=30)
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "effective_from"], name="one_rule_version_per_day")]
        ordering = ["-effective_from"]
        verbose_name = "走访规则"


class CheckResult(models.TextChoices):
    OK = "ok", "正常"
    PROBLEM = "problem", "有问题"
    SKIPPED = "skipped", "未查看"


# The seed's checklist: 拧拧水管、看看房屋、翻翻档案、拉拉家常.
CHECKLIST = [
    ("water", "拧拧水管", "饮水"),
    ("housing", "看看房屋", "住房安全"),
    ("archive", "翻翻档案", "档案资料"),
    ("talk", "拉拉家常", "家庭情况"),
]


FINDINGS = [("education", "学生教育"), ("disability", "残疾人保障"), ("employment", "务工就业"), ("health", "健康医疗")]


class Visit(Voidable):
    class Source(models.TextChoices):
        PHONE = "phone", "手机走访"
        FORM = "form", "补录"
        IMPORT = "import", "导入"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="visits", db_index=False)
    helpers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name="走访人")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    visit_date = models.DateField("走访日期")  # the local date the visit started
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    minutes = models.PositiveIntegerField("时长（分钟）")

    water = models.CharField("拧拧水管", max_length=8, choices=CheckResult.choices, default=CheckResult.SKIPPED)
    water_note = models.CharField("饮水情况", max_length=200, blank=True)
    housing = models.CharField("看看房屋", max_length=8, choices=CheckResult.choices, default=CheckResult.SKIPPED)
    housing_note = models.CharField("住房情况", max_length=200, blank=True)
    archive = models.CharField("翻翻档案", max_length=8, choices=CheckResult.choices, default=CheckResult.SKIPPED)
    archive_note = models.CharField("档案情况", max_length=200, blank=True)
    talk = models.CharField("拉拉家常", max_length=8, choices=CheckResult.choices, default=CheckResult.SKIPPED)
    talk_note = models.CharField("家常情况", max_length=200, blank=True)
    education = models.TextField("学生教育", blank=True)
    disability = models.TextField("残疾人保障", blank=True)
    employment = models.TextField("务工就业", blank=True)
    health = models.TextField("健康医疗", blank=True)
    notes = models.TextField("走访内容", blank=True)

    start_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    start_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    end_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    end_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Sent by the phone with the form: a re-sent form finds its visit instead of making a second.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001  (NULLs may repeat in visit_sent_once; "" would not)
    source = models.CharField("来源", max_length=8, choices=Source.choices, default=Source.FORM)
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )  # found through the unit's index when a batch is undone

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["unit", "visit_date"]), models.Index(fields=["assisted", "visit_date"])]
        constraints = [models.UniqueConstraint(fields=["unit", "idempotency_key"], name="visit_sent_once")]
        verbose_name = "走访"

    # Everything the helper wrote, in this order, for the note signals.
    TEXT_FIELDS = ("notes", *(f"{key}_note" for key, _, _ in CHECKLIST), *(key for key, _ in FINDINGS))

    @property
    def text(self) -> str:
        return self.joined_text(getattr(self, name) for name in self.TEXT_FIELDS)

    @staticmethod
    def joined_text(parts) -> str:
        """The values of TEXT_FIELDS as one text (the signals read earlier months' notes with values_list)."""
        return "\n".join(p for p in parts if p)


class VisitPhoto(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField("照片", upload_to="assistance/visits/%Y/%m/")
    # 16 hex digits of imagehash.phash (assistance/photos.py); "" when the file could not be read.
    phash = models.CharField("感知指纹", max_length=16, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")
