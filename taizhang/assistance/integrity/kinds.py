"""The visit signal kinds and their parameters, as the manifest declares them (no Django here: the AppConfig
imports this before the apps are ready). Each family's kinds are found by its module of the same name."""

from taizhang.core.manifest import SignalKind, SignalParam

SIMILAR_NOTES = "assistance.similar_notes"
UNIFORM_NOTES = "assistance.uniform_notes"
IMPOSSIBLE_TRAVEL = "assistance.impossible_travel"
OVERFULL_DAY = "assistance.overfull_day"
MINIMUM_CLUSTER = "assistance.minimum_cluster"
ODD_HOURS = "assistance.odd_hours"

TEXT: tuple[SignalKind, ...] = (
    SignalKind(
        SIMILAR_NOTES,
        "走访记录近似雷同",
        "不同户的走访记录几乎一字不差，或只改了几个字，可能是复制粘贴而没有真正入户。",
        severity="high",
        params=(
            SignalParam(
                "similarity",
                "相似度达到",
                "70",
                "%",
                help="两条记录按每连续三个字比对，相同部分占全部的比例；改动一个词的 30 字记录约为 75%",
            ),
            SignalParam("min_length", "记录至少", "15", "字", help="更短的记录（如“一切正常”）不比对"),
        ),
        order=10,
    ),
    SignalKind(
        UNIFORM_NOTES,
        "记录长期千篇一律",
        "同一帮扶责任人几个月来的走访记录彼此差不多，看不出各户、各次的实际情况。",
        params=(
            SignalParam("months", "看最近几个月", "3", "个月", help="含本月"),
            SignalParam("similarity", "平均相似度达到", "60", "%", help="这段时间的记录两两比对的平均相似度"),
            SignalParam("min_visits", "至少有记录的走访", "6", "次"),
        ),
        order=11,
    ),
)
TIMING: tuple[SignalKind, ...] = (
    SignalKind(
        IMPOSSIBLE_TRAVEL,
        "行程时间不够",
        "同一人先后走访两户，两次之间隔的时间比从一户赶到另一户最少需要的路上时间还短，这样的行程难以做到。",
        severity="high",
        params=(
            SignalParam("speed_kmh", "路上平均速度", "20", "公里/小时", help="按两户登记位置的直线距离估算路上时间"),
            SignalParam("overhead_minutes", "每段路另加", "3", "分钟", help="出门、停车、进门的时间"),
            SignalParam(
                "village_minutes", "缺少位置时村居之间至少", "10", "分钟", help="两户不在同一村居且有一户没有位置时"
            ),
        ),
        order=20,
    ),
    SignalKind(
        OVERFULL_DAY,
        "单日走访超出工作时间",
        "某人一天的走访时长，加上户与户之间最少的路上时间，超过了一天的工作时长。",
        params=(
            SignalParam("working_minutes", "一天工作时长", "600", "分钟", help="路上时间按“行程时间不够”的参数估算"),
        ),
        order=21,
    ),
    SignalKind(
        MINIMUM_CLUSTER,
        "时长扎堆在下限",
        "某人一个月的走访时长大多刚好卡在规定的最少时长上，像是按规定凑时长，而不是照实记录。",
        params=(
            SignalParam("margin_minutes", "比最少时长多出不超过", "3", "分钟"),
            SignalParam("share", "这样的走访占比达到", "60", "%"),
            SignalParam("min_visits", "当月至少走访", "6", "次", help="走访太少看不出分布"),
        ),
        order=22,
    ),
    SignalKind(
        ODD_HOURS,
        "非工作时段走访",
        "走访时间在夜里或节假日，这些时候一般不入户，请核实是否属实。",
        params=(
            SignalParam("night_from", "夜间从", "21:00", kind="time", help="此刻开始的走访算夜间"),
            SignalParam(
                "night_until", "夜间到（次日）", "06:30", kind="time", help="此刻结束的走访算夜间，此刻开始的不算"
            ),
            SignalParam(
                "holidays",
                "本单位另定的休息日",
                "",
                kind="dates",
                help="国务院公布的法定节假日已自动计入；这里填写本单位另外放假的日期，如 2026-02-13",
            ),
        ),
        order=23,
    ),
)
ENTRY: tuple[SignalKind, ...] = ()
PLACE: tuple[SignalKind, ...] = ()

KINDS = TEXT + TIMING + ENTRY + PLACE
COLUMNS = ("户编号", "走访日期", "开始时间", "帮扶责任人")
