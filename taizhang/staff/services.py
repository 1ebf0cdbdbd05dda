"""Writes to the org tree and staff accounts; each atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.org.models import DISTRICT_ROLES, OrgNode, Role, User
from taizhang.staff import lockout, sessions
from taizhang.staff.accounts import check_admin_over as _check_admin_over
from taizhang.staff.accounts import staff_draft as _staff_draft
from taizhang.staff.passwords import generate_password

CHILD_KINDS = {
    OrgNode.Kind.DISTRICT: {OrgNode.Kind.UNIT},
    OrgNode.Kind.UNIT: {OrgNode.Kind.COMMUNITY, OrgNode.Kind.WORKGROUP},
    OrgNode.Kind.COMMUNITY: {OrgNode.Kind.WORKGROUP},
    OrgNode.Kind.WORKGROUP: set(),
}


@transaction.atomic
def node_create(
    *, actor, parent: OrgNode | None, kind: str, name: str, subtype: str = "", sort_order: int = 0
) -> OrgNode:
    if parent is None and kind != OrgNode.Kind.DISTRICT:
        raise ValidationError("只有“区”可以作为根节点")
    if parent is not None and kind not in CHILD_KINDS[parent.kind]:
        raise ValidationError(f"{parent.get_kind_display()}下不能直接建立{OrgNode.Kind(kind).label}")
    node = OrgNode(parent=parent, kind=kind, name=name.strip(), subtype=subtype, sort_order=sort_order, path="/")
    node.full_clean(exclude=["path"])
    node.save()
    node.unit_id = node.id if kind == OrgNode.Kind.UNIT else (parent.unit_id if parent else None)
    node.path = f"{parent.path if parent else '/'}{node.id}/"
    node.save(update_fields=["unit", "path"])
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="org.node",
                object_id=str(node.id),
                object_repr=f"{node.kind_label} {node.name}",
                unit_id=node.unit_id,
                changes={"名称": [None, node.name], "上级": [None, str(parent) if parent else None]},
            )
        ],
        actor=actor,
    )
    return node


def _staff_snapshot(user: User) -> dict:
    return {
        "姓名": user.full_name,
        "用户名": user.username,
        "角色": user.get_role_display(),
        "所属节点": user.node.label_path() if user.node else None,
        "手机号": user.phone,
        "状态": "启用" if user.is_active else "停用",
    }


def _check_role_for_node(role: str, node: OrgNode) -> None:
    if role in (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN) and node.kind != OrgNode.Kind.DISTRICT:
        raise ValidationError({"role": "区级领导和区级管理员只能挂在“区”节点"})
    if node.kind == OrgNode.Kind.DISTRICT and role not in DISTRICT_ROLES:
        raise ValidationError({"role": "区节点只能设区级领导、区级管理员或审计"})


@transaction.atomic
def staff_create(
    *,
    actor,
    node: OrgNode,
    username: str,
    full_name: str,
    role: str,
    phone: str = "",
    password: str | None = None,
    must_change_password: bool | None = None,
) -> User:
    """A new account. Its password must be changed at first login when an admin chose it (`actor` given) or when
    `must_change_password` says so (the staff import, also from the command)."""
    _check_admin_over(actor, node)
    _check_role_for_node(role, node)
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        role=role,
        phone=phone,
        node=node,
        unit_id=node.unit_id,
        must_change_password=actor is not None if must_change_password is None else must_change_password,
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_append([_staff_draft(user, AuditEntry.Action.CREATE, field_changes({}, _staff_snapshot(user)))], actor=actor)
    return user


@transaction.atomic
def staff_update(*, actor, user: User, node: OrgNode | None = None, **values) -> User:
    _check_admin_over(actor, user.node)
    before = _staff_snapshot(user)
    if node is not None:
        _check_admin_over(actor, node)
        if node.unit_id != user.unit_id and not (actor is None or actor.is_superuser):
            raise ValidationError({"node": "只能在本单位内调动"})
        user.node, user.unit_id = node, node.unit_id
    for attr, value in values.items():
        setattr(user, attr, value)
    _check_role_for_node(user.role, user.node)
    user.full_clean(exclude=["password"])
    changes = field_changes(before, _staff_snapshot(user))
    if changes:
        user.save()
        action = AuditEntry.Action.MOVE if "所属节点" in changes else AuditEntry.Action.UPDATE
        audit_append([_staff_draft(user, action, changes)], actor=actor)
    return user


@transaction.atomic
def staff_set_active(*, actor, user: User, active: bool, reason: str = "") -> User:
    _check_admin_over(actor, user.node)
    if actor is not None and actor.pk == user.pk and not active:
        raise ValidationError("不能停用自己的账号")
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        action = AuditEntry.Action.ACTIVATE if active else AuditEntry.Action.DEACTIVATE
        audit_append(
            [
                _staff_draft(
                    user, action, {"状态": ["停用" if active else "启用", "启用" if active else "停用"]}, reason
                )
            ],
            actor=actor,
        )
    return user


@transaction.atomic
def staff_reset_password(*, actor, user: User, password: str) -> User:
    _check_admin_over(actor, user.node)
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True  # the admin knows it now
    user.save(update_fields=["password", "must_change_password"])
    lockout.reset(user.username)
    sessions.sign_out_others(user=user, keep_key=None, reason="管理员重置密码后退出全部设备", actor=actor)
    audit_append([_staff_draft(user, AuditEntry.Action.PASSWORD_RESET, {})], actor=actor)
    return user


# --- staff import ---------------------------------------------------------------------------

STAFF_COLUMNS = ["姓名", "用户名", "角色", "村居或工作组", "手机号"]
NAME_MAX = User._meta.get_field("full_name").max_length
USERNAME_MAX = User._meta.get_field("username").max_length
ROLE_BY_LABEL = {label: value for value, label in Role.choices} | {
    "帮扶责任人": Role.FIELD_WORKER,
    "管理员": Role.UNIT_ADMIN,
}


@dataclass
class StaffImportReport(LedgerImportReport):
    noun: str = "个账号"
    initial_passwords: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        if self.applied:
            return f"共 {self.rows} 行：已新建 {self.created} 个账号"
        return f"共 {self.rows} 行：可新建 {self.created} 个账号"

    def counts(self) -> list[tuple[str, int]]:
        return [("新建账号", self.created)]


def staff_import(
    *,
    actor,
    unit: OrgNode,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> StaffImportReport:
    """Create many staff accounts at once; whole or nothing. Each gets a random initial password; a batch keeps the
    accounts' ids (accounts carry no batch column: the account table is the org layer's, below the imports)."""
    from taizhang.core.rules import InvalidValue, normalize_phone

    report = StaffImportReport(filename=filename)
    opened = open_for_import(report, data, filename, STAFF_COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    nodes = {
        n.name: n for n in OrgNode.objects.filter(unit=unit, kind__in=[OrgNode.Kind.COMMUNITY, OrgNode.Kind.WORKGROUP])
    }
    nodes.setdefault(unit.name, unit)
    taken = set(User.objects.values_list("username", flat=True))
    seen: dict[str, int] = {}
    pending = []
    for row_no, cells in table.rows:
        report.rows += 1
        value = {c: cells[i] if i < len(cells) else None for c, i in index.items()}
        text = {
            c: ("" if v is None else str(int(v) if isinstance(v, float) and v.is_integer() else v).strip())
            for c, v in value.items()
        }
        errors = []
        if not text["姓名"]:
            errors.append(RowError(row_no, "姓名", None, "姓名不能为空"))
        elif len(text["姓名"]) > NAME_MAX:
            errors.append(RowError(row_no, "姓名", text["姓名"], f"姓名过长（最多{NAME_MAX}个字）"))
        username = text["用户名"]
        if not username:
            errors.append(RowError(row_no, "用户名", None, "用户名不能为空"))
        elif len(username) > USERNAME_MAX:
            errors.append(RowError(row_no, "用户名", username, f"用户名过长（最多{USERNAME_MAX}个字符）"))
        elif not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in username):
            errors.append(RowError(row_no, "用户名", username, "用户名只能用英文字母、数字和 . _ -"))
        elif username in taken:
            errors.append(RowError(row_no, "用户名", username, "用户名已被占用"))
        elif username in seen:
            errors.append(RowError(row_no, "用户名", username, f"与第{seen[username]}行的用户名重复"))
        else:
            seen[username] = row_no
        role = ROLE_BY_LABEL.get(text["角色"])
        if role is None or role in (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN):
            allowed = "、".join(
                label for value_, label in Role.choices if value_ not in (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN)
            )
            errors.append(RowError(row_no, "角色", text["角色"], f"角色应为：{allowed}"))
        node = nodes.get(text["村居或工作组"]) if text["村居或工作组"] else unit
        if node is None:
            errors.append(
                RowError(row_no, "村居或工作组", text["村居或工作组"], f"在{unit.name}中没有这个村居或工作组")
            )
        phone = ""
        if text["手机号"]:
            try:
                phone = normalize_phone(value["手机号"])
            except InvalidValue as exc:
                errors.append(RowError(row_no, "手机号", text["手机号"], exc.message))
        for error in errors:
            report.add(error)
        if not errors:
            pending.append((text["姓名"], username, role, node, phone))
            report.keep(
                row_no,
                {
                    "姓名": text["姓名"],
                    "用户名": username,
                    "角色": Role(role).label,
                    "村居或工作组": node,
                    "手机号": phone,
                },
            )
    report.no_rows()
    report.created = len(pending)
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        for full_name, username, role, node, phone in pending:
            password = generate_password(User(username=username, full_name=full_name, phone=phone))
            staff_create(
                actor=actor,
                node=node,
                username=username,
                full_name=full_name,
                role=role,
                phone=phone,
                password=password,
                must_change_password=True,
            )
            report.initial_passwords[username] = password
        if batch is not None:
            batch.records = list(
                User.objects.filter(username__in=report.initial_passwords).values_list("pk", flat=True)
            )
            batch.save(update_fields=["records"])
    report.applied = True
    return report
