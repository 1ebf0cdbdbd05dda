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
LATE_ENTRY = "assistance.late_entry"
BULK_ENTRY = "assistance.bulk_entry"
EDITED_AFTER_CLOSE = "assistance.edited_after_close"
ENTRY: tuple[SignalKind, ...] = (
    SignalKind(
        LATE_ENTRY,
        "补录过晚",
        "走访结束几天后才录入系统。补录越晚，内容越可能凭记忆甚至凭空填写，值得向帮扶责任人问一问当天的情况。"
        "导入的旧台账不在此列。",
        "low",
        (SignalParam("days", "走访后超过几天才录入", "3", "天"),),
        order=70,
    ),
    SignalKind(
        BULK_ENTRY,
        "集中补录",
        "同一账号在几分钟内手工录入了多次走访。真实走访一般走一户录一户，集中补录往往是事后凭记忆或照抄填写。"
        "手机没有信号时暂存、来信号后自动补发的走访不算。",
        "medium",
        (
            SignalParam("count", "录入次数达到", "5", "次"),
            SignalParam("minutes", "在多少分钟之内", "10", "分钟"),
        ),
        order=71,
    ),
    SignalKind(
        EDITED_AFTER_CLOSE,
        "月结后修改",
        "走访记录在次月月结日之后又被修改。月结后的修改会改动已经上报的走访情况，应当有说得清的理由。",
        "medium",
        (SignalParam("close_day", "次月几号月结", "5", "号", help="上月的走访在本月这一天之后再修改即提示"),),
        order=72,
    ),
)

SAME_PHOTO = "assistance.same_photo"
SAME_POSITION = "assistance.same_position"
FAR_FROM_HOME = "assistance.far_from_home"
PLACE: tuple[SignalKind, ...] = (
    SignalKind(
        SAME_PHOTO,
        "照片重复",
        "不同户的走访，或同一户不同月份的走访，用了同一张照片（压缩、缩放过的也能认出），本期的照片也与前几个月的比。"
        "一张照片用在几次走访里，至少有一次不是当时拍的。",
        "high",
        (
            SignalParam(
                "distance",
                "照片差异不超过",
                "4",
                "位",
                help="两张照片的感知指纹（共 64 位）不同的位数：0 只认完全相同，数值越大越宽松，最多按 8 位算",
            ),
            SignalParam("months", "还与前几个月的照片比", "3", "个月", help="本期的照片还与此前这几个月走访的照片比对"),
        ),
        order=80,
    ),
    SignalKind(
        SAME_POSITION,
        "位置完全相同",
        "不同户的走访，手机上报的定位几乎完全重合。手机定位每次都有几米的偏差，两户的定位重合，"
        "往往是在同一个地方录的，并没有到户。",
        "high",
        (SignalParam("metres", "两户定位相距不超过", "2", "米"),),
        order=81,
    ),
    SignalKind(
        FAR_FROM_HOME,
        "位置偏离",
        "手机上报的走访开始或结束位置离该户登记的位置太远，可能没有到户；也可能是该户登记的位置不准，核实后可更正。",
        "medium",
        (SignalParam("metres", "偏离登记位置超过", "500", "米"),),
        order=82,
    ),
)

KINDS = TEXT + TIMING + ENTRY + PLACE
COLUMNS = ("户编号", "走访日期", "开始时间", "帮扶责任人")
