"""A generated .docx rendered by LibreOffice: the first page is saved as a picture to look at."""

import shutil
import struct
import subprocess

import pytest

from tests.reports.sample import sample_report
from zonework.reports import docx_format, render

pytestmark = pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")


def png_size(path):
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_first_page_renders_as_a4(tmp_path, artifacts_dir):
    source = tmp_path / "gongwen.docx"
    docx_format.write_docx(sample_report(pages=3), source)
    pdf = render.docx_to_pdf(source, tmp_path)
    assert render.pdf_pages(pdf) >= 2
    png = render.pdf_first_page_png(pdf, artifacts_dir / "reports_format_page1")
    assert png.exists()
    width, height = png_size(png)
    assert abs(height / width - 297 / 210) < 0.01
    assert width == pytest.approx(210 / 25.4 * 80, abs=2)


def test_generated_summary_first_page(year_data, zone, leader, tmp_path, artifacts_dir):
    from tests.reports.conftest import TODAY
    from zonework.reports.summary import build

    source = tmp_path / "summary.docx"
    docx_format.write_docx(build(zone, 2012, user=leader, date=TODAY, now=TODAY), source)
    pdf = render.docx_to_pdf(source, tmp_path)
    assert render.pdf_pages(pdf) >= 2
    png = render.pdf_first_page_png(pdf, artifacts_dir / "reports_summary_page1")
    width, height = png_size(png)
    assert abs(height / width - 297 / 210) < 0.01
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "2012年工作总结和2013年工作要点" in text.replace(" ", "")
        assert "— 1 —" in text or "—1—" in text.replace(" ", "")
