"""URL keywords of the assistance module for the scoping walk (tests/scoping_walk.py), each filled with a record of
新市镇 (XS001 in 新市村, helped by xs_worker). The module's routes may also use the kernel's keywords (household_id)."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taizhang.registry.models import Household


def assisted_id(world):
    from taizhang.assistance.households import assisted_mark
    from taizhang.assistance.models import AssistedHousehold, Category

    household = Household.objects.get(unit=world.xinshi, household_no="XS001")
    existing = AssistedHousehold.objects.filter(household=household).first()
    return (
        existing
        or assisted_mark(
            actor=world.xs_admin,
            household=household,
            category=Category.REGISTERED,
            start_date=date(2025, 1, 1),
            helpers=[world.xs_worker],
        )
    ).pk


def visit_id(world):
    from taizhang.assistance.models import AssistedHousehold, Visit
    from taizhang.assistance.visits import visit_record

    if not Visit.objects.filter(unit=world.xinshi).exists():
        started = timezone.make_aware(datetime(2026, 3, 2, 9, 0))
        visit_record(
            actor=world.xs_worker,
            assisted=AssistedHousehold.objects.get(pk=assisted_id(world)),
            visitors=[world.xs_worker],
            started_at=started,
            ended_at=started + timedelta(minutes=40),
            photos=[SimpleUploadedFile("p.jpg", _jpeg(), content_type="image/jpeg")],
        )
    return Visit.objects.filter(unit=world.xinshi).first().pk


def photo_id(world):
    from taizhang.assistance.models import VisitPhoto

    visit_id(world)
    return VisitPhoto.objects.filter(unit=world.xinshi).first().pk


def problem_id(world):
    from taizhang.assistance.models import Problem
    from taizhang.assistance.problems import problem_create

    if not Problem.objects.filter(unit=world.xinshi).exists():
        from taizhang.assistance.models import Visit

        visit = Visit.objects.get(pk=visit_id(world))
        problem_create(
            actor=world.xs_worker,
            assisted=visit.assisted,
            category="饮水",
            description="水管漏水",
            visit=visit,
            photos=[SimpleUploadedFile("q.jpg", _jpeg(), content_type="image/jpeg")],
            report=True,
        )
    return Problem.objects.filter(unit=world.xinshi).first().pk


def problem_photo_id(world):
    from taizhang.assistance.models import ProblemPhoto

    problem_id(world)
    return ProblemPhoto.objects.filter(unit=world.xinshi).first().pk


def training_id(world):
    from taizhang.assistance.models import TrainingSession
    from taizhang.assistance.trainings import schedule

    assisted_id(world)  # a helper to expect
    if not TrainingSession.objects.filter(unit=world.xinshi).exists():
        schedule(
            actor=world.xs_admin,
            unit_id=world.xinshi.id,
            start=date(2026, 1, 5),
            until=date(2026, 1, 5),
            topics="入户走访",
        )
        session = TrainingSession.objects.get(unit=world.xinshi)
        session.material_file.save("材料.txt", ContentFile("区里的文件".encode()), save=True)
    return TrainingSession.objects.filter(unit=world.xinshi).first().pk


def document_id(world):
    from taizhang.assistance.archives import archive_check, document_upload, ensure_items
    from taizhang.assistance.models import ArchiveDocument, ArchiveItem, AssistedHousehold

    if not ArchiveDocument.objects.filter(unit=world.xinshi).exists():
        assisted = AssistedHousehold.objects.get(pk=assisted_id(world))
        ensure_items(world.xinshi.id)
        document_upload(
            actor=world.xs_admin,
            assisted=assisted,
            item=ArchiveItem.objects.get(unit=world.xinshi, name="帮扶计划"),
            file=SimpleUploadedFile("帮扶计划.pdf", b"%PDF-1.4"),
        )
        archive_check(actor=world.xs_admin, unit=world.xinshi)  # findings for the list pages too
    return ArchiveDocument.objects.filter(unit=world.xinshi).first().pk


def cleaning_id(world):
    from taizhang.assistance.environment import cleaning_record
    from taizhang.assistance.models import AssistedHousehold, CleaningRecord

    if not CleaningRecord.objects.filter(unit=world.xinshi).exists():
        cleaning_record(
            actor=world.xs_admin,
            assisted=AssistedHousehold.objects.get(pk=assisted_id(world)),
            day=date(2026, 3, 2),
            cleaner_kind="party",
            cleaner_name="王党员",
            rating="好",
            before_photo=SimpleUploadedFile("a.jpg", _jpeg(), content_type="image/jpeg"),
            after_photo=SimpleUploadedFile("b.jpg", _jpeg(), content_type="image/jpeg"),
        )
    return CleaningRecord.objects.filter(unit=world.xinshi).first().pk


def which(world):
    return "before"


def need_id(world):
    from taizhang.assistance.environment import batch_create, delivery_confirm, need_add
    from taizhang.assistance.models import AssistedHousehold, FurnitureNeed

    if not FurnitureNeed.objects.filter(unit=world.xinshi).exists():
        need = need_add(
            actor=world.xs_admin, assisted=AssistedHousehold.objects.get(pk=assisted_id(world)), item="床", quantity=1
        )
        batch_create(
            actor=world.xs_admin,
            unit_id=world.xinshi.id,
            day=date(2026, 3, 1),
            supplier="济阳家具厂",
            lines=[("床", 1, Decimal("680"))],
            needs=[need],
        )
        delivery_confirm(
            actor=world.xs_admin,
            need=need,
            day=date(2026, 3, 5),
            photo=SimpleUploadedFile("d.jpg", _jpeg(), content_type="image/jpeg"),
        )
    return FurnitureNeed.objects.filter(unit=world.xinshi).first().pk


def finding_id(world):
    from taizhang.assistance.models import ArchiveFinding

    document_id(world)  # runs the archive check
    return ArchiveFinding.objects.filter(unit=world.xinshi).first().pk


def _jpeg() -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(stream, "JPEG")
    return stream.getvalue()


FACTORIES = {
    "assisted_id": assisted_id,
    "visit_id": visit_id,
    "photo_id": photo_id,
    "problem_id": problem_id,
    "problem_photo_id": problem_photo_id,
    "training_id": training_id,
    "document_id": document_id,
    "cleaning_id": cleaning_id,
    "which": which,
    "need_id": need_id,
    "finding_id": finding_id,
}
