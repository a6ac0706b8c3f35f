"""Scanned PDFs and old Word files on the documents page: OCR page by page, and what is not installed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.scans import blank_scan, doc_bytes, need_ocr, scanned_pdf, without_tools
from zonework.documents.models import SourceDocument
from zonework.reading import ocr

pytestmark = pytest.mark.django_db

PAGES = [["某某经济开发区2020年工作总结", "一、2020年工作回顾", "2020年，全区实现地区生产总值128.6亿元，增长7.5%。"],
         ["2020年，全区完成固定资产投资56.2亿元，增长9.1%。"]]


def upload(client, name, data):
    return client.post("/documents/", {"files": [SimpleUploadedFile(name, data)]})


def test_ocr_shows_its_page_on_the_documents_page_while_it_reads(login, statistician, monkeypatch):
    """While the background job reads page 2 of 2, the status badge says 识别第 2/2 页 with its bar."""
    need_ocr()
    client = login(statistician)
    seen, listed = [], []
    real = ocr._read_page

    def look_then_read(png, env):
        document = SourceDocument.objects.get()
        seen.append(client.get(f"/documents/{document.pk}/status/").content.decode())
        listed.append(client.get("/documents/").content.decode())
        return real(png, env)

    monkeypatch.setattr(ocr, "_read_page", look_then_read)
    response = upload(client, "2020年工作总结（扫描件）.pdf", scanned_pdf(PAGES))
    assert [re.search(r"识别第 \d/\d 页", page).group(0) for page in seen] == ["识别第 1/2 页", "识别第 2/2 页"]
    assert "识别第 2/2 页" in listed[1]
    widths = [int(re.search(r'progress-bar" style="width:(\d+)%', page).group(1)) for page in seen]
    assert widths[0] < widths[1] < 100
    document = SourceDocument.objects.get()
    assert document.status == "read" and (document.ocr_page, document.ocr_pages) == (0, 0)
    indicators = {r["indicator"]: r["value"] for r in document.kind_records("results")}
    assert indicators.get("地区生产总值") == 128.6 and indicators.get("固定资产投资") == 56.2
    page = client.get(response["Location"]).content.decode()
    review = client.get(f"/documents/{document.pk}/").content.decode()
    assert "识别第" not in client.get(f"/documents/{document.pk}/status/").content.decode()
    assert "第 1、2 页是扫描图像，文字经文字识别（OCR）读出" in review
    assert "2020年工作总结（扫描件）.pdf" in page


def test_without_tesseract_the_document_says_ocr_is_not_installed(login, statistician, monkeypatch, tmp_path):
    without_tools(monkeypatch, tmp_path, keep=("pdftoppm",))
    client = login(statistician)
    upload(client, "scan.pdf", blank_scan())
    document = SourceDocument.objects.get()
    assert document.status == "failed"
    assert "未安装文字识别（OCR）组件 Tesseract" in document.error
    review = client.get(f"/documents/{document.pk}/").content.decode()
    assert "未安装文字识别（OCR）组件 Tesseract" in review


def test_an_old_word_file_is_uploaded_and_read(login, statistician):
    data = doc_bytes(PAGES[0])
    client = login(statistician)
    upload(client, "2020年工作总结.doc", data)
    document = SourceDocument.objects.get()
    assert document.status == "read", document.error
    assert {r["indicator"] for r in document.kind_records("results")} == {"地区生产总值"}
