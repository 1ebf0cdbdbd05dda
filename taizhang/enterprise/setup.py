"""What a unit needs before its first use of the module: each area's default lists, idempotent."""

from taizhang.enterprise import approvals, fiscal


def on_enable(unit_id: int) -> None:
    fiscal.sources_ensure(unit_id)
    approvals.kinds_load_defaults(actor=None, unit_id=unit_id)
