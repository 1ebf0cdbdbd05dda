from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from taizhang.org.scoping import ScopedQuerySet


class OrgNode(models.Model):
    """A node of the district's tree: 区 → 单位 → 村居 → 工作组."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "区"
        UNIT = "unit", "单位"
        COMMUNITY = "community", "村居"
        WORKGROUP = "workgroup", "工作组"

    class Subtype(models.TextChoices):
        ZONE = "zone", "开发区"
        STREET = "street", "街道"
        TOWN = "town", "镇"
        URBAN = "urban", "居"
        VILLAGE = "village", "村"
        GROUP = "group", "工作组"
        DEPARTMENT = "department", "部门"
        NONE = "", "—"

    kind = models.CharField("层级", max_length=16, choices=Kind.choices)
    subtype = models.CharField("类型", max_length=16, choices=Subtype.choices, blank=True)
    name = models.CharField("名称", max_length=64)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    # The 单位 this node belongs to (itself for a unit; empty for the district): the distribution key.
    unit = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Materialised path of ids ("/1/4/17/") so a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="org_node_unique_name_per_parent")]
        verbose_name = "组织节点"

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        if self.subtype:
            return self.get_subtype_display()
        return self.get_kind_display()

    def ancestors(self) -> list["OrgNode"]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        nodes = {node.id: node for node in OrgNode.objects.filter(id__in=ids)}
        return [nodes[i] for i in ids if i in nodes]

    def label_path(self) -> str:
        return " / ".join(node.name for node in self.ancestors() if node.kind != self.Kind.DISTRICT)


class Role(models.TextChoices):
    DISTRICT_LEADER = "district_leader", "区级领导"
    DISTRICT_ADMIN = "district_admin", "区级管理员"
    UNIT_ADMIN = "unit_admin", "单位管理员"
    GROUP_LEADER = "group_leader", "工作组长"
    FIELD_WORKER = "field_worker", "工作人员"
    AUDITOR = "auditor", "审计"


# The roles an account on the district node may have.
DISTRICT_ROLES = (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN, Role.AUDITOR)


class StaffQuerySet(ScopedQuerySet):
    pass


class StaffManager(UserManager.from_queryset(StaffQuerySet)):
    pass


class User(AbstractUser):
    """A staff account attached to one node of the tree with one role."""

    full_name = models.CharField("姓名", max_length=64, blank=True)
    node = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name="所属节点"
    )
    unit = models.ForeignKey(
        OrgNode, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="单位"
    )
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.FIELD_WORKER)
    phone = models.CharField("手机号", max_length=32, blank=True)
    # Set when someone else chose the password (an admin's form or reset, the staff import): the account may do
    # nothing but choose its own until it has.
    must_change_password = models.BooleanField("须修改初始密码", default=False)

    objects = StaffManager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        verbose_name = "工作人员"

    def __str__(self) -> str:
        return self.full_name or self.username


class LoginAttempt(models.Model):
    """Failed and successful logins, for lock-out after repeated failures."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.CharField(max_length=64, blank=True)
    succeeded = models.BooleanField(default=False)


class LoginThrottle(models.Model):
    """Login attempts counted per account and per client address. A slot is claimed (row locked, counted) before a
    password is evaluated, so parallel attempts can never evaluate more passwords than the limit allows."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", "账号"
        ADDRESS = "address", "网络地址"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=150)
    attempts = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(null=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="org_login_throttle_unique")]


class UserSession(models.Model):
    """A signed-in session: where and on what it was opened and when it was last used, so that its owner can see
    their sessions and sign the others out."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    ip = models.CharField("网络地址", max_length=64, blank=True)
    created_at = models.DateTimeField("登录时间")
    last_seen = models.DateTimeField("最近活动", db_index=True)


class UnitModule(models.Model):
    """A module a unit works with. Units see only their enabled modules; district roles see every module."""

    unit = models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="modules", verbose_name="单位")
    module = models.CharField("模块", max_length=32)
    enabled_at = models.DateTimeField("启用时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "module"], name="org_unit_module_unique")]
        verbose_name = "单位启用的模块"
