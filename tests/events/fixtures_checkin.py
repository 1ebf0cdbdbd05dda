"""Sign-ups and vendors of the test festival made directly in the tables (the sign-up and vendor services are other
areas'), for the check-in tests; the moment of the festival's morning."""

from datetime import datetime

from django.utils import timezone

from taizhang.events.models import SignUp, VendorApplication
from taizhang.events.rules import places

FESTIVAL_MORNING = datetime(2020, 9, 19, 9, 5)

_n = iter(range(10_000))


def signup(session, name="李秀英", *, state=places.CONFIRMED, team_name="", people=1, source=SignUp.Source.PUBLIC):
    n = next(_n)
    return SignUp.objects.create(
        unit_id=session.unit_id,
        event=session.event,
        session=session,
        name=name,
        phone=f"1380531{n:04d}",
        team_name=team_name,
        people=people,
        signed_at=timezone.make_aware(datetime(2020, 9, 1, 8)) + timezone.timedelta(minutes=n),
        state=state,
        source=source,
    )


def vendor(event, holder="赵大姐", *, state=VendorApplication.State.CONFIRMED, stall=None):
    return VendorApplication.objects.create(
        unit_id=event.unit_id,
        event=event,
        holder=holder,
        phone="13905319876",
        produce="黄河大米",
        submitted_at=timezone.make_aware(datetime(2020, 9, 1, 8)),
        state=state,
        stall=stall,
    )
