"""URL keywords of the violations area for the scoping walk, each filled with a record of 新市镇's project."""

import io
from datetime import timedelta

from tests.renewal.conftest import FREEZE, xinshi_project


def _jpeg():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(stream, "JPEG")
    return SimpleUploadedFile("v.jpg", stream.getvalue(), content_type="image/jpeg")


def violation_id(world):
    from taizhang.renewal.models import ProjectHousehold, Violation
    from taizhang.renewal.violations import violation_report

    project = xinshi_project(world)
    if not Violation.objects.filter(project=project).exists():
        violation_report(
            actor=None,
            project=project,
            location="新市村幸福街10号院内",
            kind="扩建",
            description="加盖二层",
            found_on=FREEZE + timedelta(days=3),
            entry=ProjectHousehold.objects.filter(project=project).first(),
            photos=[_jpeg()],
        )
    return Violation.objects.filter(project=project).first().pk


def violation_photo_id(world):
    from taizhang.renewal.models import ViolationPhoto

    return ViolationPhoto.objects.filter(violation_id=violation_id(world)).first().pk


FACTORIES = {"violation_id": violation_id, "violation_photo_id": violation_photo_id}
