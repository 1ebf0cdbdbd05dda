from datetime import timedelta

from django.conf import settings
from django.db import models

from taizhang.core import clock
from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet


# Indexes are few and composite, led by the unit every scoped query filters on: a 150,000-person
# import maintains each of them, and each search must find its own.
class Household(Voidable):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)
    community = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="households", verbose_name="村居", db_index=False
    )  # (unit, community, status) below serves it
    household_no = models.CharField("户编号", max_length=32)
    address = models.CharField("地址", max_length=200)
    head = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="户主",
        db_index=False,
    )
    phone = models.CharField("联系电话", max_length=32, blank=True)
    bank_name = models.CharField("开户银行", max_length=64, blank=True)
    bank_account = models.CharField("银行账号", max_length=32, blank=True)
    # ",tag1,tag2," so that one tag is a portable substring filter on SQLite and PostgreSQL.
    tags = models.CharField("标签", max_length=255, blank=True)
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )  # found through the unit's index when a batch is undone

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["household_no"]
        constraints = [models.UniqueConstraint(fields=["unit", "household_no"], name="household_no_unique_in_unit")]
        indexes = [models.Index(fields=["unit", "community", "status"])]
        verbose_name = "户"

    def __str__(self) -> str:
        return self.household_no

    @property
    def tag_list(self) -> list[str]:
        return [t for t in self.tags.split(",") if t]


class LifeStatus(models.TextChoices):
    ALIVE = "alive", "在世"
    DECEASED = "deceased", "死亡"
    CANCELLED = "cancelled", "注销"


class Employment(models.TextChoices):
    NONE = "", "—"
    MIGRANT = "务工", "务工"
    LOCAL = "本地就业", "本地就业"
    FLEXIBLE = "灵活就业", "灵活就业"
    FARMING = "务农", "务农"
    UNEMPLOYED = "无业", "无业"
    STUDENT = "在校", "在校"
    RETIRED = "退休", "退休"
    UNABLE = "无劳动能力", "无劳动能力"


class Person(Voidable):
    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)
    # One FK, so a person belongs to at most one household at a time.
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="户"
    )
    relation = models.CharField("与户主关系", max_length=16)
    name = models.CharField("姓名", max_length=64)
    name_initials = models.CharField(max_length=64, editable=False)
    id_number = models.CharField("身份证号", max_length=18)
    id_reversed = models.CharField(max_length=18, editable=False)
    gender = models.CharField("性别", max_length=2, editable=False)
    birth_date = models.DateField("出生日期", editable=False)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    is_student = models.BooleanField("在校生", default=False)
    disability_category = models.CharField("残疾类别", max_length=16, blank=True)
    disability_grade = models.CharField("残疾等级", max_length=8, blank=True)
    employment = models.CharField("就业状态", max_length=16, choices=Employment.choices, blank=True)
    is_ill = models.BooleanField("患病", default=False)
    life_status = models.CharField("人员状态", max_length=16, choices=LifeStatus.choices, default=LifeStatus.ALIVE)
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "household__community_id")

    class Meta:
        ordering = ["household_id", "id"]
        # id_number first: the same index finds a person across units (one person, one household).
        constraints = [models.UniqueConstraint(fields=["id_number", "unit"], name="person_id_number_unique_in_unit")]
        # Search within a unit by pinyin initials (names too: 张三 narrows to "zs…") and by the reversed
        # ID, so an ID tail becomes a prefix.
        indexes = [models.Index(fields=["unit", "name_initials"]), models.Index(fields=["unit", "id_reversed"])]
        verbose_name = "人员"

    def __str__(self) -> str:
        return self.name


HEAD_RELATION = "户主"
RELATIONS = [
    "户主",
    "配偶",
    "子",
    "女",
    "儿媳",
    "女婿",
    "孙子",
    "孙女",
    "外孙子",
    "外孙女",
    "父亲",
    "母亲",
    "岳父",
    "岳母",
    "公公",
    "婆婆",
    "兄弟",
    "姐妹",
    "祖父",
    "祖母",
    "其他",
]
DISABILITY_CATEGORIES = ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"]
DISABILITY_GRADES = ["一级", "二级", "三级", "四级"]


class PrintJob(models.Model):
    """Every household of a 村居 printed as one PDF in the background (registry/printing.py), for the user who asked."""

    class Status(models.TextChoices):
        RUNNING = "running", "正在生成"
        DONE = "done", "已完成"
        FAILED = "failed", "未完成"

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", db_index=False)
    community = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="村居")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField("户数", default=0)
    done = models.PositiveIntegerField("已生成", default=0)
    file = models.FileField(upload_to="registry/print-jobs/%Y/%m/", blank=True)
    error = models.CharField("原因", max_length=200, blank=True)
    created_at = models.DateTimeField("开始时间")
    # Written after every household: a job silent for longer than STALE died with its server process.
    heartbeat_at = models.DateTimeField()
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-id"]
        verbose_name = "批量打印"

    STALE = timedelta(minutes=3)  # one household takes well under a second: three minutes of silence is a dead thread
    INTERRUPTED = "生成中断（服务器重启），请重新生成"

    @property
    def state(self) -> str:
        """What the pages show: a running job that stopped writing its heartbeat has ended, unfinished."""
        if self.status == self.Status.RUNNING and self.heartbeat_at < clock.now() - self.STALE:
            return self.Status.FAILED
        return self.status

    @property
    def state_label(self) -> str:
        return self.Status(self.state).label

    @property
    def reason(self) -> str:
        return self.INTERRUPTED if self.state != self.status else self.error

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else (100 * self.done // self.total if self.total else 0)
