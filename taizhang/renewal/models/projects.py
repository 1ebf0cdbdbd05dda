"""A renewal project, its work groups, its red-line households and its freeze notice."""

from django.conf import settings
from django.db import models

from taizhang.org.models import OrgNode
from taizhang.org.scoping import ScopedQuerySet
from taizhang.registry.models import Household
from taizhang.renewal import rules
from taizhang.renewal.models.fields import _community, _group, _import_batch, _unit, _user


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
    import_batch = _import_batch()

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
