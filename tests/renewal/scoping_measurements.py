"""URL keywords of the measurements area for the scoping walk, each filled with a record of 新市镇's project."""

import io
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.renewal.conftest import xinshi_project


def jpeg(name: str = "p.jpg") -> SimpleUploadedFile:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(stream, "JPEG")
    return SimpleUploadedFile(name, stream.getvalue(), content_type="image/jpeg")


def _measurement(world):
    """新市村's courtyard XS-1 (XS001), measured with a confirmation, a sketch and a photo."""
    from taizhang.renewal import measurements
    from taizhang.renewal.models import Measurement, ProjectHousehold, Site
    from taizhang.renewal.sites import site_create

    project = xinshi_project(world)
    existing = Measurement.objects.filter(project=project).first()
    if existing:
        return existing
    site = Site.objects.filter(project=project).first() or site_create(
        actor=world.xs_admin,
        project=project,
        kind=Site.Kind.COURTYARD,
        number="XS-1",
        community=world.xinshi_village,
        owners=list(ProjectHousehold.objects.filter(project=project)),
    )
    return measurements.measurement_record(
        actor=world.xs_group_leader,
        site=site,
        measured_on=date(2020, 5, 20),
        measurers=[world.xs_group_leader, world.xs_worker],
        buildings=[measurements.BuildingIn(Decimal("80"), "砖混")],
        site_area=Decimal("100"),
        owner_confirmation=jpeg("c.jpg"),
        sketch=jpeg("s.jpg"),
        photos=[jpeg()],
    )


def site_id(world):
    return _measurement(world).site_id


def measurement_id(world):
    return _measurement(world).pk


def measurement_photo_id(world):
    return _measurement(world).photos.first().pk


FACTORIES = {"site_id": site_id, "measurement_id": measurement_id, "measurement_photo_id": measurement_photo_id}
