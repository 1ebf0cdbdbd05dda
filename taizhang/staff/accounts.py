"""What every write to an account shares: who may make it, and how it is written to the audit trail."""

from django.core.exceptions import PermissionDenied

from taizhang.audit.services import Draft
from taizhang.org.models import OrgNode, User
from taizhang.org.policies import can_manage_staff


def staff_draft(user: User, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="org.user",
        object_id=str(user.pk),
        object_repr=f"{user.full_name}（{user.username}）",
        unit_id=user.unit_id,
        changes=changes,
        reason=reason,
    )


def check_admin_over(actor, node: OrgNode | None) -> None:
    """`actor` (None: the system, a command) may manage the accounts on `node`."""
    if actor is None:
        return
    if not can_manage_staff(actor):
        raise PermissionDenied("只有单位管理员可以管理工作人员")
    if not actor.is_superuser and (node is None or node.unit_id != actor.unit_id):
        raise PermissionDenied("只能管理本单位的工作人员")
