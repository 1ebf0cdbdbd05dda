"""What a unit needs before its first use of the module: each area's default lists, idempotent."""

from taizhang.enterprise import fiscal


def on_enable(unit_id: int) -> None:
    fiscal.sources_ensure(unit_id)
