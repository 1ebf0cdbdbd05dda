"""Sign-up files and sign-ups for the events module's sign-up tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from taizhang.events import signups
from taizhang.events.models import SignUp
from tests.conftest import csv_bytes

HEADER = ["姓名", "手机号", "场次", "报名时间", "队名", "队员", "村居"]
T0 = timezone.make_aware(datetime(2020, 9, 1, 8, 0))


def signup_file(rows) -> bytes:
    return csv_bytes(rows, header=HEADER)


def sign(session, n, *, at=None, actor=None, **extra) -> SignUp:
    return signups.signup_create(
        actor=actor,
        session=session,
        name=extra.pop("name", f"群众{n}"),
        phone=f"1390000{n:04d}",
        source=SignUp.Source.STAFF if actor else SignUp.Source.PUBLIC,
        signed_at=at or T0 + timedelta(minutes=n),
        **extra,
    )
