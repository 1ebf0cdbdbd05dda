"""The kernel's upload checks (taizhang.core.uploads): limits before reading, photos decoded and re-encoded small
without their metadata, the position kept only when asked, documents whose content matches their name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from taizhang.core.uploads import document_clean, photo_clean, photos_clean

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (36.0, 58.0, 30.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (117.0, 10.0, 15.0),
}


def camera_jpeg(size=(6000, 4000), *, orientation=None, name="IMG_0001.jpg") -> SimpleUploadedFile:
    """A phone photo: large, with the camera's make, the owner's name, the GPS position and perhaps an orientation."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Huawei"
    exif[ExifTags.Base.Artist] = "张帮扶"
    exif[ExifTags.IFD.GPSInfo] = GPS
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    stream = io.BytesIO()
    Image.new("RGB", size, (120, 160, 90)).save(stream, "JPEG", quality=90, exif=exif.tobytes())
    return SimpleUploadedFile(name, stream.getvalue(), content_type="image/jpeg")


def stored(upload) -> Image.Image:
    image = Image.open(io.BytesIO(upload.read()))
    image.load()
    return image


def test_a_huge_photo_is_stored_as_a_jpeg_of_2048_pixels_without_its_metadata():
    cleaned = photo_clean(camera_jpeg())
    image = stored(cleaned)
    assert image.format == "JPEG" and image.size == (2048, 1365)
    assert cleaned.name == "IMG_0001.jpg" and cleaned.size < 1_000_000
    exif = image.getexif()
    assert ExifTags.Base.Make not in exif and ExifTags.Base.Artist not in exif
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)


def test_the_position_is_kept_only_where_the_module_asks_for_it():
    kept = stored(photo_clean(camera_jpeg((800, 600)), keep_position=True)).getexif()
    gps = kept.get_ifd(ExifTags.IFD.GPSInfo)
    assert gps[ExifTags.GPS.GPSLatitudeRef] == "N" and [float(v) for v in gps[ExifTags.GPS.GPSLatitude]] == [36, 58, 30]
    assert ExifTags.Base.Make not in kept and ExifTags.Base.Artist not in kept


def test_a_photo_taken_sideways_is_stored_upright():
    # Orientation 6: the camera was turned 90°; the stored pixels are turned instead, as the phone showed it.
    assert stored(photo_clean(camera_jpeg((3000, 2000), orientation=6))).size == (1365, 2048)


def test_a_transparent_png_becomes_a_jpeg_on_white():
    stream = io.BytesIO()
    Image.new("RGBA", (40, 30), (255, 0, 0, 0)).save(stream, "PNG")
    image = stored(photo_clean(SimpleUploadedFile("草图.png", stream.getvalue())))
    assert image.format == "JPEG" and image.getpixel((5, 5)) == (255, 255, 255)


def test_a_file_named_jpg_that_is_not_an_image_is_refused_naming_it():
    with pytest.raises(ValidationError) as refused:
        photo_clean(SimpleUploadedFile("现场.jpg", b"MZ\x90\x00 this is a program, not a photo" * 100))
    assert refused.value.messages == ["“现场.jpg”不是能识别的照片（支持 JPEG、PNG、WebP 等格式），请重新拍摄或选择照片"]


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_let_pillow_accept_them():
    import weasyprint  # noqa: F401  (sets ImageFile.LOAD_TRUNCATED_IMAGES for the process)

    whole = camera_jpeg((400, 300)).read()
    with pytest.raises(ValidationError, match="不是能识别的照片"):
        photo_clean(SimpleUploadedFile("半张.jpg", whole[: len(whole) // 2]))


def test_a_photo_above_the_limit_is_refused_by_its_size_before_it_is_read(settings):
    settings.PHOTO_MAX_BYTES = 1024 * 1024

    class Unread(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("the photo was read")

        seek = chunks = read

    upload = Unread("大图.jpg", b"\xff\xd8\xff".ljust(2 * 1024 * 1024, b"\0"))
    with pytest.raises(ValidationError) as refused:
        photo_clean(upload)
    assert refused.value.messages == [
        "照片“大图.jpg”有 2 MB，超过了 1 MB 的上限，请用手机的标准画质重新拍摄，或压缩后再上传"
    ]


def test_an_image_of_too_many_pixels_is_refused_without_decoding_it():
    stream = io.BytesIO()
    Image.new("1", (10_000, 8_000)).save(stream, "PNG")  # 80 megapixels in a few kilobytes
    assert len(stream.getvalue()) < 200_000
    with pytest.raises(ValidationError, match="有 10000×8000 像素，超过了 50 百万像素的上限"):
        photo_clean(SimpleUploadedFile("全景.png", stream.getvalue()))


def test_more_photos_than_one_upload_takes_are_refused(settings):
    settings.PHOTOS_PER_UPLOAD = 2
    with pytest.raises(ValidationError, match="一次最多上传 2 张照片，这次选择了 3 张"):
        photos_clean([camera_jpeg((10, 10)) for _ in range(3)])


@pytest.mark.parametrize(
    "name, content, accepted",
    [
        ("通知.pdf", b"%PDF-1.7\n...", True),
        ("花名册.xlsx", b"PK\x03\x04...", True),
        ("旧表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...", True),
        ("通知.pdf", b"<html><script>alert(1)</script>", False),
        ("花名册.xlsx", b"%PDF-1.7", False),
        ("页面.html", b"<html></html>", False),
        ("程序.exe", b"MZ\x90\x00", False),
    ],
)
def test_a_document_is_accepted_only_when_its_content_matches_its_name(name, content, accepted):
    upload = SimpleUploadedFile(name, content)
    if accepted:
        assert document_clean(upload) is upload
    else:
        with pytest.raises(ValidationError, match=f"“{name}”"):
            document_clean(upload)


def test_a_scanned_document_sent_as_a_photo_is_cleaned_like_a_photo():
    cleaned = document_clean(camera_jpeg((3000, 4000), name="户口本.jpg"))
    image = stored(cleaned)
    assert image.size == (1536, 2048) and not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_document_above_its_limit_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="材料“通知.pdf”有 4.0 KB，超过了 1 KB 的上限"):
        document_clean(SimpleUploadedFile("通知.pdf", b"%PDF-" + b"0" * 4096))
