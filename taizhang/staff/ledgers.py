"""Staff accounts as a unit keeps them in Excel, imported through the kernel's import pages; the initial passwords
are shown once, on the page that confirms the import."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from taizhang.documents.importing import Ledger
from taizhang.imports.ledgers import runner, unit_targets
from taizhang.org.models import User
from taizhang.org.policies import can_manage_staff
from taizhang.staff.services import STAFF_COLUMNS, staff_import, staff_set_active


def _undo(*, batch, actor, reason: str) -> int:
    """Accounts are never deleted: undoing the batch disables the accounts it made, as long as none was used."""
    accounts = list(User.objects.filter(pk__in=batch.records, is_active=True).order_by("username"))
    used = [f"{u.full_name}（{u.username}）" for u in accounts if u.last_login is not None]
    if used:
        raise ValidationError(f"账号 {'、'.join(used)} 已登录使用过，不能整批撤销；请在人员账号页面逐个停用。")
    for account in accounts:
        staff_set_active(actor=actor, user=account, active=False, reason=f"撤销导入批次 {batch.pk}：{reason}")
    return len(accounts)


STAFF = Ledger(
    key="staff.accounts",
    title="工作人员账号",
    required=STAFF_COLUMNS,
    run=runner(staff_import),
    targets=lambda user: unit_targets(user, can_manage_staff(user) and bool(user.unit_id)),
    undo=_undo,
    result_template="staff/staff_import_result.html",
    examples={
        "姓名": "张帮扶",
        "用户名": "zhangbf",
        "角色": "工作人员",
        "村居或工作组": "新市村",
        "手机号": "13900000000",
    },
    help="角色填 单位管理员、工作组长、工作人员 或 审计；村居或工作组留空为本单位。每个账号生成随机初始密码，"
    "只在导入完成的页面上显示一次。撤销批次会停用这一批新建、尚未登录过的账号。",
    order=20,
)
