"""Visit photos' perceptual hashes (imagehash.phash): the same picture, recompressed or resized, hashes to (nearly)
the same 64 bits, which is how the 照片重复 signal recognises a photo used for more than one visit."""

from __future__ import annotations

import imagehash
from PIL import Image, UnidentifiedImageError


def phash_of(file) -> str:
    """16 hex digits, or "" when the file is not a readable image. The file is read from its start and left there."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            return str(imagehash.phash(image))
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError, Image.DecompressionBombError):
        return ""
    finally:
        if not getattr(file, "closed", False):
            file.seek(0)
