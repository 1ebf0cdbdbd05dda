"""新市镇's last two months as an inspector finds them: among the genuine visits, the ones a ledger is faked with —
notes copied with a word changed, a morning of visits in two villages six minutes apart, a day longer than a working
day, visits at night, 补录 typed in by the batch or a week late, a visit changed after its month closed, a photo or a
position used twice, a position at the town hall — and a few that look odd but were genuine (a visit to a household
whose head works until nine, two households in one courtyard, a head in hospital). Each visit goes through the visit
service with the clock at the moment it was entered; nothing marks a fake but the pattern itself.

Then the unit admin runs the signals over those months and reviews some of what they find (demo_reviews)."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from decimal import Decimal

from taizhang.assistance import demo_reviews
from taizhang.assistance.demo_places import (
    CENTRES,
    COUNTY_HOSPITAL,
    TOWN_HALL,
    near,
    note,
    photo,
    place_households,
)
from taizhang.assistance.demo_plans import Planned, Planner, at
from taizhang.assistance.households import helpers_assign
from taizhang.assistance.models import Visit
from taizhang.assistance.visits import visit_record
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import User

SHORT_NOTES = ["了解家庭情况，宣传政策", "查看饮水住房", "询问身体状况", "核对档案资料", "宣传防返贫政策"]
NORMAL, PROBLEM, RECTIFY = "normal", "problem", "rectify"  # integrity.models.Verdict


def plan(p: Planner) -> None:
    z, s, w, x, dl = (p.helpers[v] for v in ("新市村", "闻韶村", "王家村", "邢家村", "大柳村"))
    m1, m2 = p.m1, p.m2
    # 张帮扶: genuine phone days (one sent from the outbox in the evening, one with a late call on a household whose
    # head works in the county town until nine), two mornings across 新市村 and 闻韶村 six minutes apart, three
    # households "visited" from the 村委会's courtyard, one visit typed in four days later after the phone broke.
    if day := p.day(z, m2, 0):
        p.phone_day(z, "新市村", day, ["08:40", "09:50", "11:00", "14:30", "15:45"], sent_at=at(day, "18:05"))
    for month in (m2, m1):
        if day := p.day(z, month, 1):
            for n in range(6):
                village = "闻韶村 张" if n % 2 else "新市村"
                start = at(day, "08:00") + timedelta(minutes=36 * n)
                review = (PROBLEM, "张帮扶承认当天上午在镇上开会，六户走访是晚上凭印象补填的") if n == 1 else None
                p.add(
                    z,
                    p.household(village, home=False),
                    start,
                    30,
                    at(day, "20:30") + timedelta(minutes=5 * n),
                    notes=p.rng.choice(SHORT_NOTES),
                    review=review,
                )
    if day := p.day(z, m1, 0):
        p.phone_day(z, "新市村", day, ["09:00", "10:15", "14:40"])
        p.add(
            z,
            p.household("新市村"),
            at(day, "21:20"),
            35,
            source=Visit.Source.PHONE,
            notes=note(p.rng),
            photo=p.photo(),
            review=(NORMAL, "户主在县城务工，晚上九点后才到家，已电话向户主核实当晚走访属实"),
        )
    if day := p.day(z, m1, 2):
        office = (round(CENTRES["新市村"][0] + 0.000130, 6), round(CENTRES["新市村"][1] - 0.000210, 6))
        for n, hhmm in enumerate(["09:00", "10:05", "14:30"]):
            review = (RECTIFY, "三户定位都在村委会院里，约谈张帮扶，要求到户走访、现场拍照") if n == 0 else None
            p.add(
                z,
                p.household("新市村"),
                at(day, hhmm),
                40,
                source=Visit.Source.PHONE,
                notes=note(p.rng),
                photo=p.photo(),
                position=office,
                review=review,
            )
    if (day := p.day(z, m1, 3)) and day + timedelta(days=4) < p.today:
        p.add(
            z,
            p.household("新市村"),
            at(day, "10:00"),
            40,
            at(day + timedelta(days=4), "09:15"),
            notes=note(p.rng),
            review=(NORMAL, "当天手机故障，修好后补录；已电话向户主核实走访属实"),
        )
    # 孙帮扶: a genuine phone day whose photo of one house comes back a month later as another household's; a visit
    # typed in six days late; three notes copied with a word changed; a visit at 22:40; two households in one courtyard.
    reused = None
    if day := p.day(s, m2, 0):
        reused = p.phone_day(s, "闻韶村", day, ["08:50", "10:10", "14:20", "15:40"])[1].photo
    if (day := p.day(s, m2, 1)) and day + timedelta(days=6) < p.today:
        p.add(
            s,
            p.household("闻韶村"),
            at(day, "09:30"),
            45,
            at(day + timedelta(days=6), "16:20"),
            notes=note(p.rng),
            review=(PROBLEM, "补录时间与走访相隔六天，户主记不清当天是否有人来过"),
        )
    if day := p.day(s, m1, 0):
        base = "户主在家，拧了水管，水压正常，屋顶去年修过，这次看了没有渗漏，儿子在济南工地务工，每月寄回两千多元，讲了防返贫监测的申报渠道。"
        copies = [base, base.replace("两千多元", "三千多元"), base.replace("济南", "淄博")]
        for n, (hhmm, text) in enumerate(zip(["14:00", "15:10", "16:20"], copies, strict=True)):
            review = (PROBLEM, "三户记录只改了一个词，回访其中两户，当天并未走访") if n == 0 else None
            p.add(
                s,
                p.household("闻韶村"),
                at(day, hhmm),
                45,
                at(day, "19:00") + timedelta(minutes=6 * n),
                notes=text,
                review=review,
            )
    if day := p.day(s, m1, 1):
        p.phone_day(s, "闻韶村", day, ["09:10", "10:30"])
        if reused:
            p.add(
                s,
                p.household("闻韶村"),
                at(day, "14:50"),
                40,
                source=Visit.Source.PHONE,
                notes=note(p.rng),
                photo=(reused[0], "small"),
                review=(PROBLEM, "照片是上月在另一户拍的，孙帮扶当天未到该户"),
            )
    if day := p.day(s, m1, 2):
        p.add(
            s,
            p.household("闻韶村"),
            at(day, "22:40"),
            32,
            source=Visit.Source.PHONE,
            notes=note(p.rng),
            photo=p.photo(),
            review=(PROBLEM, "户主反映当晚无人来访，系事后到门口补拍定位"),
        )
    if day := p.day(s, m1, 3):
        courtyard = [h for h in p.households["闻韶村"] if h.pk in p.homes][2:4]
        spot = near(p.homes[courtyard[0].pk], p.rng, 3) if len(courtyard) == 2 else None
        for n, household in enumerate(courtyard):
            review = (NORMAL, "两户是父子分户，同住一个院落，定位相同属正常") if n == 0 else None
            p.add(
                s,
                household,
                at(day, "09:00") + timedelta(minutes=50 * n),
                40,
                source=Visit.Source.PHONE,
                notes=note(p.rng),
                photo=p.photo(),
                position=spot,
                review=review,
            )
    # 王帮扶: six visits typed in within eight minutes, days after; a phone visit placed at the town hall.
    if day := p.day(w, m2, 3):
        for n, (k, hhmm) in enumerate(
            [(0, "09:00"), (0, "14:30"), (1, "09:20"), (1, "15:00"), (2, "10:00"), (2, "14:40")]
        ):
            visit_day = p.day(w, m2, k)
            review = (RECTIFY, "王帮扶一次补录六次走访，要求走访当天录入") if n == 0 else None
            p.add(
                w,
                p.household("王家村"),
                at(visit_day, hhmm),
                p.rng.randint(35, 55),
                at(day, "19:40", 10) + timedelta(seconds=70 * n + p.rng.randint(0, 20)),
                notes=p.rng.choice(SHORT_NOTES),
                review=review,
            )
    if day := p.day(w, m1, 0):
        p.phone_day(w, "王家村", day, ["10:40"])
        p.add(
            w,
            p.household("王家村"),
            at(day, "09:30"),
            40,
            source=Visit.Source.PHONE,
            notes=note(p.rng),
            photo=p.photo(),
            position=near(TOWN_HALL, p.rng),
            review=(PROBLEM, "定位在镇政府院内，离该户约四公里，王帮扶当时在镇上开会"),
        )
    # 邢帮扶: a visit at 21:35; two notes copied; the same photo in two households; a day of twelve visits; seven
    # visits typed in one evening.
    if day := p.day(x, m2, 0):
        p.add(
            x,
            p.household("邢家村"),
            at(day, "21:35"),
            35,
            at(day + timedelta(days=1), "08:20"),
            notes=p.rng.choice(SHORT_NOTES),
            review=(RECTIFY, "晚上九点半以后入户不合规定，要求白天补访"),
        )
    if day := p.day(x, m2, 1):
        base = "老两口都在家，看了灶房和厕所，改厕后使用正常，户主高血压，按时吃药，家庭医生上月来过，提醒按时缴纳明年的医保。"
        for n, text in enumerate([base, base.replace("高血压", "糖尿病")]):
            review = (RECTIFY, "两户记录雷同，要求据实重写") if n == 0 else None
            p.add(
                x,
                p.household("邢家村"),
                at(day, ["09:00", "10:30"][n]),
                50,
                at(day, "20:10") + timedelta(minutes=9 * n),
                notes=text,
                review=review,
            )
    if day := p.day(x, m2, 2):
        number = p.photo()[0]
        for n, variant in enumerate(["", "crop"]):
            review = (PROBLEM, "两户的照片是同一张，第二户当天没有去") if n == 0 else None
            p.add(
                x,
                p.household("邢家村"),
                at(day, ["09:00", "10:20"][n]),
                40,
                source=Visit.Source.PHONE,
                notes=note(p.rng),
                photo=(number, variant),
                review=review,
            )
    if day := p.day(x, m1, 0):
        start = at(day, "07:00")
        for n in range(12):
            minutes = p.rng.randint(50, 55)
            review = (PROBLEM, "一天十二户、十二个多小时，邢帮扶承认部分走访是电话了解的") if n == 0 else None
            p.add(
                x,
                p.household("邢家村", home=False),
                start,
                minutes,
                at(day, "20:00") + timedelta(minutes=7 * n),
                notes=p.rng.choice(SHORT_NOTES),
                review=review,
            )
            start += timedelta(minutes=minutes + p.rng.randint(12, 14))
    if day := p.day(x, m1, 4):
        slots = [(1, "09:00"), (1, "10:30"), (1, "15:00"), (2, "09:10"), (2, "14:40"), (3, "09:20"), (3, "15:10")]
        for n, (k, hhmm) in enumerate(slots):
            review = (PROBLEM, "七次走访在一个晚上几分钟内录完，抽查两户均称未见帮扶责任人") if n == 0 else None
            p.add(
                x,
                p.household("邢家村"),
                at(p.day(x, m1, k), hhmm),
                p.rng.randint(35, 55),
                at(day, "20:02", 10) + timedelta(seconds=75 * n),
                notes=p.rng.choice(SHORT_NOTES),
                review=review,
            )
    # 柳帮扶: the household's head is in the county hospital; the helper went there.
    if day := p.day(dl, m1, 0):
        p.add(
            dl,
            p.household("大柳村"),
            at(day, "15:00"),
            40,
            source=Visit.Source.PHONE,
            photo=p.photo(),
            notes="户主住院，到区人民医院探望，了解治疗和报销情况",
            position=near(COUNTY_HOSPITAL, p.rng),
            review=(NORMAL, "户主住院，帮扶责任人到医院探望，医院有探视登记"),
        )


def plant(p: Planner) -> tuple[dict[int, tuple[str, str]], int]:
    """Record the planned visits not yet recorded; returns the planted visits' reviews by visit id."""
    existing = {
        (v.assisted_id, v.started_at): v.pk
        for v in Visit.objects.filter(
            unit_id=next(iter(p.households.values()))[0].unit_id,
            status=RecordStatus.ACTIVE,
            visit_date__gte=p.m2,
            source__in=(Visit.Source.FORM, Visit.Source.PHONE),
        )
    }
    reviews, made = {}, 0
    for planned in p.visits:
        pk = existing.get((planned.assisted.pk, planned.start))
        if pk is None:
            pk = _record(planned, p.rng)
            made += 1
        if planned.review:
            reviews[pk] = planned.review
    return reviews, made


def _decimal(position):
    """A position as the phone sends it: six decimals."""
    return tuple(Decimal(f"{v:.6f}") for v in position) if position else None


def _record(planned: Planned, rng: random.Random) -> int:
    phone = planned.source == Visit.Source.PHONE
    start_position = _decimal(planned.position)
    end_position = _decimal(near(planned.position, rng, 4) if planned.position and phone else planned.position)
    with clock.frozen(planned.entered):
        visit, _ = visit_record(
            actor=planned.helper,
            assisted=planned.assisted,
            visitors=[planned.helper],
            started_at=planned.start,
            ended_at=planned.start + timedelta(minutes=planned.minutes),
            values={"notes": planned.notes, "water": "ok", "housing": "ok"} if phone else {"notes": planned.notes},
            idempotency_key=str(uuid.UUID(int=rng.getrandbits(128), version=4)) if phone else None,
            source=planned.source,
            start_position=start_position,
            end_position=end_position,
            photos=[photo(*planned.photo)] if planned.photo else (),
        )
    # created_at is stamped by Django (auto_now_add), which the clock override does not reach: the moment the visit
    # was entered is what the entry signals read.
    Visit.objects.filter(pk=visit.pk).update(created_at=planned.entered)
    return visit.pk


def build(unit, helpers_by_village: dict[str, User], *, seed: int, write) -> None:
    admin = User.objects.get(username="xs_admin")
    homes = place_households(unit, admin, seed)
    planner = Planner(unit, helpers_by_village, homes, seed, clock.today())
    _share_households(planner, admin)
    plan(planner)
    reviews, made = plant(planner)
    edited = demo_reviews.late_edits(unit, planner.m1, planner.m2)
    write(f"新市镇疑点演示：{len(homes)} 户有位置，近两月补充走访 {made} 次，月结后修改 {edited} 次")
    demo_reviews.run_and_review(unit, admin, planner.m2, planner.m1, reviews, write)


def _share_households(p: Planner, admin) -> None:
    """张帮扶 also helps four households of 闻韶村 from two months back (包片调整)."""
    z, s = p.helpers["新市村"], p.helpers["闻韶村"]
    for household in p.households["闻韶村"][-4:]:
        if not household.assignments.filter(helper=z, end_date__isnull=True).exists():
            helpers_assign(
                actor=admin, assisted=household, helpers=[s, z], on=p.m2, reason="包片调整：张帮扶协助闻韶村走访"
            )
    p.households["闻韶村 张"] = p.households["闻韶村"][-4:]
    p.next_household["闻韶村 张"] = 0
