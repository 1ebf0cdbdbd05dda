"""The renewal signal kinds and their parameters, as the manifest declares them (no Django here: the AppConfig
imports this before the apps are ready). Each family's kinds are found by its module of the same name."""

from taizhang.core.manifest import SignalKind, SignalParam

AREA_OUTLIER = "renewal.area_outlier"
AREA_CHANGED = "renewal.area_changed"
BUILT_AFTER_FREEZE = "renewal.built_after_freeze"
DETERMINATION_BURST = "renewal.determination_burst"
COUNTED_TWICE = "renewal.counted_twice"
AMOUNT_MOVED = "renewal.amount_moved"

MEASUREMENT: tuple[SignalKind, ...] = (
    SignalKind(
        AREA_OUTLIER,
        "测量面积远超相邻院落",
        "一处院落测得的建筑面积是同村居、同片区（工作组）其他院落面积中位数的数倍。虚增面积最常见的样子，"
        "值得对照平面草图和照片复核，必要时复测。",
        severity="medium",
        params=(
            SignalParam("ratio", "超过中位数的倍数", "2.5", "倍", help="超过相邻院落建筑面积中位数的这个倍数才提示"),
            SignalParam("min_neighbours", "至少几处相邻院落", "5", "处", help="相邻院落太少时中位数不可靠，不作比较"),
        ),
        order=10,
    ),
    SignalKind(
        AREA_CHANGED,
        "复测面积变化过大",
        "同一院落再次测量的建筑面积与上一次相差超过允许的幅度（上一次已作废的也比较）。"
        "面积越测越大、作废后重测变大，都要问清缘由。",
        severity="medium",
        params=(SignalParam("percent", "允许相差", "10", "%", help="与上一次测量相差超过这个比例才提示"),),
        order=20,
    ),
    SignalKind(
        BUILT_AFTER_FREEZE,
        "冻结后建房",
        "测量登记的房屋建成日期晚于项目冻结日。冻结后新建、扩建不予补偿；要核实是否抢建、是否已进控违台账，"
        "或建成日期填错。",
        severity="medium",
        order=30,
    ),
)

PEOPLE: tuple[SignalKind, ...] = (
    SignalKind(
        DETERMINATION_BURST,
        "界定事实批量雷同",
        "同一账号在几分钟内为多户录入完全相同的界定事实（迁入、迁出、婚入日期和居住情况）。"
        "编造事实让人“够条件”时常见这种成批录入；导入的台账和来自公安比对的日期不算。",
        severity="high",
        params=(
            SignalParam("households", "至少几户", "3", "户", help="同样的事实出现在这么多不同的户才提示"),
            SignalParam("minutes", "录入时间窗", "10", "分钟", help="这些界定在这么多分钟之内录入"),
        ),
        order=40,
    ),
    SignalKind(
        COUNTED_TWICE,
        "同一人重复认定",
        "同一身份证号的人在两户（同一项目的两户，或两个项目）都被认定，会被重复安置补偿。",
        severity="high",
        order=50,
    ),
)

AGREEMENT: tuple[SignalKind, ...] = (
    SignalKind(
        AMOUNT_MOVED,
        "签约后金额变动",
        "协议签订后补偿金额发生了变化，却不是腾空奖励的登记或撤回，也没有经过有审计记录的作废重签；"
        "或金额与审计记录最后登记的不符（在系统之外被改动）。",
        severity="high",
        order=60,
    ),
)

KINDS = MEASUREMENT + PEOPLE + AGREEMENT
COLUMNS = ("项目", "户编号", "记录", "日期", "经办人")
