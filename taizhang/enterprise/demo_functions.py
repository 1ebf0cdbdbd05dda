"""Demo: the 42 social-affairs functions 济北开发区 handed to 济阳街道 and 崔寨街道 (剥离社会事务管理职能), their states
spread along 移交 → 承接 → 运行, and a few supervision notes — two of them overdue in 济阳街道's inbox (jy_admin).
Goes through the services; idempotent (a function already handed, or notes already written, are left alone). The
streets' units must have the enterprise module enabled for their pages and inbox to show them."""

from __future__ import annotations

import random
from datetime import date, timedelta

from taizhang.core import clock
from taizhang.enterprise import functions as services
from taizhang.enterprise.models import FunctionNote, HandedFunction
from taizhang.org.models import OrgNode, Role, User

STREETS = ("济阳街道", "崔寨街道")

# (name, category, basis): the zone's list of the social-affairs functions it hands over, numbered 1–42 in order.
FUNCTIONS = (
    ("城乡最低生活保障审核确认", "社会救助", "《社会救助暂行办法》第九条"),
    ("特困人员救助供养", "社会救助", "《社会救助暂行办法》第十四条"),
    ("临时救助", "社会救助", "《社会救助暂行办法》第四十七条"),
    ("受灾人员救助", "社会救助", "《自然灾害救助条例》"),
    ("医疗救助申请受理", "医疗保障", "《社会救助暂行办法》第二十九条"),
    ("城乡居民基本医疗保险参保登记", "医疗保障", "《中华人民共和国社会保险法》第二十五条"),
    ("城乡居民基本养老保险参保登记", "人力社保", "《中华人民共和国社会保险法》第二十条"),
    ("就业失业登记", "人力社保", "《就业服务与就业管理规定》"),
    ("农民工工资支付纠纷调处", "人力社保", "《保障农民工工资支付条例》"),
    ("优抚对象抚恤补助发放", "退役军人服务", "《军人抚恤优待条例》"),
    ("退役军人服务站运行", "退役军人服务", "《中华人民共和国退役军人保障法》"),
    ("烈士纪念设施日常管护", "退役军人服务", "《烈士纪念设施保护管理办法》"),
    ("高龄津贴发放", "民政服务", "山东省高龄津贴制度"),
    ("残疾人两项补贴审核", "民政服务", "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"),
    ("困境儿童保障", "民政服务", "《国务院关于加强困境儿童保障工作的意见》"),
    ("农村留守老人关爱服务", "民政服务", "《关于加强农村留守老年人关爱服务工作的意见》"),
    ("殡葬管理与移风易俗", "民政服务", "《殡葬管理条例》"),
    ("婚姻家庭辅导", "民政服务", "《中华人民共和国民法典》婚姻家庭编"),
    ("计划生育家庭奖励扶助", "卫生健康", "《中华人民共和国人口与计划生育法》"),
    ("计划生育特殊家庭扶助", "卫生健康", "《中华人民共和国人口与计划生育法》"),
    ("基本公共卫生服务管理", "卫生健康", "《国家基本公共卫生服务规范》"),
    ("爱国卫生运动", "卫生健康", "《山东省爱国卫生工作条例》"),
    ("疫情防控网格化管理", "卫生健康", "《中华人民共和国传染病防治法》"),
    ("村（居）民委员会换届选举", "基层治理", "《中华人民共和国村民委员会组织法》"),
    ("村务公开与民主管理", "基层治理", "《中华人民共和国村民委员会组织法》第三十条"),
    ("社区网格化服务管理", "基层治理", "《山东省网格化服务管理办法》"),
    ("人口信息采集与流动人口服务", "基层治理", "《居住证暂行条例》"),
    ("信访事项受理与办理", "平安建设", "《信访工作条例》"),
    ("矛盾纠纷排查调处", "平安建设", "《中华人民共和国人民调解法》"),
    ("社会治安综合治理", "平安建设", "《山东省社会治安综合治理条例》"),
    ("禁毒宣传与社区戒毒", "平安建设", "《中华人民共和国禁毒法》"),
    ("非企业领域安全生产监管", "应急管理", "《中华人民共和国安全生产法》"),
    ("防汛抗旱与自然灾害应急", "应急管理", "《中华人民共和国防洪法》"),
    ("农村消防安全", "应急管理", "《中华人民共和国消防法》"),
    ("城乡环境卫生整治", "城乡管理", "《城市市容和环境卫生管理条例》"),
    ("农村生活垃圾收运", "城乡管理", "《山东省生活垃圾管理条例》"),
    ("违法建设巡查制止", "城乡管理", "《中华人民共和国城乡规划法》"),
    ("农村危房改造申报", "城乡管理", "农村危房改造政策"),
    ("学前教育与义务教育入学协调", "教育文化", "《中华人民共和国义务教育法》"),
    ("公共文化服务", "教育文化", "《中华人民共和国公共文化服务保障法》"),
    ("全民健身活动组织", "教育文化", "《全民健身条例》"),
    ("老年人和残疾人联系服务", "其他", "区委区政府关于开发区剥离社会事务管理职能的实施意见"),
)


def _admin(unit: OrgNode) -> User | None:
    return User.objects.filter(unit=unit, role=Role.UNIT_ADMIN, is_active=True).order_by("pk").first()


def _streets() -> list[OrgNode]:
    found = {n.name: n for n in OrgNode.objects.filter(kind=OrgNode.Kind.UNIT, name__in=STREETS)}
    return [found[name] for name in STREETS if name in found]


def build(*, unit: OrgNode, seed: int, today: date) -> None:
    streets = _streets()
    if not streets:
        return
    rng = random.Random(seed)
    zone_admin = _admin(unit)
    handed_on = today - timedelta(days=420)
    already = set(
        HandedFunction.objects.filter(handed_by=unit, withdrawn_on__isnull=True).values_list("number", flat=True)
    )
    with clock.frozen(today):
        for number, (name, category, basis) in enumerate(FUNCTIONS, start=1):
            if number in already:
                continue
            street = streets[(number - 1) % len(streets)]
            function = services.hand_over(
                actor=zone_admin,
                zone=unit,
                street=street,
                number=number,
                name=name,
                category=category,
                basis=basis,
                handed_on=handed_on,
            )
            _progress(function, _admin(street), rng, handed_on, today)
    if not FunctionNote.objects.filter(handed_by=unit).exists() and zone_admin is not None:
        _notes(unit, zone_admin, today)


def _progress(function: HandedFunction, admin: User | None, rng: random.Random, handed_on: date, today: date) -> None:
    """About four in five taken on within two months, three in five running within another four."""
    if admin is None or rng.random() > 0.8:
        return
    taken_on = handed_on + timedelta(days=rng.randint(10, 60))
    function = services.move(actor=admin, function=function, target="taken", on=taken_on)
    if rng.random() < 0.75:
        services.set_staffing(
            actor=admin, function=function, note=f"专职人员 {rng.randint(1, 3)} 名，经费列入街道年度预算"
        )
        on = min(taken_on + timedelta(days=rng.randint(30, 120)), today)
        services.move(actor=admin, function=function, target="running", on=on)


# (number, what to fix, days from today to the deadline, answered, closed): 1, 11 and 17 are 济阳街道's, 2 and 6 崔寨街道's.
NOTES = (
    (1, "低保对象动态管理台账未建立，请补齐近半年入户核查记录", -7, False, False),
    (11, "退役军人服务站未配备专职人员，请落实人员和场地", -3, False, False),
    (17, "殡葬改革宣传不到位，请在各村居开展宣传", -10, True, True),
    (2, "特困供养人员走访记录不全，请补齐", 14, True, False),
    (6, "城乡居民医保参保率低于全区平均，请说明原因并整改", 21, False, False),
)
ANSWER = "已按要求整改：补齐台账和记录，落实专人负责"


def _notes(zone: OrgNode, zone_admin: User, today: date) -> None:
    """Two overdue, unanswered notes for 济阳街道, one closed; for 崔寨街道 one answered and one not yet due."""
    functions = {f.number: f for f in HandedFunction.objects.filter(handed_by=zone, withdrawn_on__isnull=True)}
    for number, text, days, answered, closed in NOTES:
        function = functions.get(number)
        street_admin = _admin(function.unit) if function else None
        if street_admin is None:
            continue
        deadline = today + timedelta(days=days)
        with clock.frozen(min(today, deadline) - timedelta(days=20)):
            note = services.note_write(actor=zone_admin, function=function, text=text, deadline=deadline)
        with clock.frozen(today):
            if answered:
                note = services.note_answer(actor=street_admin, note=note, answer=ANSWER)
            if closed:
                services.note_close(actor=zone_admin, note=note)
