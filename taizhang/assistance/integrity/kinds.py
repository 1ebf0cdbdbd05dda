"""The visit signal kinds and their parameters, as the manifest declares them (no Django here: the AppConfig
imports this before the apps are ready). Each family's kinds are found by its module of the same name."""

from taizhang.core.manifest import SignalKind

TEXT: tuple[SignalKind, ...] = ()
TIMING: tuple[SignalKind, ...] = ()
ENTRY: tuple[SignalKind, ...] = ()
PLACE: tuple[SignalKind, ...] = ()

KINDS = TEXT + TIMING + ENTRY + PLACE
COLUMNS = ("户编号", "走访日期", "开始时间", "帮扶责任人")
