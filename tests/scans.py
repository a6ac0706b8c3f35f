"""Scanned PDFs and old Word files made inside a test, and the skips when the tools are absent."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from zonework.reading import ocr


def need_ocr():
    why = ocr.missing()
    if why:
        pytest.skip(f"OCR not installed here (apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils): {why}")


def need_soffice():
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice not installed here (apt-get install libreoffice-writer-nogui)")


def cjk_font(size):
    from PIL import ImageFont

    found = ""
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"],
                               capture_output=True, text=True).stdout.strip()
    if not found or Path(found).suffix.lower() not in (".ttc", ".otf", ".ttf"):
        pytest.skip("no CJK font to draw a scanned page (apt-get install fonts-noto-cjk)")
    return ImageFont.truetype(found, size)


def scanned_pdf(pages):
    """An image-only PDF (no text layer), one A4 page at 200 dpi per list of lines, as a scanner gives."""
    from PIL import Image, ImageDraw

    font = cjk_font(40)
    images = []
    for lines in pages:
        image = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines):
            draw.text((150, 200 + 80 * n), line, font=font, fill=0)
        images.append(image)
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=200.0)
    return buf.getvalue()


def blank_scan():
    """An image-only page with a smudge and no words (needs no font)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (827, 1169), 255)
    ImageDraw.Draw(image).rectangle((100, 100, 300, 140), fill=0)
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=100.0)
    return buf.getvalue()


def docx_bytes(paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def doc_bytes(paragraphs):
    """A Word 97-2003 .doc, made by LibreOffice from a .docx (its own profile in a temp folder)."""
    need_soffice()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "report.docx")
        src.write_bytes(docx_bytes(paragraphs))
        subprocess.run([soffice, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless",
                        "--convert-to", "doc", "--outdir", tmp, str(src)], check=True, capture_output=True,
                       timeout=180)
        return Path(tmp, "report.doc").read_bytes()


def without_tools(monkeypatch, tmp_path, keep=()):
    """PATH holding only the named tools, as on a machine where the others were never installed."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in keep:
        if shutil.which(name):
            (bin_dir / name).symlink_to(shutil.which(name))
    monkeypatch.setenv("PATH", str(bin_dir))
