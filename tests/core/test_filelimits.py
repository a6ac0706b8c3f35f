"""Zip bombs and huge PDFs are refused before any parser opens them (issue 12 item 7).

The bomb is a real one: a .docx/.xlsx whose one member inflates to 300 MB of XML, written in
streaming so the test file is a few hundred KB and the test takes about a second.
"""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from pypdf import PdfWriter

from zonework.core import filelimits
from zonework.enterprises.excel import import_enterprises
from zonework.enterprises.models import Enterprise

MB = 1024 * 1024


def bomb(member, mb=300):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as fh:
            chunk = b"<w:t>" + b"0" * (MB - 11) + b"</w:t>"
            for _ in range(mb):
                fh.write(chunk)
    return buf.getvalue()


@pytest.fixture(scope="module")
def docx_bomb():
    return bomb("word/document.xml")


@pytest.fixture(scope="module")
def xlsx_bomb():
    return bomb("xl/worksheets/sheet1.xml")


def small_xlsx(*rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pdf(pages):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_the_bomb_is_small_on_disk_and_huge_inflated(docx_bomb):
    assert len(docx_bomb) < 2 * MB
    assert sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(docx_bomb)).infolist()) > 300 * MB - MB


def test_a_docx_bomb_is_refused_naming_the_limit(docx_bomb):
    with pytest.raises(ValidationError) as exc:
        filelimits.check_file(docx_bomb, "总结.docx")
    (message,) = exc.value.messages
    assert message.startswith("“总结.docx”解压后约300 MB，超过上限64 MB")
    assert "压缩炸弹" in message


def test_a_high_ratio_under_the_size_limit_is_refused_by_the_ratio(settings):
    settings.ZONEWORK_FILE_LIMITS = {"zip_uncompressed_mb": 64, "zip_ratio": 100, "zip_ratio_floor_mb": 8}
    with pytest.raises(ValidationError) as exc:
        filelimits.check_file(bomb("word/document.xml", mb=20), "a.docx")
    assert "的压缩比约" in exc.value.messages[0] and "超过上限100倍" in exc.value.messages[0]


def test_ordinary_office_files_pass():
    filelimits.check_file(small_xlsx(["企业名称"], *[[f"企业{i}"] for i in range(2000)]), "a.xlsx")
    # A small file that compresses very well is no danger: the ratio counts only past the floor.
    filelimits.check_file(bomb("word/document.xml", mb=2), "small.docx")
    filelimits.check_file(b"plain text", "a.txt")


def test_pdf_page_and_size_limits(settings):
    settings.ZONEWORK_FILE_LIMITS = {"pdf_pages": 5, "pdf_mb": 1}
    filelimits.check_file(pdf(5), "ok.pdf")
    with pytest.raises(ValidationError) as exc:
        filelimits.check_file(pdf(6), "long.pdf")
    assert exc.value.messages == ["“long.pdf”有6页，超过 PDF 上限5页，拒绝读取。"]
    with pytest.raises(ValidationError) as exc:
        filelimits.check_file(b"%PDF-1.4\n" + b"0" * (2 * MB), "big.pdf")
    assert exc.value.messages == ["“big.pdf”有2 MB，超过 PDF 上限1 MB，拒绝读取。"]


@pytest.mark.django_db
def test_the_excel_import_engine_refuses_an_xlsx_bomb(zone, admin_user, xlsx_bomb):
    with pytest.raises(ValidationError) as exc:
        import_enterprises(io.BytesIO(xlsx_bomb), zone=zone, acting_user=admin_user)
    assert "解压后约300 MB，超过上限64 MB" in exc.value.messages[0]
    assert Enterprise.objects.count() == 0


@pytest.mark.django_db
def test_the_import_page_shows_the_refusal(login, admin_user, zone, xlsx_bomb):
    client = login(admin_user)
    response = client.post("/enterprises/companies/import/", {"file": SimpleUploadedFile("企业.xlsx", xlsx_bomb)})
    assert response.status_code == 200
    assert "“企业.xlsx”解压后约300 MB，超过上限64 MB" in response.content.decode()
    assert Enterprise.objects.count() == 0
