"""Who acts on a handed function: the handing zone's staff hand it over, write and close supervision notes; the
receiving street's staff take it on, run it and answer the notes. District roles read both sides and act on none."""

from taizhang.enterprise.policies import can_work
from taizhang.enterprise.rules.functions import STREET, ZONE


def works_for_zone(user, record) -> bool:
    """`record` is a HandedFunction or a FunctionNote; superusers act on neither side (no mix-ups on a shared desk)."""
    return not user.is_superuser and can_work(user, record.handed_by_id)


def works_for_street(user, record) -> bool:
    return not user.is_superuser and can_work(user, record.unit_id)


def side_of(user, record) -> str:
    """ZONE, STREET or "" for a reader."""
    if works_for_zone(user, record):
        return ZONE
    if works_for_street(user, record):
        return STREET
    return ""


def hands_over(user) -> bool:
    """May hand functions of the user's own unit over to streets (and import the handover ledger)."""
    return not user.is_superuser and user.unit_id is not None and can_work(user, user.unit_id)
