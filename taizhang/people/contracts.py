"""What the contracts of the module ask of the other areas: whether a contract may be renewed."""

from taizhang.people.models import Contract, Recommendation

R = Recommendation


def renewal_blocker(contract: Contract) -> str:
    """Why the contract may not be renewed ("" when it may): a 不续聘 or 解聘 decision of 刚性淘汰 that its appeal
    has not overturned."""
    rec = (
        R.objects.filter(
            unit_id=contract.unit_id,
            user_id=contract.user_id,
            status=R.Status.ACCEPTED,
            decision__in=[R.Decision.NO_RENEWAL, R.Decision.DISMISS],
        )
        .exclude(appeal=R.Appeal.OVERTURNED)
        .select_related("cycle")
        .order_by("-decided_at")
        .first()
    )
    if rec is None:
        return ""
    pending = "（申诉处理中）" if rec.appeal == R.Appeal.PENDING else ""
    return f"{rec.cycle.code} 刚性淘汰决定{rec.get_decision_display()}{pending}：{rec.rule_text}"
