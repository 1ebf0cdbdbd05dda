"""/api/assistance/: a household's cleanings, furniture needs and their delivery."""

from __future__ import annotations

from datetime import date

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from taizhang.assistance import environment
from taizhang.assistance.models import AssistedHousehold, FurnitureNeed
from taizhang.core import clock, uploads
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["帮扶"])


class CleaningIn(Schema):
    day: date | None = None
    cleaner_kind: str = ""
    cleaner_name: str = ""
    rating: str = ""
    note: str = ""


class NeedIn(Schema):
    item: str = ""
    quantity: int = 1
    note: str = ""


class NeedOut(Schema):
    id: int
    assisted_id: int
    item: str
    quantity: int
    stage: str
    delivered_on: date | None


@router.post("/households/{assisted_id}/cleanings", response={201: dict})
def record_cleaning(request, assisted_id: int, payload: CleaningIn):
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    record = environment.cleaning_record(
        actor=request.user,
        assisted=assisted,
        day=payload.day or clock.today(),
        cleaner_kind=payload.cleaner_kind,
        cleaner_name=payload.cleaner_name,
        rating=payload.rating,
        note=payload.note,
    )
    return Status(201, {"id": record.pk, "date": str(record.date), "rating": record.rating})


def _need_out(need: FurnitureNeed) -> dict:
    return {
        "id": need.pk,
        "assisted_id": need.assisted_id,
        "item": need.item,
        "quantity": need.quantity,
        "stage": need.stage,
        "delivered_on": need.delivered_on,
    }


@router.post("/households/{assisted_id}/furniture-needs", response={201: NeedOut})
def add_need(request, assisted_id: int, payload: NeedIn):
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    return Status(
        201,
        _need_out(
            environment.need_add(
                actor=request.user, assisted=assisted, item=payload.item, quantity=payload.quantity, note=payload.note
            )
        ),
    )


@router.post("/furniture-needs/{need_id}/delivery", response=NeedOut)
def confirm_delivery(request, need_id: int, photo: UploadedFile = File(None), day: date | None = Form(None)):
    """Confirm a delivery with a photo of the furniture in the home (multipart: photo, day)."""
    need = get_visible_or_404(FurnitureNeed.objects.all(), request.user, pk=need_id)
    return _need_out(
        environment.delivery_confirm(
            actor=request.user, need=need, day=day or clock.today(), photo=uploads.photo_or_none(photo)
        )
    )
