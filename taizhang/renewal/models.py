"""Old-town renewal (棚改旧改): a project and its red-line households, work groups, the freeze notice, measured
courtyards and factories, population determination with publicity and objections, the police cross-check, the
compensation policy, agreements and violations.

Every table carries its unit (and, where it has one, the 村居) so that scoping, and a later sharding by unit,
need no joins. Dates a progress figure is counted by (first measured, determined, signed, vacated) are kept on
the rows they describe, so the dashboard and the brief are single aggregate queries "as of" any day.
"""

from django.conf import settings
from django.db import models

from taizhang.core.models import Voidable
from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Household, Person
from taizhang.renewal import rules


def _unit():
    return models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="单位", db_index=False)


def _community(null: bool = False):
    return models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="村居", db_index=False, null=null, blank=null
    )


def _user(verbose_name: str = "", null: bool = True):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=null,
        blank=null,
        db_index=False,
        verbose_name=verbose_name,
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


def _area(verbose_name: str, null: bool = False):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, null=null, blank=null)


# --- the project, its groups and its households -----------------------------------------------------


class Project(models.Model):
    unit = _unit()
    name = models.CharField("项目名称", max_length=64)
    communities = models.ManyToManyField(OrgNode, related_name="+", verbose_name="涉及村居")
    start_date = models.DateField("启动日期")
    freeze_date = models.DateField("冻结日期")
    # The project's determination rules (rules.DeterminationRules).
    counted_special_cases = models.CharField(
        "认定的特殊情形", max_length=64, blank=True, default=",".join(rules.SPECIAL_CASES)
    )
    newborn_cutoff = models.DateField("冻结后出生子女认定截止日", null=True, blank=True)
    marriage_cutoff = models.DateField("婚入配偶认定截止日", null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField("公示期（天）", default=7)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="renewal_project_name_unique_in_unit")]
        ordering = ["-start_date", "id"]
        verbose_name = "征收项目"

    def __str__(self) -> str:
        return self.name

    def ordered_communities(self):
        """The project's communities in the order the street office lists them (the order they were set up)."""
        return self.communities.order_by("sort_order", "id")

    @property
    def special_case_keys(self) -> frozenset[str]:
        return frozenset(k for k in self.counted_special_cases.split(",") if k)

    def determination_rules(self) -> rules.DeterminationRules:
        return rules.DeterminationRules(
            self.freeze_date, self.special_case_keys, self.newborn_cutoff, self.marriage_cutoff
        )


class ProjectGroup(models.Model):
    """One of the project's five regional work groups (covering communities or blocks), or its population group."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", "区域工作组"
        POPULATION = "population", "人口界定工作组"

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField("组名", max_length=64)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.REGIONAL)
    # The org tree's work group whose staff this is, when there is one (their scope follows the tree).
    node = models.ForeignKey(
        OrgNode,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
        verbose_name="组织节点",
    )
    communities = models.ManyToManyField(OrgNode, related_name="+", blank=True, verbose_name="负责村居")
    blocks = models.CharField("负责片区（街巷）", max_length=200, blank=True)
    leader = _user("组长")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name="组员")
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="renewal_group_name_unique_in_project")]
        ordering = ["sort_order", "id"]
        verbose_name = "工作组"

    def __str__(self) -> str:
        return self.name


class ProjectHousehold(models.Model):
    """A registry household inside the project's red line (征收范围)."""

    class Source(models.TextChoices):
        MANUAL = "manual", "逐户添加"
        LIST = "list", "名单导入"
        MEASUREMENT = "measurement", "测量导入"
        DETERMINATION = "determination", "界定导入"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="households", db_index=False)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="renewal_entries", verbose_name="户"
    )
    group = _group()
    source = models.CharField("加入方式", max_length=16, choices=Source.choices, default=Source.MANUAL)
    # Kept by the services for the progress figures: the first day one of its courtyards was measured, and the
    # day it became 已界定 (none of its persons 待定); empty while it is not.
    measured_on = models.DateField("首次测量日期", null=True, blank=True)
    determined_on = models.DateField("界定完成日期", null=True, blank=True)
    added_by = _user()
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "household"], name="renewal_household_once_per_project")
        ]
        indexes = [models.Index(fields=["unit", "project", "community"])]
        verbose_name = "征收户"

    def __str__(self) -> str:
        return self.household.household_no


class FreezeNotice(models.Model):
    """冻结公告: posted in each community; after the project's freeze date, changes do not count."""

    unit = _unit()
    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="freeze_notice")
    issued_on = models.DateField("发布日期")
    scope = models.CharField("冻结范围", max_length=500)
    text = models.TextField("公告正文")
    updated_by = _user()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        verbose_name = "冻结公告"


# --- measurement (测量) -------------------------------------------------------------------------------

STRUCTURES = ["钢混", "砖混", "砖木", "简易"]
USES = ["住宅", "经营", "厂房"]
CERTIFICATES = ["有证", "无证", "违建"]
LAND_TYPES = ["国有", "集体"]


def _choices(values: list[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


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


# --- population determination (人口界定), publicity (公示) and objections ----------------------------------


class Verdict(models.TextChoices):
    COUNTED = rules.COUNTED, rules.COUNTED
    NOT_COUNTED = rules.NOT_COUNTED, rules.NOT_COUNTED
    PENDING = rules.PENDING, rules.PENDING


class Determination(models.Model):
    """One person's 认定/不认定/待定 with the facts it was judged on; a new decision supersedes, never deletes."""

    class Source(models.TextChoices):
        RULES = "rules", "按规则界定"
        IMPORT = "import", "导入"
        OVERRIDE = "override", "管理员人工界定"  # a unit admin's verdict against the rules, reason mandatory

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    entry = models.ForeignKey(ProjectHousehold, on_delete=models.PROTECT, related_name="determinations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    group = _group()
    name = models.CharField("姓名", max_length=64)
    id_number = models.CharField("身份证号", max_length=18)
    verdict = models.CharField("界定结果", max_length=8, choices=Verdict.choices)
    reason = models.CharField("理由", max_length=200)
    # The facts (rules.PersonFacts) the verdict was reached on.
    registered_on = models.DateField("迁入日期", null=True, blank=True)
    left_on = models.DateField("迁出/注销日期", null=True, blank=True)
    left_for = models.CharField(
        "迁出原因", max_length=16, blank=True, choices=[("", "—"), *rules.SPECIAL_CASES.items()]
    )
    resident = models.BooleanField("实际居住", default=True)
    married_in_on = models.DateField("婚入日期", null=True, blank=True)
    decided_on = models.DateField("界定日期")
    decided_by = _user("界定人")
    source = models.CharField("来源", max_length=8, choices=Source.choices, default=Source.RULES)
    is_current = models.BooleanField("当前有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "is_current"])]
        ordering = ["entry_id", "person_id", "-id"]
        verbose_name = "人口界定"


class Publicity(models.Model):
    """公示: a community's measurement and determination results posted for an objection window."""

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="publicities", db_index=False)
    starts_on = models.DateField("公示开始日期")
    ends_on = models.DateField("公示截止日期")
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "community"])]
        ordering = ["-starts_on", "-id"]
        verbose_name = "公示"


class PublicityLine(models.Model):
    """What was posted for one household (a snapshot: objections answer what the residents saw)."""

    unit = _unit()
    community = _community()
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="lines")
    entry = models.ForeignKey(
        ProjectHousehold, on_delete=models.PROTECT, related_name="publicity_lines", db_index=False
    )
    head_name = models.CharField("户主", max_length=64)
    sites = models.CharField("院落", max_length=200, blank=True)
    floor_area = _area("建筑面积（m²）")
    site_area = _area("占地面积（m²）")
    counted_persons = models.PositiveSmallIntegerField("认定人数")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["id"]


class Objection(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "待答复"
        ANSWERED = "answered", "已答复"

    class Outcome(models.TextChoices):
        UPHELD = "维持原结果", "维持原结果"
        CORRECTED = "已更正", "已更正"

    unit = _unit()
    community = _community()
    publicity = models.ForeignKey(Publicity, on_delete=models.PROTECT, related_name="objections")
    entry = models.ForeignKey(ProjectHousehold, on_delete=models.PROTECT, related_name="objections", db_index=False)
    submitted_by = models.CharField("异议人", max_length=64)
    received_on = models.DateField("收到日期")
    content = models.TextField("异议内容")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField("答复", blank=True)
    outcome = models.CharField("处理结果", max_length=8, choices=Outcome.choices, blank=True)
    answered_by = _user("答复人")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    recorded_by = _user("登记人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "异议"


# --- the cross-check with the police station's data (数据比对) -----------------------------------------


class CrosscheckRun(models.Model):
    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="crosschecks", db_index=False)
    filename = models.CharField("公安数据文件", max_length=200)
    rows = models.PositiveIntegerField("公安数据行数", default=0)
    counts = models.JSONField("各类人数", default=dict)
    details = models.FileField("比对明细", upload_to="renewal/crosschecks/%Y/%m/", blank=True)
    run_by = _user("比对人")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "数据比对"


class CrosscheckTask(models.Model):
    """A discrepancy for the population group to look into, resolved with a note."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        RESOLVED = "resolved", "已处理"

    unit = _unit()
    community = _community(null=True)  # a person only the police know of has no 村居 in the ledger
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    run = models.ForeignKey(CrosscheckRun, on_delete=models.PROTECT, related_name="tasks")
    entry = models.ForeignKey(
        ProjectHousehold, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    group = _group()
    category = models.CharField("类别", max_length=16, choices=_choices(rules.CATEGORIES))
    id_number = models.CharField("身份证号", max_length=18)
    ledger_name = models.CharField("台账姓名", max_length=64, blank=True)
    police_name = models.CharField("公安姓名", max_length=64, blank=True)
    police_hukou_no = models.CharField("公安户号", max_length=32, blank=True)
    police_address = models.CharField("公安住址", max_length=200, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    resolution = models.CharField("处理说明", max_length=500, blank=True)
    resolved_by = _user("处理人")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "run", "status"])]
        ordering = ["status", "category", "id"]
        verbose_name = "比对任务"


# --- compensation and resettlement --------------------------------------------------------------------


class CompensationPolicy(models.Model):
    """One published version of the compensation policy (rules.Policy as data), from its effective date."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已公布"

    unit = _unit()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="policies", db_index=False)
    name = models.CharField("政策名称", max_length=100)
    effective_from = models.DateField("生效日期")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    data = models.JSONField("补偿标准", default=dict)
    note = models.TextField("说明", blank=True)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = _user()
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = "补偿政策"


class Agreement(models.Model):
    class Option(models.TextChoices):
        MONETARY = "货币补偿", "货币补偿"
        EXCHANGE = "产权调换", "产权调换"

    class Status(models.TextChoices):
        UNSIGNED = "unsigned", "未签约"
        SIGNED = "signed", "已签约"
        VACATED = "vacated", "已腾空"
        DEMOLISHED = "demolished", "已拆除"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)
    entry = models.OneToOneField(ProjectHousehold, on_delete=models.PROTECT, related_name="agreement")
    group = _group()
    number = models.CharField("协议编号", max_length=32, blank=True)
    option = models.CharField("补偿方式", max_length=8, choices=Option.choices)
    chosen_area = _area("选房面积（m²）", null=True)
    months_until_handover = models.PositiveSmallIntegerField("过渡期（月）", default=0)
    policy = models.ForeignKey(
        CompensationPolicy, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    amount = models.DecimalField("补偿金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    breakdown = models.JSONField("计算明细", default=list, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.UNSIGNED)
    signed_on = models.DateField("签约日期", null=True, blank=True)
    vacated_on = models.DateField("腾空日期", null=True, blank=True)
    demolished_on = models.DateField("拆除日期", null=True, blank=True)
    updated_by = _user()
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "status"])]
        verbose_name = "协议"


# --- 控违拆违 ---------------------------------------------------------------------------------------------


class Violation(Voidable):
    """Illegal construction after the freeze, from the report to its demolition."""

    class Kind(models.TextChoices):
        NEW = "新建", "新建"
        EXTENSION = "扩建", "扩建"
        RENOVATION = "改建装修", "改建装修"

    class Progress(models.TextChoices):
        REPORTED = "reported", "已发现"
        STOPPED = "stopped", "已制止"
        DEMOLISHED = "demolished", "已拆除"

    unit = _unit()
    community = _community()
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="violations", db_index=False)
    entry = models.ForeignKey(
        ProjectHousehold, on_delete=models.PROTECT, related_name="violations", null=True, blank=True, db_index=False
    )
    group = _group()
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.NEW)
    location = models.CharField("位置", max_length=200)
    description = models.TextField("情况")
    area = _area("面积（m²）", null=True)
    found_on = models.DateField("发现日期")
    progress = models.CharField("进展", max_length=16, choices=Progress.choices, default=Progress.REPORTED)
    demolished_on = models.DateField("拆除日期", null=True, blank=True)
    reported_by = _user("报告人")

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        indexes = [models.Index(fields=["unit", "project", "progress"])]
        ordering = ["-found_on", "-id"]
        verbose_name = "违法建设"


class ViolationPhoto(models.Model):
    class Stage(models.TextChoices):
        FOUND = "found", "发现时"
        DEMOLISHED = "demolished", "拆除后"

    unit = _unit()
    community = _community()
    violation = models.ForeignKey(Violation, on_delete=models.PROTECT, related_name="photos")
    stage = models.CharField("阶段", max_length=16, choices=Stage.choices, default=Stage.FOUND)
    image = models.ImageField("照片", upload_to="renewal/violations/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")
