"""Photos sent to the assistance pages and API go through the kernel's checks before anything is stored."""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from taizhang.assistance.models import Visit, VisitPhoto
from tests.assistance.conftest import household
from tests.assistance.test_views import login, visit_data
from tests.core.test_uploads import camera_jpeg


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_50_mb_photo_is_refused_by_the_visit_page_before_it_is_stored(client, assisted):
    huge = SimpleUploadedFile("IMG_2041.jpg", b"\xff\xd8\xff\xe0".ljust(50 * 1024 * 1024, b"\0"), "image/jpeg")
    url = f"/assistance/households/{household('XS001').pk}/visit/"
    response = login(client, assisted.xs_worker).post(
        url, visit_data(assisted.xs_worker, photos=[huge]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        "照片：照片“IMG_2041.jpg”有 50 MB，超过了 20 MB 的上限，请用手机的标准画质重新拍摄，或压缩后再上传"
    ]
    assert not Visit.objects.exists() and stored_files() == []


def test_a_visit_photo_is_stored_small_keeping_only_its_position(client, assisted):
    url = f"/assistance/households/{household('XS001').pk}/visit/"
    photo = camera_jpeg((4000, 3000))
    response = login(client, assisted.xs_worker).post(url, visit_data(assisted.xs_worker, photos=[photo]))
    assert response.status_code == 302
    image = Image.open(VisitPhoto.objects.get().image.path)
    exif = image.getexif()
    assert image.size == (2048, 1536) and exif.get_ifd(ExifTags.IFD.GPSInfo) and ExifTags.Base.Make not in exif


def test_the_api_refuses_a_delivery_photo_that_is_not_an_image(client, assisted):
    from tests.assistance.test_api import post

    client.force_login(assisted.xs_worker)
    need = post(client, f"/api/assistance/households/{household('XS001').pk}/furniture-needs", {"item": "床"}).json()
    refused = client.post(
        f"/api/assistance/furniture-needs/{need['id']}/delivery",
        {"photo": SimpleUploadedFile("送达.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")},
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == "“送达.jpg”不是能识别的照片（支持 JPEG、PNG、WebP 等格式），请重新拍摄或选择照片"
    assert stored_files() == []
