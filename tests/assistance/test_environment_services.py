"""人居环境: cleanings with photos and ratings, furniture needs, purchases and deliveries confirmed with a photo."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taizhang.assistance import environment as E
from taizhang.assistance.models import CleaningRecord, FurnitureNeed, PurchaseBatch
from taizhang.audit.models import AuditEntry
from tests.assistance.conftest import household
from tests.assistance.test_views import jpeg


def photo(name="p.jpg"):
    return SimpleUploadedFile(name, jpeg().read(), content_type="image/jpeg")


def test_a_cleaning_with_photos_and_rating(assisted):
    record = E.cleaning_record(
        actor=assisted.xs_worker,
        assisted=household("XS001"),
        day=timezone.localdate(),
        cleaner_kind="party",
        cleaner_name="王党员",
        rating="较好",
        before_photo=photo("a.jpg"),
        after_photo=photo("b.jpg"),
    )
    assert record.before_photo and record.after_photo and record.get_cleaner_kind_display() == "党员"
    with pytest.raises(ValidationError, match="卫生状况"):
        E.cleaning_record(
            actor=assisted.xs_worker,
            assisted=household("XS001"),
            day=timezone.localdate(),
            cleaner_kind="cleaner",
            cleaner_name="李保洁",
            rating="很好",
        )
    with pytest.raises(PermissionDenied):
        E.cleaning_record(
            actor=assisted.wenshao_worker,
            assisted=household("XS001"),
            day=timezone.localdate(),
            cleaner_kind="cleaner",
            cleaner_name="李保洁",
            rating="好",
        )
    assert CleaningRecord.objects.count() == 1


def test_needs_purchases_deliveries_and_what_is_owed(assisted):
    bed = E.need_add(actor=assisted.xs_worker, assisted=household("XS001"), item="床", quantity=1)
    chairs = E.need_add(actor=assisted.wenshao_worker, assisted=household("XS002"), item="椅", quantity=4)
    with pytest.raises(PermissionDenied):
        E.batch_create(
            actor=assisted.xs_worker,
            unit_id=assisted.xinshi.id,
            day=timezone.localdate(),
            supplier="济阳家具厂",
            lines=[("床", 1, Decimal("680.00"))],
            needs=[bed],
        )
    batch = E.batch_create(
        actor=assisted.xs_admin,
        unit_id=assisted.xinshi.id,
        day=timezone.localdate() - timedelta(days=3),
        supplier="济阳家具厂",
        lines=[("床", 1, Decimal("680.00")), ("椅", 2, Decimal("45.50"))],
        needs=[bed, chairs],
    )
    assert FurnitureNeed.objects.filter(batch=batch).count() == 2
    with pytest.raises(ValidationError, match="照片"):
        E.delivery_confirm(actor=assisted.xs_worker, need=bed, day=timezone.localdate(), photo=None)
    E.delivery_confirm(actor=assisted.xs_worker, need=bed, day=timezone.localdate(), photo=photo())
    rows, spent = E.balance(assisted.xs_admin)
    assert [(b.item, b.needed, b.bought, b.delivered, b.owed) for b in rows] == [("床", 1, 1, 1, 0), ("椅", 4, 2, 0, 4)]
    assert spent == Decimal("771.00")
    assert AuditEntry.objects.filter(object_type="assistance.purchase").get().changes["金额（元）"] == [None, "771.00"]
    assert E.balance(assisted.jy_admin) == ([], Decimal("0"))
    with pytest.raises(ValidationError, match="已采购"):
        E.batch_create(
            actor=assisted.xs_admin,
            unit_id=assisted.xinshi.id,
            day=timezone.localdate(),
            supplier="又一家",
            lines=[("床", 1, Decimal("1"))],
            needs=[FurnitureNeed.objects.get(pk=bed.pk)],
        )
    assert PurchaseBatch.objects.count() == 1


def test_the_environment_pages(client, assisted):
    xs001 = household("XS001")
    client.force_login(assisted.xs_worker)
    url = f"/assistance/households/{xs001.pk}/environment/"
    client.post(
        url,
        {
            "action": "cleaning",
            "day": timezone.localdate().isoformat(),
            "cleaner_kind": "cleaner",
            "cleaner_name": "李保洁",
            "rating": "一般",
            "before_photo": photo("x.jpg"),
        },
    )
    client.post(url, {"action": "need", "item": "桌", "quantity": 1, "note": "吃饭用"})
    need = FurnitureNeed.objects.get()
    client.force_login(assisted.xs_admin)
    response = client.post(
        "/assistance/environment/",
        {
            "action": "batch",
            "day": timezone.localdate().isoformat(),
            "supplier": "新市家具店",
            "qty-桌": 1,
            "price-桌": "120.00",
            "needs": [need.pk],
        },
    )
    assert response.status_code == 302
    client.post(
        url, {"action": "delivery", "need": need.pk, "day": timezone.localdate().isoformat(), "photo": photo("d.jpg")}
    )
    need.refresh_from_db()
    assert need.delivered_on == timezone.localdate() and need.stage == "已送达"
    page = client.get("/assistance/environment/").content.decode()
    assert "120.00" in page and "新市家具店" in page and "一般 1 次" in page
    household_page = client.get(url).content.decode()
    assert "李保洁" in household_page and "已送达" in household_page
    client.force_login(assisted.jy_admin)
    assert client.get(url).status_code == 404


def test_the_household_file_shows_deliveries(client, assisted):
    E.need_add(actor=assisted.xs_worker, assisted=household("XS001"), item="柜", quantity=1)
    client.force_login(assisted.xs_worker)
    page = client.get(f"/registry/households/{household('XS001').household_id}/").content.decode()
    assert "柜×1（待采购）" in page
