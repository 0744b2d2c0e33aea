"""Checking the files attached to a contribution by what they contain, not by their name."""

from __future__ import annotations

import io
import uuid
import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# Pillow's format name -> the extension the stored file gets.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"
ATTACHMENT_ACCEPT = (
    ".pdf,.odt,.docx,application/pdf,application/vnd.oasis.opendocument.text,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
# An OpenDocument file is a ZIP whose first entry, stored uncompressed, is "mimetype".
ODT_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

WRONG_IMAGE = _("This file is not a JPEG, PNG or WebP image. Choose a photo or a picture.")
WRONG_ATTACHMENT = _("This file is not a PDF, ODT or DOCX document.")


def _random_name(extension: str) -> str:
    # Never keep the sender's file name: it may carry personal data or odd characters.
    return f"{uuid.uuid4().hex}.{extension}"


def clean_image(upload: File) -> ContentFile:
    """Check that `upload` is a JPEG, PNG or WebP image of at most 5 MB, and re-encode it.

    Pillow reads the content (the extension and the announced type count for nothing).
    Re-encoding drops the metadata, such as the GPS position a phone writes in a photo,
    after turning the picture upright as its orientation tag said.
    """
    if upload.size is not None and upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            _("This image is larger than %(max)s MB. Send a smaller one."),
            code="too_large",
            params={"max": IMAGE_MAX_BYTES // (1024 * 1024)},
        )
    try:
        with warnings.catch_warnings():
            # A "decompression bomb" (a tiny file claiming an enormous picture) is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                image_format = probe.format
                probe.verify()
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(WRONG_IMAGE, code="wrong_type")
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                if image_format == "JPEG" and upright.mode not in {"RGB", "L"}:
                    upright = upright.convert("RGB")
                output = io.BytesIO()
                upright.save(output, format=image_format, quality=90)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(WRONG_IMAGE, code="wrong_type") from error
    return ContentFile(output.getvalue(), name=_random_name(IMAGE_FORMATS[image_format]))


def attachment_type(upload: File) -> str | None:
    """ "pdf", "odt" or "docx" from the file's first bytes (and ZIP directory); else None."""
    upload.seek(0)
    head = upload.read(80)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(ODT_MAGIC):
        return None
    if head[30:38] == b"mimetype" and head[38 : 38 + len(ODT_MIMETYPE)] == ODT_MIMETYPE:
        return "odt"
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    return None


def clean_attachment(upload: File) -> File:
    """Check that `upload` is a PDF, ODT or DOCX document of at most 10 MB; rename it."""
    if upload.size is not None and upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("This document is larger than %(max)s MB. Send a smaller one."),
            code="too_large",
            params={"max": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
        )
    kind = attachment_type(upload)
    if kind is None:
        raise ValidationError(WRONG_ATTACHMENT, code="wrong_type")
    upload.name = _random_name(kind)
    return upload
