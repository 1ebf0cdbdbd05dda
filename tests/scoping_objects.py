"""How the URL walk fills the kernel's URL keywords with an object of 新市镇.

Only the kernel's keywords live here. A module's keywords live in the test module its manifest names as
`scoping_factories` (tests/assistance/scoping.py, tests/renewal/scoping.py); tests/scoping_walk.py assigns each route
to its owner and fails on a keyword the owner cannot fill, so no route slips past the scoping test unnoticed.
"""

import uuid

from taizhang.registry.models import Household, Person


def household_id(world):
    return Household.objects.get(unit=world.xinshi, household_no="XS001").pk


def person_id(world):
    return Person.objects.filter(unit=world.xinshi).first().pk


def user_id(world):
    return world.xs_worker.pk


def token(world):
    return uuid.uuid4().hex


def notification_id(world):
    """A notification of 新市镇's admin (notifications are personal: only the recipient opens one)."""
    from taizhang.hub.models import Notification
    from taizhang.hub.notifications import notify

    existing = Notification.objects.filter(recipient=world.xs_admin).first()
    return (existing or notify(world.xs_admin, "新市村 XS001 的问题已上报", "/assistance/problems/")[0]).pk


def batch_id(world):
    """An import batch of 新市镇 (a batch is its unit's: another unit's admin must not open or undo it)."""
    from django.core.files.base import ContentFile

    from taizhang.core import clock
    from taizhang.imports.models import ImportBatch

    batch, created = ImportBatch.objects.get_or_create(
        unit=world.xinshi,
        ledger="registry.households",
        defaults={"filename": "户籍.csv", "actor_name": "王主任（xs_admin）", "created_at": clock.now()},
    )
    if created:
        batch.source.save("户籍.csv", ContentFile("户编号\nXS001\n".encode()))
    return batch.pk


def job_id(world):
    """A finished batch print of 新市村, asked for by 新市镇's admin (only the one who asked may open it)."""
    from taizhang.core import clock
    from taizhang.registry.models import PrintJob

    now = clock.now()
    return PrintJob.objects.create(
        unit=world.xinshi,
        community=world.xinshi_village,
        requested_by=world.xs_admin,
        status=PrintJob.Status.DONE,
        total=1,
        done=1,
        created_at=now,
        heartbeat_at=now,
    ).pk


def signal_id(world):
    """A signal (疑点) of 新市镇 about visits in 新市村, kept as a run keeps it."""
    from taizhang.core import clock
    from taizhang.core.manifest import modules
    from taizhang.integrity.models import Signal

    now = clock.now()
    signal, _ = Signal.objects.get_or_create(
        unit=world.xinshi,
        fingerprint="scoping-walk",
        defaults={
            "community": world.xinshi_village,
            "module": next((spec.key for spec in modules()), "kernel"),
            "kind": "walk.pair",
            "day": now.date(),
            "detail": "XS001 与 XS002 两次走访只隔 6 分钟",
            "records": [{"ref": "visit:1", "label": "XS001 · 03-05 09:10", "url": "", "columns": ["XS001"]}],
            "found_at": now,
            "seen_at": now,
        },
    )
    return signal.pk


FACTORIES = {
    "batch_id": batch_id,
    "household_id": household_id,
    "person_id": person_id,
    "user_id": user_id,
    "token": token,
    "notification_id": notification_id,
    "job_id": job_id,
    "signal_id": signal_id,
}
