"""What helpers write about a visit, for bench/integrity.py: each household's own facts (who lives there, their
illness, the student, the worker away), and per visit a few checks and findings written from phrase pools about
those facts, with the day's particulars — so two genuine notes differ as real ones do."""

from __future__ import annotations

import random
from dataclasses import dataclass

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "秀英桂兰建国玉梅志强凤英德明海燕文华春生金花永刚淑珍长林红霞树林翠萍国庆爱民玉兰振华明芳立新"
ILLNESSES = ["高血压", "糖尿病", "腰椎间盘突出", "慢性支气管炎", "类风湿关节炎", "脑梗后遗症", "冠心病", "哮喘"]
SCHOOLS = [
    ("小学", "镇中心小学"),
    ("初中", "镇初级中学"),
    ("高中", "县第一中学"),
    ("职高", "县职业中专"),
    ("大学", "山东理工大学"),
]
CITIES = ["济南", "青岛", "苏州", "宁波", "淄博", "本镇工业园", "县城"]
JOBS = ["建筑工地", "电子厂", "物流公司", "饭店后厨", "保安", "家政", "汽配厂"]
CROPS = ["小麦", "玉米", "大蒜", "花生", "大棚蔬菜", "苹果", "桃树"]
RELATIONS = ["儿子", "女儿", "儿媳", "孙子", "配偶"]
DISABILITY = ["肢体", "视力", "听力", "智力", "精神"]
GRADES = ["一级", "二级", "三级", "四级"]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


@dataclass
class HouseholdFacts:
    head: str
    age: int
    members: int
    illness: str | None
    student: tuple[str, str, str] | None  # name, level, school
    worker: tuple[str, str, str] | None  # relation, city, job
    disabled: tuple[str, str, str] | None  # relation, category, grade
    crop: str
    built: int

    @classmethod
    def draw(cls, rng: random.Random) -> HouseholdFacts:
        level, school = rng.choice(SCHOOLS)
        return cls(
            head=_name(rng),
            age=rng.randint(38, 88),
            members=rng.choice((1, 2, 2, 3, 3, 4, 5, 6)),
            illness=rng.choice(ILLNESSES) if rng.random() < 0.55 else None,
            student=(_name(rng)[:1] + rng.choice(GIVEN) + rng.choice(GIVEN), level, school)
            if rng.random() < 0.35
            else None,
            worker=(rng.choice(RELATIONS), rng.choice(CITIES), rng.choice(JOBS)) if rng.random() < 0.5 else None,
            disabled=(rng.choice(["户主", *RELATIONS]), rng.choice(DISABILITY), rng.choice(GRADES))
            if rng.random() < 0.2
            else None,
            crop=rng.choice(CROPS),
            built=rng.randint(1978, 2019),
        )


def _pick(rng: random.Random, pool: list[str], f: HouseholdFacts, **extra) -> str:
    slots = {
        "head": f.head,
        "age": f.age,
        "n": f.members,
        "crop": f.crop,
        "built": f.built,
        "month": rng.randint(1, 12),
        "day": rng.randint(1, 28),
        "amount": rng.randrange(300, 6000, 50),
        "yield_": rng.randrange(500, 1400, 20),
        "rooms": rng.randint(2, 6),
        "pct": rng.choice((50, 55, 60, 70, 80, 90)),
        "days": rng.randint(3, 15),
        **extra,
    }
    return rng.choice(pool).format(**slots)


WATER = [
    "自来水正常供应，水质清澈，{head}说{month}月以来没停过水",
    "试了厨房水龙头，水压正常，无异味",
    "院内水管已做防冻包扎，出水正常",
    "自备井水{month}月检测合格，饮水安全有保障",
    "水龙头出水偏小，已告知村里管水员{day}日前来看",
    "饮水正常，水费每月约{days}元",
]
HOUSING = [
    "房屋为{built}年建砖混结构，{rooms}间正房，墙体无裂缝",
    "屋顶前年翻修过，今年雨季没有漏雨",
    "东厢房墙角有细小裂缝，提醒{head}注意观察",
    "厨房和厕所已改造，院子收拾得干净",
    "住房安全等级A级，门窗完好，{rooms}间屋都有人住",
    "{built}年的老房子，主体结构稳固，电线已规整",
]
ARCHIVE = [
    "明白卡信息已核对，{n}口人无变化",
    "收入台账补记了{month}月的务工收入{amount}元",
    "帮扶手册记录齐全，签字完整",
    "政策明白纸贴在堂屋墙上，{head}能说出主要政策",
    "档案与实际相符，家庭年收入约{amount}0元",
]
TALK = [
    "和{head}聊了{crop}的收成，今年亩产约{yield_}斤",
    "{head}今年{age}岁，精神头不错，自己做饭",
    "聊到{crop}行情，{head}打算明年多种一亩",
    "邻居说{head}平时常去村口下棋，生活能自理",
    "{head}说家里{n}口人都挺好，就是想孙子",
    "问了{head}秋收的打算，地里的{crop}{month}月能收完",
]
STUDENT = [
    "{student}在{school}上{level}，成绩中上",
    "{student}已享受教育资助{amount}元，{month}月到账",
    "{student}在{school}住校，每周回家一次",
    "{student}{level}在读，雨露计划已申报",
]
WORKER = [
    "{rel}在{city}{job}干活，月收入{amount}元左右",
    "{rel}{month}月从{city}回来了，正在找活",
    "已推荐{rel}去{city}{job}面试，等回信",
    "{rel}在{city}打工，每月往家寄{amount}元",
]
DISABLED = [
    "{rel}{category}残疾{grade}，两项补贴按月发放",
    "{rel}的残疾证明年到期，提醒提前换证",
    "{rel}{category}残疾，轮椅还能用，不需要更换",
]
HEALTH = [
    "{head}患{illness}，每月到卫生室拿药",
    "{head}的{illness}控制得还可以，家庭医生{month}月随访过",
    "慢病卡已办理，{illness}门诊报销{pct}%",
    "{head}{month}月因{illness}住院{days}天，先诊疗后付费已落实",
]
GENERAL = [
    "{head}反映村里路灯坏了两盏，已告诉村委",
    "宣传了防电信诈骗，{head}表示知道了",
    "提醒{head}天冷注意用火用电安全，检查了煤炉烟筒",
    "{head}家无新的困难和诉求，下次{day}号左右再来",
    "宣传了医保缴费政策，{n}口人都已缴费",
    "{head}想申请公益岗位，已记下，回去和村里商量",
    "帮{head}在手机上查了养老金到账记录",
    "送去米面油一份，{head}很感谢",
]


CHECKS = ("water", "housing", "archive", "talk")


def genuine_values(rng: random.Random, f: HouseholdFacts, opening: str) -> dict:
    """The visit's checks and notes: two to four checks done (a few with a problem), each written about some of
    the time, the findings that concern this household, and a note of the day."""
    values: dict[str, str] = {}
    for key, pool in (("water", WATER), ("housing", HOUSING), ("archive", ARCHIVE), ("talk", TALK)):
        if rng.random() < 0.7:
            values[key] = "problem" if rng.random() < 0.04 else "ok"
            if rng.random() < 0.55:
                values[f"{key}_note"] = _pick(rng, pool, f)
    if f.student and rng.random() < 0.5:
        name, level, school = f.student
        values["education"] = _pick(rng, STUDENT, f, student=name, level=level, school=school)
    if f.worker and rng.random() < 0.5:
        rel, city, job = f.worker
        values["employment"] = _pick(rng, WORKER, f, rel=rel, city=city, job=job)
    if f.disabled and rng.random() < 0.5:
        rel, category, grade = f.disabled
        values["disability"] = _pick(rng, DISABLED, f, rel=rel, category=category, grade=grade)
    if f.illness and rng.random() < 0.5:
        values["health"] = _pick(rng, HEALTH, f, illness=f.illness)
    pools = [("talk", TALK), ("housing", HOUSING), ("water", WATER), ("archive", ARCHIVE)]
    rng.shuffle(pools)
    for key, pool in pools:  # every note says two or three things about this household
        if sum(1 for k in values if k not in CHECKS) >= 3:
            break
        if f"{key}_note" not in values:
            values[key] = values.get(key, "ok")
            values[f"{key}_note"] = _pick(rng, pool, f)
    sentences = rng.sample(GENERAL, rng.choice((1, 1, 2)))
    values["notes"] = opening + "；".join(s.format(**_slots(rng, f)) for s in sentences)
    return values


def _slots(rng: random.Random, f: HouseholdFacts) -> dict:
    return {"head": f.head, "n": f.members, "day": rng.randint(1, 28)}


# The notes of a helper who writes the same thing at every house, month after month (uniform_notes plants): one
# template each, with the small changes such a helper makes (the month, the household's size, a word or two).
UNIFORM = [
    "入户走访，了解家庭基本情况，{month}月份饮水安全、住房安全有保障，家庭成员身体状况{good}，无其他困难和诉求。",
    "到户查看了房屋和饮水，均正常；宣传了各项惠民政策，户主表示满意，家中{n}口人生活稳定，{good}。",
    "按要求开展{month}月走访，两不愁三保障均已落实，收入稳定，家庭和睦，{good}，暂无需要解决的问题。",
    "走访了解到该户生产生活{good}，政策享受到位，明白卡信息准确，已宣传防返贫监测政策，无新增困难。",
]
GOOD = ["良好", "正常", "较好", "稳定"]


def uniform_values(rng: random.Random, f: HouseholdFacts, month: int, *, template: int) -> dict:
    return {
        "water": "ok",
        "housing": "ok",
        "notes": UNIFORM[template].format(month=month, n=f.members, good=rng.choice(GOOD)),
    }


SWAPS = [("正常", "良好"), ("已", "均已"), ("不错", "很好"), ("干净", "整洁"), ("按月", "按时"), ("提醒", "告知")]


def copied(rng: random.Random, values: dict, how: str, their_head: str, our_head: str) -> dict:
    """Another household's visit record, copied with a small change: one word, the name, a number, a phrase."""
    values = dict(values)
    written = [k for k in values if k not in CHECKS]
    numbered = [k for k in written if any(c.isdigit() for c in values[k])]
    key = max(numbered if how == "number" and numbered else written, key=lambda k: len(values[k]))
    text = values[key]
    if how == "name":
        values = {k: v.replace(their_head, our_head) for k, v in values.items()}
    elif how in ("one_word", "three_homes"):  # into three households: a different word each time
        swaps = [(a, b) for a, b in SWAPS if a in text] or [(text[-2:], "情况")]
        old, new = swaps[0] if how == "one_word" else rng.choice(swaps)
        values[key] = text.replace(old, new, 1)
    elif how == "number":
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        if digits:
            i = rng.choice(digits)
            text = text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1 :]
        values[key] = text.replace("，", ",", 1)
    elif how == "appended":
        values[key] = text + "，无其他诉求"
    return values
