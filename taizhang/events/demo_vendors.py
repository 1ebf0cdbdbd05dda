"""The exhibition-sale of 崔寨街道's festivals in the demo: the 2020 festival's plan of 30 stalls (A区 农产品, B区 特色
小吃/手工艺) held by 26 vendors of the street's villages, confirmed, checked in, most with their sales; next year's
plan with a dozen applications in every state, some waiting for cz_admin's review. Through the services (the system
as actor), deterministic for a seed; an event that already has stalls or vendors is left alone."""

from __future__ import annotations

import io
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.timezone import make_aware
from PIL import Image, ImageDraw

from taizhang.core import clock
from taizhang.events import vendors
from taizhang.events.models import Event, VendorApplication

VILLAGES = ["东辛村", "崔寨村", "史家坞村", "后范村", "王家坊村", "西辛村", "侯家村", "黄河人家合作社"]
FARM = [
    "黄河大米",
    "莲藕",
    "莲子",
    "西瓜",
    "蜂蜜",
    "小米",
    "鲜桃",
    "大葱",
    "黄河鲤鱼",
    "有机蔬菜",
    "红薯",
    "花生油",
    "土鸡蛋",
    "甜瓜",
]
CRAFT = ["手工布鞋", "面塑", "油旋", "把子肉", "糖葫芦", "剪纸", "草编", "煎饼", "香椿芽咸菜", "老粗布"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = ["秀英", "桂兰", "建国", "春生", "玉梅", "德胜", "凤英", "长青", "金山", "淑珍", "海燕", "立新", "红梅", "振华"]


def _certificate(holder: str) -> SimpleUploadedFile:
    """A small PNG standing in for the photo of a food-business licence."""
    image = Image.new("RGB", (320, 200), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, 313, 193), outline=(180, 30, 30), width=4)
    draw.text((24, 40), "FOOD SAFETY CERTIFICATE", fill=(120, 20, 20))
    draw.text((24, 80), f"No. {sum(map(ord, holder)) * 7919 % 10**8:08d}", fill=(60, 60, 60))
    out = io.BytesIO()
    image.save(out, "PNG")
    return SimpleUploadedFile("食品经营许可证.png", out.getvalue(), content_type="image/png")


def _people(rng: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    names: set[str] = set()
    people = []
    while len(people) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name in names:
            continue
        names.add(name)
        craft = len(people) % 3 == 2
        produce = rng.choice(CRAFT if craft else FARM)
        phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        people.append((name, phone, rng.choice(VILLAGES), produce))
    return people


def _register(event: Event, person, at: datetime, wish: str = "") -> VendorApplication:
    holder, phone, village, produce = person
    with clock.frozen(at):
        return vendors.vendor_register(
            actor=None,
            event=event,
            holder=holder,
            phone=phone,
            village=village,
            produce=produce,
            stall_wish=wish,
            certificate=_certificate(holder),
        )


def _plan(event: Event) -> list:
    vendors.stalls_create(actor=None, event=event, area="A区", rows=2, columns=10, note="农产品")
    vendors.stalls_create(actor=None, event=event, area="B区", rows=1, columns=10, note="特色小吃、手工艺")
    return list(event.stalls.order_by("area", "row", "column"))


def _past(event: Event, rng: random.Random) -> None:
    stalls = _plan(event)
    day = event.starts_on
    opened = make_aware(datetime.combine(day - timedelta(days=20), time(9)))
    for n, person in enumerate(_people(rng, 26)):
        at = opened + timedelta(hours=7 * n)
        vendor = _register(event, person, at)
        with clock.frozen(at + timedelta(days=1)):
            vendors.vendor_approve(actor=None, vendor=vendor)
            vendor = vendors.vendor_allocate(actor=None, vendor=vendor, stall=stalls[n])
        with clock.frozen(at + timedelta(days=2)):
            vendors.vendor_confirm(vendor=vendor)
        # Most report their sales after the day (their check-in is the check-in part's demo).
        if n % 7 != 6:
            with clock.frozen(make_aware(datetime.combine(day, time(17))) + timedelta(minutes=n)):
                vendors.vendor_report_sales(vendor=vendor, sales=Decimal(rng.randrange(30000, 360000)) / 100)


def _upcoming(event: Event, rng: random.Random, today) -> None:
    stalls = _plan(event)
    opened = make_aware(datetime.combine(today, time(8))) - timedelta(days=12)
    people = _people(rng, 12)
    made = [
        _register(event, p, opened + timedelta(hours=20 * n), "靠近入口" if n % 4 == 0 else "")
        for n, p in enumerate(people)
    ]
    # 0–2 submitted (cz_admin's review), 3 rejected, 4 withdrawn, 5–6 approved, 7–8 allocated, 9–11 confirmed.
    for n, vendor in enumerate(made):
        if n <= 2:
            continue
        if n == 3:
            vendors.vendor_reject(actor=None, vendor=vendor, note="未提供食品经营许可证，请补充后重新申请")
            continue
        if n == 4:
            vendors.vendor_withdraw(vendor=vendor, reason="当天另有安排")
            continue
        vendor = vendors.vendor_approve(actor=None, vendor=vendor, note="材料齐全")
        if n >= 7:
            vendor = vendors.vendor_allocate(actor=None, vendor=vendor, stall=stalls[n - 7])
        if n >= 9:
            vendors.vendor_confirm(vendor=vendor)


def build(*, past: Event, upcoming: Event, seed: int, today) -> None:
    rng = random.Random(seed * 7919 + 13)
    if not past.stalls.exists() and not past.vendors.exists():
        _past(past, rng)
    if not upcoming.stalls.exists() and not upcoming.vendors.exists():
        _upcoming(upcoming, rng, today)
