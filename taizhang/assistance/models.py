"""Household assistance (帮扶): assisted households, their helpers, visits and the unit's visit rules.

Every table carries its unit (and the 村居 of its household) so that scoping, and a later sharding
by unit, need no joins.
"""

from django.conf import settings
from django.db import models

from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Household


class Category(models.TextChoices):
    REGISTERED = "registered", "建档立卡户"
    MONITORED = "monitored", "监测户"


class AssistedHousehold(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)
    community = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="村居", db_index=False
    )
    household = models.OneToOneField(Household, on_delete=models.PROTECT, related_name="assistance", verbose_name="户")
    category = models.CharField("帮扶类别", max_length=16, choices=Category.choices)
    start_date = models.DateField("帮扶开始日期")
    end_date = models.DateField("帮扶结束日期", null=True, blank=True)
    # Where the household is, as recorded by the town (for the distance signal); optional.
    measures = models.TextField("帮扶措施", blank=True)
    benefits = models.TextField(
        "享受政策", blank=True, help_text="由台账推算的（教育资助、残疾人补贴、低保等）之外的政策"
    )
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "community"])]
        verbose_name = "帮扶户"

    def __str__(self) -> str:
        return self.household.household_no

    @property
    def location(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)


class HelperAssignment(models.Model):
    """A helper (帮扶责任人) assigned to a household for a period; reassignment ends it, never deletes it."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="assignments")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="帮扶责任人"
    )
    start_date = models.DateField("起")
    end_date = models.DateField("止", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "helper"])]
        verbose_name = "帮扶责任人分配"

    def active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


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

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["unit", "visit_date"]), models.Index(fields=["assisted", "visit_date"])]
        constraints = [models.UniqueConstraint(fields=["unit", "idempotency_key"], name="visit_sent_once")]
        verbose_name = "走访"

    @property
    def text(self) -> str:
        """Everything the helper wrote, for the copied-note signal."""
        parts = [
            self.notes,
            *(getattr(self, f"{key}_note") for key, _, _ in CHECKLIST),
            *(getattr(self, key) for key, _ in FINDINGS),
        ]
        return "\n".join(p for p in parts if p)


class VisitPhoto(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField("照片", upload_to="assistance/visits/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")


# --- problems (问题): found on a visit or entered directly → 上报 → 交办 → 解决 → 核实 ----------------

DEFAULT_DEPARTMENTS = ["镇扶贫办", "镇建委", "卫生院", "教育党总支"]


class Department(models.Model):
    """A department problems are handed to; the seed's four by default, the unit admin adds more."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    name = models.CharField("部门", max_length=64)
    is_active = models.BooleanField(default=True)
    # The work group whose staff are the department's people: they see its problems in their inbox and record the fix.
    node = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name="工作组",
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="department_name_unique_in_unit")]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ProblemDeadline(models.Model):
    """The unit's own deadline for a category (days from the handover), instead of rules.DEFAULT_DEADLINE_DAYS."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    category = models.CharField(max_length=16)
    days = models.PositiveSmallIntegerField()

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "category"], name="one_deadline_per_category")]


class Problem(Voidable):
    class Stage(models.TextChoices):
        FOUND = "found", "已发现"
        REPORTED = "reported", "已上报"
        ASSIGNED = "assigned", "已交办"
        RESOLVED = "resolved", "已解决"
        VERIFIED = "verified", "已核实"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    assisted = models.ForeignKey(AssistedHousehold, on_delete=models.PROTECT, related_name="problems", db_index=False)
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="problems", verbose_name="发现于走访"
    )
    category = models.CharField("类别", max_length=16)
    description = models.TextField("问题描述")
    stage = models.CharField("进度", max_length=12, choices=Stage.choices, default=Stage.FOUND)
    found_on = models.DateField("发现日期")
    found_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False)
    reported_at = models.DateTimeField("上报时间", null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="problems", verbose_name="责任部门"
    )
    assigned_at = models.DateTimeField("交办时间", null=True, blank=True)
    due_date = models.DateField("办结期限", null=True, blank=True)
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    resolution = models.TextField("解决情况", blank=True)
    verified_at = models.DateTimeField("核实时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    verify_visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="核实走访"
    )
    verify_note = models.CharField("核实情况", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["unit", "stage"]), models.Index(fields=["assisted", "found_on"])]
        verbose_name = "问题"

    def __str__(self) -> str:
        return f"{self.category}：{self.description[:20]}"


class ProblemPhoto(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField("照片", upload_to="assistance/problems/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")


# --- trainings (调度培训) ------------------------------------------------------------------------------


class TrainingSession(Voidable):
    """One biweekly dispatch meeting and training; attendance is recorded for every helper of the day."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    date = models.DateField("日期")
    topics = models.CharField("培训内容", max_length=200, blank=True)
    materials = models.TextField("材料与要求", blank=True)
    material_file = models.FileField("材料文件", upload_to="assistance/trainings/%Y/", blank=True)
    held = models.BooleanField("已召开", default=False)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["unit", "date"], name="one_training_a_day")]
        verbose_name = "调度培训"


class TrainingAttendance(models.Model):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="attendance")
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("出席")
    note = models.CharField("说明", max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "helper"], name="one_attendance_per_helper")]


# --- the archive (一户一档) audit ------------------------------------------------------------------------


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


# --- living environment (人居环境) ---------------------------------------------------------------------


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
