"""Writing a bench/integrity.py town into the database: the registry's households (the demo rows), the helpers and
their assignments (the assisted import), the recorded positions, then every planned visit in bulk with its helpers,
photos, entry time and the audit trail's edits of it."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from common import bench_unit
from integrity_town import Town

START = date(2026, 1, 1)  # assisted since; the visit rule in force since


def write_town(
    t: Town, *, unit_name: str, code: str, seed: int, registry: list[tuple]
) -> tuple[object, dict[int, int]]:
    """The unit, and each plan's key → its visit's pk. `registry`: every unit the database will hold, as demo_rows
    takes them (its persons' ID numbers are unique within one call, so each unit takes its rows from the same call)."""
    from taizhang.assistance.importing import ASSISTED_COLUMNS, assisted_import
    from taizhang.assistance.models import AssistedHousehold, VisitRuleVersion
    from taizhang.documents.tabular import write_csv
    from taizhang.hub.demo import demo_rows, rows_to_csv
    from taizhang.org.models import Role, User
    from taizhang.registry.importing import household_import

    communities = [(name, "village") for name, _ in t.villages]
    unit = bench_unit(unit_name, communities)
    rows = demo_rows(seed=seed, units=registry)[unit_name]
    assert len(rows) and rows[0][0].startswith(code)
    report = household_import(unit=unit, data=rows_to_csv(rows), filename="registry.csv")
    assert report.ok, [e.as_text() for e in report.errors[:5]]
    User.objects.bulk_create(
        [
            User(username=h.username, full_name=h.name, role=Role.FIELD_WORKER, node=unit, unit=unit, password="!")
            for h in t.helpers
        ]
        + [
            User(
                username=admin_name(code),
                full_name="疑点管理员",
                role=Role.UNIT_ADMIN,
                node=unit,
                unit=unit,
                password="!",
            )
        ]
    )
    owner = {home: h.username for h in t.helpers for home in h.homes}
    stream = io.BytesIO()
    write_csv(
        stream,
        ASSISTED_COLUMNS,
        ([home.no, "建档立卡户", START.isoformat(), owner[i]] for i, home in enumerate(t.homes)),
    )
    report = assisted_import(actor=None, unit=unit, data=stream.getvalue(), filename="assisted.csv")
    assert report.ok, [e.as_text() for e in report.errors[:5]]
    assisted = {
        a.household.household_no: a for a in AssistedHousehold.objects.filter(unit=unit).select_related("household")
    }
    located = []
    for home in t.homes:
        if home.recorded:
            a = assisted[home.no]
            a.latitude, a.longitude = _decimal(home.recorded[0]), _decimal(home.recorded[1])
            located.append(a)
    AssistedHousehold.objects.bulk_update(located, ["latitude", "longitude"], batch_size=2000)
    if not VisitRuleVersion.objects.filter(unit=unit).exists():
        VisitRuleVersion.objects.create(unit=unit, effective_from=START, min_visits_per_month=2, min_minutes=30)
    users = {u.username: u for u in User.objects.filter(unit=unit)}
    return unit, _write_visits(t, unit, code, assisted, users)


def admin_name(code: str) -> str:
    return f"{code.lower()}_admin"


def _decimal(degrees: float) -> Decimal:
    return Decimal(f"{degrees:.6f}")


def _aware(moment: datetime) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(moment)


def _write_visits(t: Town, unit, code: str, assisted: dict, users: dict) -> dict[int, int]:
    from django.conf import settings
    from django.db import transaction

    from taizhang.assistance.models import Visit, VisitPhoto

    admin = users[admin_name(code)]
    plans = sorted(t.plans, key=lambda p: p.key)
    visits = []
    for p in plans:
        a = assisted[t.homes[p.home].no]
        recorder = users[t.helpers[p.recorded_by].username] if p.recorded_by is not None else admin
        positions = {}
        for prefix, position in (("start", p.start_position), ("end", p.end_position)):
            if position:
                positions[f"{prefix}_latitude"], positions[f"{prefix}_longitude"] = map(_decimal, position)
        visits.append(
            Visit(
                unit_id=unit.pk,
                community_id=a.community_id,
                assisted_id=a.pk,
                recorded_by=recorder,
                visit_date=p.start.date(),
                started_at=_aware(p.start),
                ended_at=_aware(p.end),
                minutes=p.minutes,
                source=p.source,
                idempotency_key=f"bench-{code}-{p.key}" if p.source == "phone" else None,
                **positions,
                **p.values,
            )
        )
    hashed = any(f.name == "phash" for f in VisitPhoto._meta.fields)  # the photo signal's stored hash, if any
    with transaction.atomic():
        Visit.objects.bulk_create(visits, batch_size=1000)
        for visit, p in zip(visits, plans, strict=True):
            visit.created_at = _aware(p.entered)
        Visit.objects.bulk_update(visits, ["created_at"], batch_size=1000)
        Visit.helpers.through.objects.bulk_create(
            [
                Visit.helpers.through(visit_id=v.pk, user_id=users[t.helpers[p.helper].username].pk)
                for v, p in zip(visits, plans, strict=True)
            ],
            batch_size=2000,
        )
        photos = []
        for v, p in zip(visits, plans, strict=True):
            for i, picture in enumerate(p.photos):
                name = f"assistance/visits/{p.start:%Y/%m}/{code}-{p.key}-{i}.jpg"
                path = settings.MEDIA_ROOT / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(picture)
                photo = VisitPhoto(unit_id=unit.pk, community_id=v.community_id, visit_id=v.pk, image=name)
                if hashed:
                    photo.phash = _phash(picture)
                photos.append(photo)
        VisitPhoto.objects.bulk_create(photos, batch_size=1000)
        _write_edits(t, plans, visits, assisted, users)
    return {p.key: v.pk for p, v in zip(plans, visits, strict=True)}


def _phash(picture: bytes) -> str:
    import imagehash
    from PIL import Image

    return str(imagehash.phash(Image.open(io.BytesIO(picture))))


def _write_edits(t: Town, plans, visits, assisted: dict, users: dict) -> None:
    """Each edit as the audit trail keeps it: an update entry of the visit, at the moment it was made."""
    from taizhang.assistance.households import assisted_draft
    from taizhang.audit.models import AuditEntry
    from taizhang.audit.services import audit_append

    for p, v in zip(plans, visits, strict=True):
        for when, changes in p.edits:
            home = t.homes[p.home]
            draft = assisted_draft(
                assisted[home.no],
                AuditEntry.Action.UPDATE,
                "assistance.visit",
                v.pk,
                f"走访 {home.no} {p.start:%Y-%m-%d}",
                changes,
            )
            audit_append([draft], actor=users[t.helpers[p.helper].username], at=_aware(when))
