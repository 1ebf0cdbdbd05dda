"""After the event: finishing it with the crowd estimate (and reopening it, with a reason), the games' results,
vendors' sales a planner enters for them, the photos and the brief. Checked, atomic, audited (`events.report`,
`events.result`, `events.photo`, `events.vendor`)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.events import policies
from taizhang.events.auditing import audit
from taizhang.events.models import Closing, Event, EventPhoto, GameResult, Session, VendorApplication
from taizhang.events.models.report import REPORT_PHOTOS

THUMB_SIDE = 360
FEN = Decimal("0.01")


def _check_plan(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_plan(actor, unit_id):
        raise PermissionDenied("您无权处理本单位活动的总结")


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def event_finish(*, actor, event: Event, crowd: int) -> Closing:
    """Finish the event with the crowd estimate the office reports (参与群众约 N 人次)."""
    _check_plan(actor, event.unit_id)
    current = _locked(event)
    if current.finished:
        raise ValidationError("活动已结束")
    if crowd is None or crowd < 0:
        raise ValidationError({"crowd": "参与群众人次应为不小于 0 的整数"})
    closing = Closing.objects.filter(event=event).first()
    old = {"已结束": False, "参与群众（人次）": closing.crowd if closing else None}
    if closing is None:
        closing = Closing(unit_id=event.unit_id, event=event, crowd=crowd, finished_at=clock.now(), finished_by=actor)
    else:
        closing.crowd, closing.finished_at, closing.finished_by = crowd, clock.now(), actor
    closing.save()
    Event.objects.filter(pk=event.pk).update(finished=True)
    event.finished = True
    audit(
        event, "report", AuditEntry.Action.UPDATE, actor=actor, old=old, new={"已结束": True, "参与群众（人次）": crowd}
    )
    return closing


@transaction.atomic
def event_reopen(*, actor, event: Event, reason: str) -> Event:
    """Take the finish back (figures were wrong, a session still to hold): the closing's figures stay."""
    _check_plan(actor, event.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": "请填写重新开启的原因"})
    current = _locked(event)
    if not current.finished:
        raise ValidationError("活动尚未结束")
    Event.objects.filter(pk=event.pk).update(finished=False)
    event.finished = False
    audit(
        event,
        "report",
        AuditEntry.Action.RESTORE,
        actor=actor,
        old={"已结束": True},
        new={"已结束": False},
        reason=reason.strip(),
    )
    return event


@dataclass(frozen=True)
class Placing:
    place: int
    entrant: str
    score: str = ""
    prize: str = ""


def _placing_values(results) -> dict:
    return {f"第{r.place}名": " ".join(x for x in (r.entrant, r.score, r.prize) if x) for r in results}


@transaction.atomic
def results_set(*, actor, session: Session, placings: list[Placing]) -> list[GameResult]:
    """The game's places as a whole: rows left empty drop their place. Each entrant is linked to its sign-up when
    its name is a sign-up's team or person name."""
    _check_plan(actor, session.unit_id)
    if session.kind != Session.Kind.GAME:
        raise ValidationError("只有趣味运动会的项目录入比赛成绩")
    places = [p.place for p in placings]
    if len(places) != len(set(places)) or any(p < 1 for p in places):
        raise ValidationError("名次应为从 1 开始、互不相同的整数")
    Session.objects.select_for_update(of=("self",)).filter(pk=session.pk).first()
    old_results = list(session.results.all())
    signups = {}
    for s in session.signups.exclude(state="cancelled").order_by("signed_at", "id"):
        signups.setdefault(s.team_name or s.name, s)
    session.results.all().delete()
    saved = []
    for p in sorted(placings, key=lambda p: p.place):
        entrant = p.entrant.strip()
        if not entrant:
            continue
        result = GameResult(
            unit_id=session.unit_id,
            event_id=session.event_id,
            session=session,
            place=p.place,
            entrant=entrant,
            signup=signups.get(entrant),
            score=p.score.strip(),
            prize=p.prize.strip(),
        )
        result.full_clean()
        result.save()
        saved.append(result)
    old, new = _placing_values(old_results), _placing_values(saved)
    if old != new:
        audit(
            session,
            "result",
            AuditEntry.Action.UPDATE,
            actor=actor,
            old=old,
            new=new,
            label=f"{session.event.name} · {session.name}",
        )
    return saved


@transaction.atomic
def sales_set(*, actor, vendor: VendorApplication, sales: Decimal | None) -> VendorApplication:
    """A vendor's sales entered by a planner (reported by phone), or corrected; None clears it."""
    _check_plan(actor, vendor.unit_id)
    if sales is not None:
        if sales < 0:
            raise ValidationError({"sales": f"{vendor.holder}的销售额不能为负数"})
        sales = sales.quantize(FEN, rounding=ROUND_HALF_UP)
    if vendor.sales == sales:
        return vendor
    old = {"销售额（元）": vendor.sales}
    vendor.sales = sales
    vendor.sales_reported_at = clock.now() if sales is not None else None
    vendor.save(update_fields=["sales", "sales_reported_at"])
    audit(vendor, "vendor", AuditEntry.Action.UPDATE, actor=actor, old=old, new={"销售额（元）": sales})
    return vendor


def thumbnail(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data))
    image.thumbnail((THUMB_SIDE, THUMB_SIDE))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


@transaction.atomic
def photos_add(*, actor, event: Event, photos: list, caption: str = "") -> list[EventPhoto]:
    """Photos already cleaned (core.uploads), each with a thumbnail; one caption for the lot, numbered when several."""
    _check_plan(actor, event.unit_id)
    if not photos:
        raise ValidationError({"photos": "请选择要上传的照片"})
    added = []
    for n, upload in enumerate(photos, start=1):
        data = upload.read()
        text = caption.strip()
        if text and len(photos) > 1:
            text = f"{text}（{n}）"
        photo = EventPhoto(
            unit_id=event.unit_id, event=event, caption=text[:100], uploaded_by=actor, uploaded_at=clock.now()
        )
        name = f"{clock.now():%Y%m%d%H%M%S}-{n}.jpg"
        photo.image.save(name, ContentFile(data), save=False)
        photo.thumb.save(name, ContentFile(thumbnail(data)), save=False)
        photo.save()
        audit(photo, "photo", AuditEntry.Action.CREATE, actor=actor, new={"说明": photo.caption}, label=str(photo))
        added.append(photo)
    return added


@transaction.atomic
def photo_caption_set(*, actor, photo: EventPhoto, caption: str) -> EventPhoto:
    _check_plan(actor, photo.unit_id)
    if photo.caption != caption.strip():
        old = {"说明": photo.caption}
        photo.caption = caption.strip()[:100]
        photo.save(update_fields=["caption"])
        audit(photo, "photo", AuditEntry.Action.UPDATE, actor=actor, old=old, new={"说明": photo.caption})
    return photo


@transaction.atomic
def photos_pick(*, actor, event: Event, photo_ids: set[int]) -> None:
    """The photos the report shows: REPORT_PHOTOS at most."""
    _check_plan(actor, event.unit_id)
    if len(photo_ids) > REPORT_PHOTOS:
        raise ValidationError(f"报告最多选用 {REPORT_PHOTOS} 张照片，这次选了 {len(photo_ids)} 张")
    live = EventPhoto.objects.filter(event=event, voided_at__isnull=True)
    for photo in live:
        picked = photo.pk in photo_ids
        if photo.in_report != picked:
            photo.in_report = picked
            photo.save(update_fields=["in_report"])
            audit(
                photo,
                "photo",
                AuditEntry.Action.UPDATE,
                actor=actor,
                old={"用于报告": not picked},
                new={"用于报告": picked},
            )


@transaction.atomic
def photo_void(*, actor, photo: EventPhoto, reason: str) -> EventPhoto:
    _check_plan(actor, photo.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": "请填写删除照片的原因"})
    if photo.voided_at is not None:
        raise ValidationError("照片已删除")
    photo.voided_at, photo.voided_by, photo.void_reason = clock.now(), actor, reason.strip()
    photo.in_report = False
    photo.save(update_fields=["voided_at", "voided_by", "void_reason", "in_report"])
    audit(photo, "photo", AuditEntry.Action.VOID, actor=actor, reason=reason.strip())
    return photo


@transaction.atomic
def brief_set(*, actor, event: Event, text: str) -> Closing:
    """The brief as the office wants it in the report; empty text goes back to the generated one."""
    _check_plan(actor, event.unit_id)
    closing = Closing.objects.filter(event=event).first()
    if closing is None or not event.finished:
        raise ValidationError("活动结束后才能修改简报")
    text = text.strip()
    if closing.brief != text:
        old = {"简报": closing.brief or "（自动生成）"}
        closing.brief = text
        closing.save(update_fields=["brief"])
        audit(event, "report", AuditEntry.Action.UPDATE, actor=actor, old=old, new={"简报": text or "（自动生成）"})
    return closing
