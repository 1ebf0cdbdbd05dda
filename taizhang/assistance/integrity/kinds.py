"""The visit signal kinds and their parameters, as the manifest declares them (no Django here: the AppConfig
imports this before the apps are ready). Each family's kinds are found by its module of the same name."""

from taizhang.core.manifest import SignalKind, SignalParam

TEXT: tuple[SignalKind, ...] = ()
TIMING: tuple[SignalKind, ...] = ()
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
