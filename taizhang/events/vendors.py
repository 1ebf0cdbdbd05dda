"""The exhibition-sale's writes: a vendor applies on the public page, the unit reviews (approve, reject, a rejection
withdrawn), lays out stalls in bulk and allocates, moves or releases them; the vendor confirms the stall, withdraws,
and reports sales once after the event. Checked, atomic, audited (`events.vendor`, `events.stall`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.events import policies
from taizhang.events.auditing import audit
from taizhang.events.models import Event, Session, Stall, VendorApplication
from taizhang.events.rules import codes
from taizhang.events.rules import vendors as rules

A = AuditEntry.Action


def _label(vendor: VendorApplication) -> str:
    return f"{vendor.event.name} · {vendor.holder}"


def _check_plan(actor, unit_id: int) -> None:
    """None is the system (the demo, a command), as in the events' services."""
    if actor is not None and not policies.can_plan(actor, unit_id):
        raise PermissionDenied("只有本单位的活动负责人可以审核摊主、安排摊位")


def _step(vendor: VendorApplication, step: str) -> str:
    try:
        return rules.next_state(vendor.state, step)
    except rules.StepRefused as exc:
        raise ValidationError(str(exc)) from None


def _locked(vendor: VendorApplication) -> VendorApplication:
    """The vendor's row read again under lock: two stewards (or a steward and the vendor) never act on stale state."""
    return VendorApplication.objects.select_for_update(of=("self",)).select_related("event", "stall").get(pk=vendor.pk)


def has_exhibition(event: Event) -> bool:
    return event.sessions.filter(kind=Session.Kind.EXPO).exists()


@transaction.atomic
def vendor_apply(*, event: Event, **fields) -> VendorApplication:
    """A vendor's application from the public page (no account): the event must be open for sign-up and have an
    exhibition-sale. The certificate is a file already checked by the form (image or PDF, ≤ 5 MB)."""
    if not event.published or event.finished or not has_exhibition(event):
        raise ValidationError("这个活动现在不接受摊主报名")
    if event.signup_closes_at and clock.now() > event.signup_closes_at:
        raise ValidationError("报名已截止")
    return _new_vendor(event, actor=None, **fields)


@transaction.atomic
def vendor_register(*, actor, event: Event, **fields) -> VendorApplication:
    """A vendor who applied by phone or on paper, entered by a planner (or the system, for the demo and imports)."""
    _check_plan(actor, event.unit_id)
    return _new_vendor(event, actor=actor, **fields)


def _new_vendor(
    event: Event,
    *,
    actor,
    holder: str,
    phone: str,
    produce: str,
    village: str = "",
    stall_wish: str = "",
    certificate=None,
) -> VendorApplication:
    try:
        phone = rules.clean_mobile(phone)
    except ValueError as exc:
        raise ValidationError({"phone": str(exc)}) from None
    vendor = VendorApplication(
        unit_id=event.unit_id,
        event=event,
        holder=holder.strip(),
        phone=phone,
        village=village.strip(),
        produce=produce.strip(),
        stall_wish=stall_wish.strip(),
        submitted_at=clock.now(),
    )
    for _ in range(5):  # a code already used in the event (1 in 10^11 per pair) is drawn again
        if not VendorApplication.objects.filter(event=event, code=vendor.code).exists():
            break
        vendor.code = codes.new_code()
    if certificate:
        vendor.certificate.save(certificate.name, certificate, save=False)
    vendor.save()
    new = {
        "摊主": vendor.holder,
        "村居/合作社": vendor.village,
        "展销产品": vendor.produce,
        "摊位意向": vendor.stall_wish,
    }
    audit(vendor, "vendor", A.CREATE, actor=actor, new=new, label=_label(vendor))
    return vendor


@transaction.atomic
def vendor_approve(*, actor, vendor: VendorApplication, note: str = "") -> VendorApplication:
    _check_plan(actor, vendor.unit_id)
    vendor = _locked(vendor)
    return _review(actor, vendor, "approve", note.strip())


@transaction.atomic
def vendor_reject(*, actor, vendor: VendorApplication, note: str) -> VendorApplication:
    """Not approved, with the reason the vendor reads on their page; withdrawable (`vendor_reopen`)."""
    _check_plan(actor, vendor.unit_id)
    if not note.strip():
        raise ValidationError({"note": "请写明不予通过的原因，摊主会在自己的页面上看到"})
    vendor = _locked(vendor)
    return _review(actor, vendor, "reject", note.strip())


def _review(actor, vendor: VendorApplication, step: str, note: str) -> VendorApplication:
    old = {"状态": vendor.get_state_display(), "审核意见": vendor.review_note, "摊位": str(vendor.stall or "")}
    vendor.state = _step(vendor, step)
    vendor.review_note, vendor.reviewed_by, vendor.reviewed_at = note, actor, clock.now()
    if vendor.stall_id:  # a rejection takes the stall back
        vendor.stall = None
    vendor.save()
    new = {"状态": vendor.get_state_display(), "审核意见": note, "摊位": str(vendor.stall or "")}
    audit(vendor, "vendor", A.UPDATE, actor=actor, old=old, new=new, label=_label(vendor))
    return vendor


@transaction.atomic
def vendor_reopen(*, actor, vendor: VendorApplication, reason: str) -> VendorApplication:
    """A rejection withdrawn: the application waits for review again."""
    _check_plan(actor, vendor.unit_id)
    vendor = _locked(vendor)
    vendor.state = _step(vendor, "reopen")
    vendor.save(update_fields=["state"])
    audit(
        vendor,
        "vendor",
        A.UPDATE,
        actor=actor,
        old={"状态": rules.STATE_LABELS[rules.REJECTED]},
        new={"状态": vendor.get_state_display()},
        reason=reason,
        label=_label(vendor),
    )
    return vendor


@transaction.atomic
def vendor_allocate(*, actor, vendor: VendorApplication, stall: Stall, reason: str = "") -> VendorApplication:
    """An approved vendor gets a free stall of the same event; a vendor who holds one is moved (with a reason) and
    confirms the new one again."""
    _check_plan(actor, vendor.unit_id)
    vendor = _locked(vendor)
    stall = Stall.objects.select_for_update(of=("self",)).get(pk=stall.pk)
    if stall.event_id != vendor.event_id:
        raise ValidationError("这个摊位不属于该摊主报名的活动")
    moving = vendor.stall_id is not None
    if moving and not reason.strip():
        raise ValidationError({"reason": "调换摊位请写明原因"})
    if vendor.stall_id == stall.pk:
        raise ValidationError(f"摊主已在 {stall.number} 号摊位")
    holder = VendorApplication.objects.filter(stall=stall).first()
    if holder is not None:
        raise ValidationError(f"{stall.number} 号摊位已分配给 {holder.holder}，请选择空闲摊位")
    old = {"状态": vendor.get_state_display(), "摊位": str(vendor.stall or "")}
    vendor.state = _step(vendor, "allocate")
    vendor.stall, vendor.confirmed_at = stall, None
    try:
        with transaction.atomic():
            vendor.save()
    except IntegrityError:  # another steward gave the stall away at the same moment
        raise ValidationError(f"{stall.number} 号摊位刚刚被分配给别人，请选择其他摊位") from None
    new = {"状态": vendor.get_state_display(), "摊位": stall.number}
    audit(vendor, "vendor", A.UPDATE, actor=actor, old=old, new=new, reason=reason, label=_label(vendor))
    return vendor


@transaction.atomic
def vendor_release(*, actor, vendor: VendorApplication, reason: str) -> VendorApplication:
    """The stall taken back (the vendor stays approved and may be given another)."""
    _check_plan(actor, vendor.unit_id)
    return _leave_stall(actor, vendor, "release", reason)


def _leave_stall(actor, vendor: VendorApplication, step: str, reason: str) -> VendorApplication:
    """Release or withdrawal: the step taken and the stall freed, with the reason in the trail."""
    vendor = _locked(vendor)
    old = {"状态": vendor.get_state_display(), "摊位": str(vendor.stall or "")}
    vendor.state = _step(vendor, step)
    vendor.stall, vendor.confirmed_at = None, None
    vendor.save()
    new = {"状态": vendor.get_state_display(), "摊位": ""}
    audit(vendor, "vendor", A.UPDATE, actor=actor, old=old, new=new, reason=reason, label=_label(vendor))
    return vendor


@transaction.atomic
def vendor_confirm(*, vendor: VendorApplication) -> VendorApplication:
    """The vendor confirms the stall allocated to them (their private page)."""
    vendor = _locked(vendor)
    vendor.state = _step(vendor, "confirm")
    vendor.confirmed_at = clock.now()
    vendor.save(update_fields=["state", "confirmed_at"])
    audit(
        vendor,
        "vendor",
        A.UPDATE,
        actor=None,
        old={"状态": rules.STATE_LABELS[rules.ALLOCATED]},
        new={"状态": vendor.get_state_display(), "摊位": str(vendor.stall)},
        label=_label(vendor),
    )
    return vendor


@transaction.atomic
def vendor_withdraw(*, vendor: VendorApplication, reason: str, actor=None) -> VendorApplication:
    """The application withdrawn, by the vendor on their page (actor None) or by a planner for them; the stall is
    freed."""
    _check_plan(actor, vendor.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": "请写明撤回的原因"})
    return _leave_stall(actor, vendor, "withdraw", reason)


def may_report_sales(vendor: VendorApplication) -> bool:
    """A confirmed vendor reports once, from the event's day on."""
    return (
        vendor.state == rules.CONFIRMED
        and vendor.sales_reported_at is None
        and (vendor.event.finished or clock.today() >= vendor.event.starts_on)
    )


@transaction.atomic
def vendor_report_sales(*, vendor: VendorApplication, sales: Decimal | str) -> VendorApplication:
    vendor = _locked(vendor)
    if vendor.sales_reported_at is not None:
        raise ValidationError("销售额已经填报过了，如需更正请联系主办方")
    if not may_report_sales(vendor):
        raise ValidationError("活动当天起、摊位确认后才能填报销售额")
    return _set_sales(None, vendor, sales, "")


@transaction.atomic
def vendor_correct_sales(*, actor, vendor: VendorApplication, sales: Decimal | str, reason: str) -> VendorApplication:
    """A planner corrects a reported figure (the vendor phoned in a mistake), with the reason."""
    _check_plan(actor, vendor.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": "更正销售额请写明原因"})
    return _set_sales(actor, _locked(vendor), sales, reason)


def _set_sales(actor, vendor: VendorApplication, sales: Decimal | str, reason: str) -> VendorApplication:
    old = vendor.sales
    try:
        vendor.sales = rules.clean_sales(sales)
    except ValueError as exc:
        raise ValidationError({"sales": str(exc)}) from None
    vendor.sales_reported_at = vendor.sales_reported_at or clock.now()
    vendor.save(update_fields=["sales", "sales_reported_at"])
    audit(
        vendor,
        "vendor",
        A.UPDATE,
        actor=actor,
        old={"销售额（元）": old},
        new={"销售额（元）": vendor.sales},
        reason=reason,
        label=_label(vendor),
    )
    return vendor


@transaction.atomic
def stalls_create(*, actor, event: Event, area: str, rows: int, columns: int, note: str = "") -> list[Stall]:
    """`rows` × `columns` stalls of an area, numbered from its prefix (A区 → A-01 …) after the area's existing
    stalls and rows."""
    _check_plan(actor, event.unit_id)
    area = area.strip()
    prefix = rules.area_prefix(area)
    if not prefix:
        raise ValidationError({"area": "请填写区域，如 A区"})
    existing = event.stalls.filter(area=area)
    first_row = (existing.aggregate(m=Max("row"))["m"] or 0) + 1
    try:
        spots = rules.stall_spots(prefix, rows, columns, first_row=first_row, first_number=existing.count() + 1)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    taken = set(event.stalls.filter(number__in=[s.number for s in spots]).values_list("number", flat=True))
    if taken:
        raise ValidationError(f"摊位号 {'、'.join(sorted(taken))} 已存在，请换一个区域名")
    stalls = Stall.objects.bulk_create(
        Stall(unit_id=event.unit_id, event=event, number=s.number, area=area, row=s.row, column=s.column, note=note)
        for s in spots
    )
    for stall in Stall.objects.filter(event=event, number__in=[s.number for s in spots]):
        audit(
            stall,
            "stall",
            A.CREATE,
            actor=actor,
            new={"摊位号": stall.number, "区域": area},
            label=f"{event.name} · {stall.number}",
        )
    return stalls
