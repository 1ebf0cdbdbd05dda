"""The demo district 济阳区: a deterministic tree, ~3,000 households with valid generated IDs, one account per role.

Households go in through the real import service (as a CSV per unit), so the demo exercises the same
validation and is idempotent: running it again re-imports identical rows and changes nothing.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from taizhang.registry.fields import ALL_COLUMNS
from taizhang.registry.rules import compose_id_number, luhn_check_digit

DISTRICT = "济阳区"
# (unit, subtype, code for 户编号, communities as (name, subtype), households)
UNITS = [
    (
        "济北开发区",
        "zone",
        "JB",
        [("开元居", "urban"), ("汇鑫居", "urban"), ("孙耿村", "village"), ("魏家村", "village")],
        360,
    ),
    (
        "济阳街道",
        "street",
        "JY",
        [
            ("城里居", "urban"),
            ("东关居", "urban"),
            ("南关居", "urban"),
            ("西关居", "urban"),
            ("北关居", "urban"),
            ("纬三村", "village"),
        ],
        1260,
    ),
    (
        "新市镇",
        "town",
        "XS",
        [
            ("新市村", "village"),
            ("闻韶村", "village"),
            ("王家村", "village"),
            ("邢家村", "village"),
            ("大柳村", "village"),
        ],
        840,
    ),
    (
        "崔寨街道",
        "street",
        "CZ",
        [("东辛村", "village"), ("崔寨村", "village"), ("西辛村", "village"), ("侯家村", "village")],
        540,
    ),
]
WORKGROUPS = {
    "济阳街道": [
        ("第一工作组", "城里居"),
        ("第二工作组", "东关居"),
        ("第三工作组", "南关居"),
        ("第四工作组", "西关居"),
        ("第五工作组", "北关居"),
        ("人口界定工作组", None),
    ],
    "新市镇": [("新市村帮扶组", "新市村"), ("闻韶村帮扶组", "闻韶村"), ("档案资料工作组", None), ("镇建委", None)],
    "济北开发区": [("招商服务组", None)],
    "崔寨街道": [("丰收节筹备组", None)],
}
# A unit's departments (部门: work groups of subtype department, in this order), where its staff sit and are assessed.
DEPARTMENTS = {"济北开发区": ["党政办公室", "经济发展部", "投资促进部", "规划建设部", "财政金融部", "行政审批部"]}
# Which modules each unit works with (a district admin changes this on the 模块启用 page).
UNIT_MODULES = {
    "新市镇": ["assistance"],
    # the streets carry 济北开发区's handed social-affairs functions (企业服务 → 移交职能)
    "济阳街道": ["renewal", "enterprise"],
    "崔寨街道": ["enterprise", "events"],
    "济北开发区": ["people", "enterprise"],
}
PASSWORD = "Taizhang@2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    node: tuple[str, ...]  # path of names below the district
    note: str


ACCOUNTS = [
    DemoAccount("leader", "李区长", "district_leader", (), "区级领导：全区只读、看板"),
    DemoAccount("qu_admin", "钱科长", "district_admin", (), "区级管理员：各单位启用的模块、指标目标"),
    DemoAccount("auditor", "赵审计", "auditor", (), "审计：全区只读，可查审计记录"),
    DemoAccount("xs_admin", "王主任", "unit_admin", ("新市镇",), "新市镇单位管理员：人员、导入导出"),
    DemoAccount("xs_group", "刘组长", "group_leader", ("新市镇", "新市村", "新市村帮扶组"), "新市镇工作组长（新市村）"),
    DemoAccount(
        "xs_worker", "张帮扶", "field_worker", ("新市镇", "新市村", "新市村帮扶组"), "新市镇帮扶责任人（新市村）"
    ),
    DemoAccount(
        "xs_jianwei",
        "孟建委",
        "field_worker",
        ("新市镇", "镇建委"),
        "新市镇镇建委工作人员：交办给镇建委的问题（待办、通知）",
    ),
    DemoAccount(
        "jy_admin", "周主任", "unit_admin", ("济阳街道",), "济阳街道单位管理员：棚改旧改项目、导入、数据比对、补偿政策"
    ),
    DemoAccount(
        "jy_group",
        "陈组长",
        "group_leader",
        ("济阳街道", "城里居", "第一工作组"),
        "济阳街道第一工作组组长（城里居）：测量、签约",
    ),
    DemoAccount(
        "jy_pop", "郑界定", "field_worker", ("济阳街道", "人口界定工作组"), "济阳街道人口界定工作组：界定、比对任务"
    ),
    DemoAccount(
        "jb_admin",
        "孙主任",
        "unit_admin",
        ("济北开发区",),
        "济北开发区单位管理员：聘任考核（岗位合同、考核、薪酬、淘汰、竞聘、开发区综合考核）；企业服务（惠企政策与预算、"
        "企业家奖励、增量分享、移交职能督办）",
    ),
    DemoAccount(
        "jb_committee",
        "魏建华",
        "group_leader",
        ("济北开发区", "党政办公室"),
        "济北开发区考核委员会委员（党政办公室主任）：评定、锁定、淘汰决定、答复申诉与竞聘公示异议",
    ),
    DemoAccount(
        "jb_staff",
        "郭晓峰",
        "field_worker",
        ("济北开发区", "投资促进部"),
        "济北开发区投资促进部招商专员：招商项目推进（阶段、跟进、漏斗）；本人的考核结果、绩效薪酬，对待岗培训决定的申诉",
    ),
    DemoAccount(
        "jb_approval",
        "韩帮办",
        "field_worker",
        ("济北开发区", "行政审批部"),
        "济北开发区行政审批部帮办员：全程帮办的审批事项、超期提醒、给企业的进度查询链接",
    ),
    DemoAccount(
        "cz_admin",
        "侯主任",
        "unit_admin",
        ("崔寨街道",),
        "崔寨街道单位管理员：活动（农民丰收节的节目、值班、筹备清单、预算、报名与候补、摊位、签到、报告与简报）；承接济北开发区移交的社会事务职能",
    ),
    DemoAccount(
        "cz_fsj1",
        "魏红梅",
        "field_worker",
        ("崔寨街道", "丰收节筹备组"),
        "崔寨街道丰收节筹备组工作人员：值班表上的签到岗（手机扫码或输入签到码签到、现场登记、实时看板）",
    ),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文海燕云凤婷雪鹏飞宇浩然子涵欣怡思雨佳琪春生秋菊冬梅德福庆祥瑞"
STREETS = ["正安街", "纬二路", "经三路", "新元大街", "开元大街", "富阳街", "仁风街", "银河路", "闻韶路", "黄河路"]
BANKS = [
    ("中国农业银行", "622848"),
    ("中国邮政储蓄银行", "621799"),
    ("农村商业银行", "623190"),
    ("中国建设银行", "621700"),
]
# 370125 is 济阳县's code (1989–2018), the place of first registration of most residents (济阳区 is 370115 since 2018).
AREA_CODES = ["370125"] * 8 + ["370126", "371425"]


def _name(rng: random.Random, surname: str | None = None) -> str:
    surname = surname or rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _birth(rng: random.Random, age_from: int, age_to: int, today: date) -> date:
    return today - timedelta(days=rng.randint(age_from * 365, age_to * 365))


def _mobile(rng: random.Random) -> str:
    return (
        rng.choice(["13", "15", "17", "18"])
        + rng.choice("0123456789")
        + "".join(rng.choice("0123456789") for _ in range(8))
    )


def _account(rng: random.Random, prefix: str) -> str:
    partial = prefix + "".join(rng.choice("0123456789") for _ in range(18 - len(prefix)))
    return partial + luhn_check_digit(partial)


def demo_rows(seed: int = 2020, today: date = date(2026, 1, 1), units=UNITS) -> dict[str, list[list[str]]]:
    """Person-per-row import rows for each unit, deterministic from the seed (units as in UNITS)."""
    rng = random.Random(seed)
    used_ids: set[str] = set()

    def person_id(birth: date, male: bool) -> str:
        while True:
            seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
            candidate = compose_id_number(rng.choice(AREA_CODES), birth, seq)
            if candidate not in used_ids:
                used_ids.add(candidate)
                return candidate

    result = {}
    for unit, _, code, communities, households in units:
        rows = []
        for n in range(1, households + 1):
            community = communities[(n - 1) % len(communities)][0]
            no = f"{code}{n:05d}"
            address = f"{community}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
            bank_name, prefix = rng.choice(BANKS)
            account = _account(rng, prefix) if rng.random() < 0.85 else ""
            surname = rng.choice(SURNAMES)
            head_male = rng.random() < 0.8
            head_birth = _birth(rng, 30, 85, today)
            members = [(_name(rng, surname), "户主", head_birth, head_male)]
            if rng.random() < 0.8:
                members.append(
                    (_name(rng), "配偶", head_birth + timedelta(days=rng.randint(-1500, 1500)), not head_male)
                )
            head_age = (today - head_birth).days // 365
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3)) if head_age < 70 else rng.choice((0, 0, 1))):
                child_male = rng.random() < 0.5
                child_birth = _birth(rng, max(head_age - 40, 0), max(head_age - 20, 1), today)
                members.append((_name(rng, surname), "子" if child_male else "女", child_birth, child_male))
            for index, (name, relation, birth, male) in enumerate(members):
                age = (today - birth).days // 365
                student = 6 <= age <= 22 and rng.random() < 0.9
                disabled = rng.random() < 0.04
                category = rng.choice(["肢体", "视力", "听力", "智力"]) if disabled else ""
                grade = rng.choice(["一级", "二级", "三级", "四级"]) if disabled else ""
                if student:
                    employment = "在校"
                elif age >= 65:
                    employment = rng.choice(["务农", "无业", "退休"])
                elif age >= 18:
                    employment = rng.choice(["务工", "务工", "务农", "本地就业", "灵活就业", "无业"])
                else:
                    employment = ""
                rows.append(
                    [
                        no,
                        community,
                        address,
                        name,
                        person_id(birth, male),
                        relation,
                        _mobile(rng) if relation in ("户主", "配偶") or age >= 18 and rng.random() < 0.5 else "",
                        bank_name if index == 0 and account else "",
                        account if index == 0 else "",
                        "是" if student else "",
                        category,
                        grade,
                        employment,
                    ]
                )
        result[unit] = rows
    return result


def rows_to_csv(rows: list[list[str]]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(ALL_COLUMNS)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def demo_photo(color: str):
    """A small plain JPEG standing in for a photo taken on a phone."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (320, 240), color).save(stream, "JPEG")
    return SimpleUploadedFile(f"demo-{color}.jpg", stream.getvalue(), content_type="image/jpeg")
