"""What the demo's visits look like on a phone: where 新市镇's villages and households are, the photos taken at the
door, the notes helpers write. Deterministic from the seed."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import chinese_calendar
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter

from taizhang.assistance.households import location_set
from taizhang.assistance.models import AssistedHousehold

# Village centres (the 村委会), a few kilometres apart; households lie within about half a kilometre of theirs.
CENTRES = {
    "新市村": (37.041200, 117.330500),
    "闻韶村": (37.065500, 117.352800),
    "王家村": (37.020100, 117.371200),
    "邢家村": (37.058000, 117.301000),
    "大柳村": (37.010500, 117.315000),
}
TOWN_HALL = (37.045000, 117.340200)  # 新市镇政府
COUNTY_HOSPITAL = (36.982200, 117.179000)  # 济阳区人民医院


def place_households(unit, admin, seed: int) -> dict[int, tuple[float, float]]:
    """Give households their position at the door (as a helper records it on the phone), but one in ten left
    unrecorded; two households of 闻韶村 share a courtyard (a son's household split from his father's). Households
    that have a position keep it. Returns every position by assisted household id."""
    rng = random.Random(seed + 3)
    assisted = list(AssistedHousehold.objects.filter(unit=unit).select_related("community").order_by("id"))
    courtyard = [a for a in assisted if a.community.name == "闻韶村"][2:4]
    positions = {}
    for household in assisted:
        lat, lng = CENTRES.get(household.community.name, next(iter(CENTRES.values())))
        spot = (round(lat + rng.uniform(-0.004, 0.004), 6), round(lng + rng.uniform(-0.005, 0.005), 6))
        if rng.random() < 0.1 and household not in courtyard:
            continue
        if len(courtyard) == 2 and household is courtyard[1]:
            spot = positions[courtyard[0].pk]
        if household.location is None:
            location_set(actor=admin, assisted=household, latitude=spot[0], longitude=spot[1])
        positions[household.pk] = household.location or spot
    return positions


def near(position: tuple[float, float], rng: random.Random, metres: float = 12) -> tuple[float, float]:
    """A phone's fix near a place: within `metres` or so."""
    step = metres / 111_000
    return (round(position[0] + rng.uniform(-step, step), 6), round(position[1] + rng.uniform(-step, step), 6))


def photo(number: int, variant: str = "") -> SimpleUploadedFile:
    """Photo `number` of a house from the lane: a wall, a roof, a door, trees. The same number is the same photo;
    `variant` re-saves it the way a reused photo arrives ("small": scaled down and recompressed, "crop": trimmed)."""
    rng = random.Random(number)
    width, height = 320, 240
    image = Image.new("RGB", (width, height), (rng.randint(150, 210), rng.randint(180, 230), rng.randint(200, 250)))
    draw = ImageDraw.Draw(image)
    ground = rng.randint(140, 200)
    draw.rectangle([0, ground, width, height], fill=(rng.randint(90, 160), rng.randint(90, 140), rng.randint(60, 100)))
    for _ in range(rng.randint(1, 3)):
        x, wide, top = rng.randint(-40, width - 60), rng.randint(80, 200), rng.randint(60, ground - 30)
        draw.rectangle(
            [x, top, x + wide, ground], fill=(rng.randint(150, 235), rng.randint(140, 220), rng.randint(120, 200))
        )
        roof = [(x - 10, top), (x + wide // 2, top - rng.randint(20, 60)), (x + wide + 10, top)]
        draw.polygon(roof, fill=(rng.randint(60, 150), rng.randint(40, 90), rng.randint(30, 80)))
        door = x + rng.randint(10, max(11, wide - 40))
        shade = rng.randint(40, 120)
        draw.rectangle([door, ground - rng.randint(35, 60), door + rng.randint(18, 30), ground], fill=(shade,) * 3)
    for _ in range(rng.randint(0, 4)):
        cx, cy, r = rng.randint(0, width), rng.randint(ground - 80, ground), rng.randint(10, 40)
        draw.ellipse(
            [cx - r, cy - r, cx + r, cy + r], fill=(rng.randint(30, 80), rng.randint(90, 150), rng.randint(30, 80))
        )
    image = image.filter(ImageFilter.GaussianBlur(1))
    quality = 85
    if variant == "small":
        image, quality = image.resize((240, 180)), 60
    elif variant == "crop":
        image = image.crop((8, 6, width - 6, height - 8))
    stream = io.BytesIO()
    image.save(stream, "JPEG", quality=quality)
    return SimpleUploadedFile(
        f"IMG_{20260000 + number * 7 % 10000:08d}.jpg", stream.getvalue(), content_type="image/jpeg"
    )


# What helpers write: who was in, what they saw, the household's own news, what they told them.
WHO = [
    "户主在家",
    "老两口都在家",
    "户主刚从地里回来",
    "儿媳在家照看孩子",
    "户主和女儿在家",
    "户主在院里收拾柴火",
    "户主老伴在家",
]
SAW = [
    "拧了水管，水压正常",
    "屋顶去年修过，这次看了没有渗漏",
    "看了灶房和厕所，改厕后使用正常",
    "冬季取暖用电暖器，线路已检查",
    "院墙东北角有裂缝，提醒注意",
    "家里收拾得干净，粮食够吃",
    "水窖已填平，改用自来水",
]
NEWS = [
    "儿子在济南工地务工，每月寄回两千多元",
    "今年玉米亩产一千一百斤左右",
    "户主高血压，按时吃药，家庭医生上月来过",
    "孙子读小学三年级，享受营养餐",
    "户主在村里干公益岗，工资按月发放",
    "老伴腿疼，已联系村医上门",
    "女儿在县城超市上班",
    "养了十几只鸡，鸡蛋自己吃也卖一些",
]
TOLD = [
    "讲了防返贫监测的申报渠道",
    "提醒按时缴纳明年的医保",
    "核对了一卡通账户，补贴已到账",
    "宣传了雨露计划和技能培训报名",
    "留了电话，有事随时联系",
]


def note(rng: random.Random) -> str:
    parts = [rng.choice(WHO), rng.choice(SAW), rng.choice(NEWS), rng.choice(TOLD)]
    return "，".join(parts) + "。"


def working_days(month: date) -> list[date]:
    """The month's days but the State Council's public holidays (nobody is sent to households on 国庆)."""
    days = []
    day = month
    while day.month == month.month:
        try:
            holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:  # a year the package does not cover yet
            holiday, name = False, None
        if not (holiday and name):
            days.append(day)
        day += timedelta(days=1)
    return days
