"""Checks an uploaded file passes before any parser opens it: a zip bomb or a huge PDF is refused
with a Chinese message naming the limit, instead of taking a worker to gigabytes of memory.

.docx and .xlsx are zip archives of XML: a 677 KB .docx can hold 300 MB of XML, and python-docx or
openpyxl build all of it in memory. The sizes checked are those the archive declares; Python's
zipfile never inflates a member beyond its declared size (it stops there and fails the CRC), so a
lying header cannot get past this check into the parser.

Limits (settings.ZONEWORK_FILE_LIMITS, each from the environment):
    zip_uncompressed_mb  total uncompressed size of all members
    zip_ratio            total uncompressed / compressed, checked once the archive inflates past
                         zip_ratio_floor_mb (a small file that compresses well harms nobody)
    zip_members          number of members
    pdf_mb, pdf_pages    a PDF's size and page count
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

ZIP_SUFFIXES = (".docx", ".xlsx", ".xlsm", ".pptx")

DEFAULTS = {"zip_uncompressed_mb": 64, "zip_ratio": 100, "zip_ratio_floor_mb": 8, "zip_members": 5000,
            "pdf_mb": 40, "pdf_pages": 500}

MB = 1024 * 1024


def limits():
    return {**DEFAULTS, **getattr(settings, "ZONEWORK_FILE_LIMITS", {})}


def _size(data):
    return len(data) if isinstance(data, bytes | bytearray) else data.getbuffer().nbytes


def check_zip(data, name="文件"):
    """Refuse a .docx/.xlsx whose zip would inflate past the limits (ValidationError)."""
    lim = limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes | bytearray) else data) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        # Not a zip at all: no bomb; the parser refuses it with its own words about a damaged file.
        return
    if len(members) > lim["zip_members"]:
        raise ValidationError(f"“{name}”内含{len(members)}个部件，超过上限{lim['zip_members']}个，拒绝读取。")
    inflated = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if inflated > lim["zip_uncompressed_mb"] * MB:
        raise ValidationError(f"“{name}”解压后约{inflated / MB:.0f} MB，超过上限{lim['zip_uncompressed_mb']} MB"
                              f"（可能是压缩炸弹），拒绝读取。")
    ratio = inflated / packed
    if inflated > lim["zip_ratio_floor_mb"] * MB and ratio > lim["zip_ratio"]:
        raise ValidationError(f"“{name}”的压缩比约{ratio:.0f}倍，超过上限{lim['zip_ratio']}倍"
                              f"（可能是压缩炸弹），拒绝读取。")


def check_pdf(data, name="文件"):
    """Refuse a PDF above the size or page limit (ValidationError)."""
    lim = limits()
    size = _size(data)
    if size > lim["pdf_mb"] * MB:
        raise ValidationError(f"“{name}”有{size / MB:.0f} MB，超过 PDF 上限{lim['pdf_mb']} MB，拒绝读取。")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = len(PdfReader(io.BytesIO(data) if isinstance(data, bytes | bytearray) else data).pages)
    except (PdfReadError, OSError, ValueError, KeyError, TypeError):
        # A PDF pypdf cannot count is the reader's to refuse, with its own message about damage.
        return
    if pages > lim["pdf_pages"]:
        raise ValidationError(f"“{name}”有{pages}页，超过 PDF 上限{lim['pdf_pages']}页，拒绝读取。")


def check_file(data, name):
    """The check for a file by its suffix (nothing to check for plain text and HTML)."""
    lower = (name or "").lower()
    if lower.endswith(ZIP_SUFFIXES):
        check_zip(data, name)
    elif lower.endswith(".pdf"):
        check_pdf(data, name)
