"""Living environment (人居环境): cleanings by party members and cleaners, furniture needs, purchases, deliveries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum

from taizhang.assistance import rules
from taizhang.assistance.models import (
    AssistedHousehold,
    CleaningRecord,
    FurnitureNeed,
    PurchaseBatch,
    PurchaseLine,
)
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.assistance.selectors import may_act_for
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus


def _draft(
    assisted: AssistedHousehold,
    object_type: str,
    object_id,
    repr_: str,
    changes: dict,
    action: str = AuditEntry.Action.CREATE,
) -> Draft:
    return Draft.filed_under(
        assisted, action=action, object_type=object_type, object_id=str(object_id), object_repr=repr_, changes=changes
    )


@transaction.atomic
def cleaning_record(
    *,
    actor,
    assisted: AssistedHousehold,
    day: date,
    cleaner_kind: str,
    cleaner_name: str,
    rating: str,
    note: str = "",
    before_photo=None,
    after_photo=None,
) -> CleaningRecord:
    if not may_act_for(actor, assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以登记")
    if day > clock.today():
        raise ValidationError("清扫日期不能晚于今天")
    if rating not in rules.HYGIENE_RATINGS:
        raise ValidationError(f"卫生状况应为：{'、'.join(rules.HYGIENE_RATINGS)}")
    if not (cleaner_name or "").strip():
        raise ValidationError("请填写清扫人姓名")
    record = CleaningRecord.objects.create(
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        assisted=assisted,
        date=day,
        cleaner_kind=cleaner_kind,
        cleaner_name=cleaner_name.strip(),
        rating=rating,
        note=(note or "").strip(),
        before_photo=before_photo or "",
        after_photo=after_photo or "",
        recorded_by=actor,
    )
    audit_append(
        [
            _draft(
                assisted,
                "assistance.cleaning",
                record.pk,
                f"清扫 {assisted.household.household_no} {day}",
                {
                    "清扫日期": [None, day],
                    "清扫人": [None, f"{record.get_cleaner_kind_display()}{record.cleaner_name}"],
                    "卫生状况": [None, rating],
                },
            )
        ],
        actor=actor,
    )
    return record


@transaction.atomic
def need_add(*, actor, assisted: AssistedHousehold, item: str, quantity: int, note: str = "") -> FurnitureNeed:
    if not may_act_for(actor, assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以登记")
    if item not in rules.FURNITURE or not 1 <= quantity <= 20:
        raise ValidationError(f"家具应为：{'、'.join(rules.FURNITURE)}，数量 1–20")
    need = FurnitureNeed.objects.create(
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        assisted=assisted,
        item=item,
        quantity=quantity,
        note=(note or "").strip(),
    )
    audit_append(
        [
            _draft(
                assisted,
                "assistance.furniture",
                need.pk,
                f"家具需求 {assisted.household.household_no}",
                {"家具": [None, f"{item} × {quantity}"]},
            )
        ],
        actor=actor,
    )
    return need


@transaction.atomic
def batch_create(
    *,
    actor,
    unit_id: int,
    day: date,
    supplier: str,
    lines: list[tuple[str, int, Decimal]],
    needs: list[FurnitureNeed],
    note: str = "",
) -> PurchaseBatch:
    """A purchase: its lines (item, quantity, unit price) and the needs it serves."""
    if not is_unit_admin_of(actor, unit_id):
        raise PermissionDenied("只有本单位管理员可以登记采购")
    lines = [(item, quantity, price) for item, quantity, price in lines if quantity]
    if not lines:
        raise ValidationError("请至少填写一种家具的数量和单价")
    for item, quantity, price in lines:
        if item not in rules.FURNITURE or quantity < 0 or price is None or price < 0:
            raise ValidationError(f"{item}的数量或单价有误")
    if any(n.unit_id != unit_id or n.batch_id or n.status != RecordStatus.ACTIVE for n in needs):
        raise ValidationError("所选需求中有已采购或不属于本单位的")
    batch = PurchaseBatch.objects.create(
        unit_id=unit_id, date=day, supplier=supplier.strip(), note=note, created_by=actor
    )
    PurchaseLine.objects.bulk_create(
        [
            PurchaseLine(unit_id=unit_id, batch=batch, item=item, quantity=quantity, unit_price=price)
            for item, quantity, price in lines
        ]
    )
    FurnitureNeed.objects.filter(pk__in=[n.pk for n in needs]).update(batch=batch)
    total = sum((quantity * price for _, quantity, price in lines), Decimal("0"))
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="assistance.purchase",
                object_id=str(batch.pk),
                object_repr=f"家具采购 {day} {batch.supplier}",
                unit_id=unit_id,
                changes={
                    "采购": [None, "；".join(f"{i} {q} 件 × {p} 元" for i, q, p in lines)],
                    "金额（元）": [None, str(total)],
                    "对应需求": [None, f"{len(needs)} 户次"],
                },
            )
        ],
        actor=actor,
    )
    return batch


@transaction.atomic
def delivery_confirm(*, actor, need: FurnitureNeed, day: date, photo) -> FurnitureNeed:
    need = FurnitureNeed.objects.select_for_update(of=("self",)).select_related("assisted__household").get(pk=need.pk)
    if not may_act_for(actor, need.assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以确认送达")
    if need.delivered_on:
        raise ValidationError("已确认送达")
    if not photo:
        raise ValidationError("请拍一张送到户里的照片")
    if day > clock.today():
        raise ValidationError("送达日期不能晚于今天")
    need.delivered_on, need.delivery_photo, need.delivered_by = day, photo, actor
    need.save(update_fields=["delivered_on", "delivery_photo", "delivered_by", "updated_at"])
    audit_append(
        [
            _draft(
                need.assisted,
                "assistance.furniture",
                need.pk,
                f"家具送达 {need.assisted.household.household_no}",
                {f"{need.item} × {need.quantity}": ["待送达", f"{day} 已送达"]},
                AuditEntry.Action.UPDATE,
            )
        ],
        actor=actor,
    )
    return need


def balance(user) -> tuple[list[rules.FurnitureBalance], Decimal]:
    """What was needed, bought, delivered and is still owed, per item; and what the purchases cost (two queries)."""
    needs = (
        FurnitureNeed.objects.visible_to(user)
        .filter(status=RecordStatus.ACTIVE)
        .values_list("item", "quantity", "delivered_on")
    )
    lines = PurchaseLine.objects.visible_to(user)
    spent = lines.aggregate(total=Sum(F("quantity") * F("unit_price")))["total"] or Decimal("0")
    return (
        rules.furniture_balance(((i, q, d is not None) for i, q, d in needs), lines.values_list("item", "quantity")),
        spent,
    )
