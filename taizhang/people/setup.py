"""What a unit needs before its first use of the module, run when it enables it (the manifest's `on_enable`)."""

from taizhang.people.methods import methods_ensure


def on_enable(unit_id: int) -> None:
    methods_ensure(unit_id)
