"""Every uploaded file passes here before it is stored: a limit per kind (photo, document), checked on the size the
browser sent before anything reads the content; a photo decoded by Pillow and stored as a new JPEG of at most
PHOTO_MAX_SIDE pixels on its long side, without its metadata (camera, owner, time) and without its GPS position
unless the caller keeps it (a module that wants the place as evidence); a document whose content matches its name.
Refusals are ValidationErrors naming the file and the limit, in Chinese, for forms and the API alike."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import ExifTags, Image, ImageFile, ImageOps, UnidentifiedImageError

PHOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF"}
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A document's extension and the signature its content must start with (images go through the photo path).
DOCUMENT_SIGNATURES = {
    ".pdf": (_PDF_MAGIC,),
    ".docx": (_ZIP_MAGIC,),
    ".xlsx": (_ZIP_MAGIC,),
    ".pptx": (_ZIP_MAGIC,),
    ".doc": (_OLE2_MAGIC,),
    ".xls": (_OLE2_MAGIC,),
    ".ppt": (_OLE2_MAGIC,),
    ".et": (_OLE2_MAGIC,),
    ".wps": (_OLE2_MAGIC,),
}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff")


def megabytes(size: int) -> str:
    """A size as users read it: "50 MB", "2.5 MB", "4.0 KB"."""
    value, unit = (size / 1024 / 1024, "MB") if size >= 1024 * 1024 else (size / 1024, "KB")
    return f"{value:.0f} {unit}" if value >= 10 or value.is_integer() else f"{value:.1f} {unit}"


def check_size(upload: UploadedFile, limit: int, kind: str, advice: str) -> None:
    """Refuse a file above `limit` bytes from the size Django counted while receiving it, before reading it."""
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"{kind}“{upload.name}”有 {megabytes(upload.size)}，超过了 {megabytes(limit)} 的上限，{advice}",
            code="too_large",
        )


def photo_clean(upload: UploadedFile, *, keep_position: bool = False) -> SimpleUploadedFile:
    """The photo as it will be stored: decoded, turned upright, at most PHOTO_MAX_SIDE px on its long side, a JPEG at
    PHOTO_JPEG_QUALITY with no metadata but, when `keep_position`, the GPS position the camera recorded."""
    check_size(upload, settings.PHOTO_MAX_BYTES, "照片", "请用手机的标准画质重新拍摄，或压缩后再上传")
    not_image = ValidationError(
        f"“{upload.name}”不是能识别的照片（支持 JPEG、PNG、WebP 等格式），请重新拍摄或选择照片", code="invalid_image"
    )
    upload.seek(0)
    try:
        image = Image.open(upload)
        fmt = image.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise not_image from None
    if fmt not in PHOTO_FORMATS:
        raise not_image
    width, height = image.size
    if width * height > settings.PHOTO_MAX_PIXELS:
        raise ValidationError(
            f"照片“{upload.name}”有 {width}×{height} 像素，超过了 {settings.PHOTO_MAX_PIXELS // 1_000_000} 百万像素的上限，"
            "请用手机的标准画质重新拍摄",
            code="too_many_pixels",
        )
    side = settings.PHOTO_MAX_SIDE
    try:
        exif = image.getexif()
        gps = dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) if keep_position else {}
        # A JPEG decodes straight at 1/2, 1/4 or 1/8 scale when that is still large enough: less memory and time.
        image.draft("RGB", (side, side))
        _load_whole(image)
        image = ImageOps.exif_transpose(image)
        image = _as_rgb(image)
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise not_image from None
    out = io.BytesIO()
    kept = Image.Exif()
    if gps:
        kept[ExifTags.IFD.GPSInfo] = gps
    image.save(out, "JPEG", quality=settings.PHOTO_JPEG_QUALITY, optimize=True, exif=kept.tobytes() if gps else b"")
    stem = os.path.splitext(os.path.basename(upload.name or "photo"))[0] or "photo"
    return SimpleUploadedFile(f"{stem}.jpg", out.getvalue(), content_type="image/jpeg")


def photos_clean(uploads: Iterable[UploadedFile] | None, *, keep_position: bool = False) -> list[SimpleUploadedFile]:
    """Several photos (the API's multipart lists); any refused photo refuses them all."""
    uploads = list(uploads or ())
    if len(uploads) > settings.PHOTOS_PER_UPLOAD:
        raise ValidationError(f"一次最多上传 {settings.PHOTOS_PER_UPLOAD} 张照片，这次选择了 {len(uploads)} 张")
    return [photo_clean(upload, keep_position=keep_position) for upload in uploads]


def photo_or_none(upload: UploadedFile | None, *, keep_position: bool = False) -> SimpleUploadedFile | None:
    return photo_clean(upload, keep_position=keep_position) if upload else None


def document_clean(upload: UploadedFile) -> UploadedFile:
    """A document (scan, PDF, Word / Excel / WPS file) within DOCUMENT_MAX_BYTES whose content is what its name
    says; a photo or scanned image is cleaned as a photo (metadata and position removed)."""
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext in IMAGE_EXTENSIONS:
        return photo_clean(upload)
    check_size(upload, settings.DOCUMENT_MAX_BYTES, "材料", "请压缩或拆分后再上传")
    signatures = DOCUMENT_SIGNATURES.get(ext)
    if signatures is None:
        raise ValidationError(
            f"不支持“{upload.name}”这种文件，请上传 PDF、Word、Excel、WPS 文件或照片", code="unsupported"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(signatures):
        raise ValidationError(
            f"“{upload.name}”的内容不是 {ext[1:].upper()} 文件，请用原软件另存后再上传", code="mismatch"
        )
    return upload


def _load_whole(image: Image.Image) -> None:
    """Decode every pixel, refusing a photo cut off in transit: weasyprint, once imported, tells Pillow to accept
    truncated images process-wide (ImageFile.LOAD_TRUNCATED_IMAGES), which suits the PDFs but not uploads."""
    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _as_rgb(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: transparent parts become white, palettes and greys become colour."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image if image.mode == "RGB" else image.convert("RGB")
