"""Attachments users upload beside their records (a progress report's 附件): what may be uploaded and
how it is handed back.

Uploads are kept under MEDIA_ROOT, which is never served as such (that would hand any file to anyone
who guesses its path): each app serves its attachments through a view that checks the data scope
first and then answers with `attachment_response`, as a download the browser will not render.
"""

import mimetypes
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse

# Office documents, PDF/OFD, images and plain text: what a unit attaches to a report (公文, 照片, 表格).
# The first bytes each kind must start with, so a renamed .exe or .html is refused as well.
ZIP, OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES = {
    "pdf": (b"%PDF-",), "ofd": ZIP, "docx": ZIP, "xlsx": ZIP, "pptx": ZIP, "doc": OLE, "xls": OLE,
    "ppt": OLE, "wps": OLE, "et": OLE, "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",), "txt": None, "csv": None,
}
DEFAULT_TYPES = tuple(SIGNATURES)


def allowed_types():
    return tuple(t.lower().lstrip(".") for t in getattr(settings, "ZONEWORK_ATTACHMENT_TYPES", DEFAULT_TYPES))


def max_bytes():
    return getattr(settings, "ZONEWORK_ATTACHMENT_MAX_MB", 20) * 1024 * 1024


def check_attachment(upload, field="attachment"):
    """Refuses (ValidationError on `field`, in Chinese) a file of a type not allowed, too large, or whose
    content is not what its extension says."""
    name = os.path.basename(upload.name or "")
    ext = Path(name).suffix.lower().lstrip(".")
    kinds = allowed_types()
    if ext not in kinds:
        raise ValidationError({field: f"附件类型不允许（{ext or '无扩展名'}）；允许的类型：{'、'.join(kinds)}。"})
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError({field: f"附件过大（{upload.size / 1024 / 1024:.1f} MB），"
                                      f"不能超过 {max_bytes() // 1024 // 1024} MB。"})
    if upload.size == 0:
        raise ValidationError({field: "附件是空文件。"})
    signatures = SIGNATURES.get(ext)
    head = _head(upload)
    if signatures and not head.startswith(signatures):
        raise ValidationError({field: f"附件内容与扩展名 .{ext} 不符，请检查文件后重新上传。"})
    if signatures is None and b"\x00" in head:
        raise ValidationError({field: f"附件不是文本文件，不能以 .{ext} 上传。"})


def _head(upload):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(512)
    upload.seek(position)
    return head or b""


def attachment_response(fieldfile, filename=None):
    """The stored file as a download: never rendered inline, never content-sniffed into HTML."""
    name = filename or os.path.basename(fieldfile.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(fieldfile.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
