"""The report's URL keywords for the scoping walk: a game of 新市镇's festival and a photo of it."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from taizhang.events import report
from taizhang.events.models import EventPhoto
from tests.events.conftest import festival_event as _festival_event


def game_session_id(world):
    return _festival_event(world).sessions.get(name="拔河").pk


def event_photo_id(world):
    event = _festival_event(world)
    found = EventPhoto.objects.filter(event=event, voided_at__isnull=True).first()
    if found is None:
        out = io.BytesIO()
        Image.new("RGB", (64, 48), "orange").save(out, "JPEG")
        upload = SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")
        found = report.photos_add(actor=None, event=event, photos=[upload], caption="拔河现场")[0]
    return found.pk


FACTORIES = {"game_session_id": game_session_id, "event_photo_id": event_photo_id}
