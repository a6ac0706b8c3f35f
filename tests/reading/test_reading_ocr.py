"""Scanned PDFs through OCR, and .doc/.wps through LibreOffice; clear messages when either is absent."""

import pytest

from tests.scans import blank_scan, doc_bytes, docx_bytes, need_ocr, need_soffice, scanned_pdf, without_tools
from zonework.reading import ReadError, read_bytes
from zonework.reading.repair import close_ocr_spaces

PAGE = ["某某经济开发区2020年工作总结", "一、2020年工作回顾",
        "2020年，全区实现地区生产总值128.6亿元，增长7.5%。"]


def _figures(result):
    return {(r["indicator"], r["year"], r["value"], r["growth_pct"]) for r in result.results}


def test_a_scanned_pdf_is_read_by_ocr_and_its_figure_extracted():
    need_ocr()
    seen = []
    result = read_bytes(scanned_pdf([PAGE]), "scan.pdf", page_progress=lambda done, total: seen.append((done, total)))
    assert ("地区生产总值", 2020, 128.6, 7.5) in _figures(result)
    assert result.ocr_pages == [1] and result.to_dict()["source"]["ocr_pages"] == [1]
    assert seen == [(0, 1), (1, 1)]
    assert " " not in result.original_text.split("\n")[0], "OCR's spaces between characters are closed up"


def test_a_page_with_a_text_layer_is_not_sent_to_ocr(tmp_path, monkeypatch):
    """Only pages without text go to OCR: a .docx-born PDF reads even where OCR is not installed."""
    need_soffice()
    import subprocess
    from pathlib import Path

    src = tmp_path / "r.docx"
    src.write_bytes(docx_bytes(PAGE))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], check=True, capture_output=True)
    data = Path(tmp_path, "r.pdf").read_bytes()
    without_tools(monkeypatch, tmp_path)
    result = read_bytes(data, "r.pdf")
    assert ("地区生产总值", 2020, 128.6, 7.5) in _figures(result) and result.ocr_pages == []


def test_without_tesseract_a_scan_is_refused_saying_ocr_is_not_installed(monkeypatch, tmp_path):
    without_tools(monkeypatch, tmp_path, keep=("pdftoppm",))
    with pytest.raises(ReadError) as err:
        read_bytes(blank_scan(), "scan.pdf")
    assert err.value.code == "no_ocr"
    assert "未安装文字识别（OCR）组件 Tesseract" in err.value.message_zh
    assert "tesseract-ocr-chi-sim" in err.value.message_zh


def test_a_scan_with_no_words_says_ocr_found_nothing():
    need_ocr()
    with pytest.raises(ReadError) as err:
        read_bytes(blank_scan(), "blank.pdf")
    assert err.value.code == "no_text" and "OCR" in err.value.message_zh


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_old_word_and_wps_files_are_read_through_libreoffice(name):
    """A Word 97-2003 file, and the same bytes saved under WPS Office's .wps suffix, are read."""
    data = doc_bytes(PAGE)
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    result = read_bytes(data, name)
    assert ("地区生产总值", 2020, 128.6, 7.5) in _figures(result)
    assert result.source_kind == name.rsplit(".", 1)[1]


def test_a_damaged_doc_is_refused_as_damaged():
    need_soffice()
    with pytest.raises(ReadError) as err:
        read_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.doc")
    assert err.value.code == "corrupt" and "损坏" in err.value.message_zh


def test_without_libreoffice_a_doc_is_refused_saying_so(monkeypatch, tmp_path):
    without_tools(monkeypatch, tmp_path)
    with pytest.raises(ReadError) as err:
        read_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.wps")
    assert err.value.code == "no_office"
    assert "未安装 LibreOffice" in err.value.message_zh and ".docx" in err.value.message_zh


@pytest.mark.parametrize("ocr, repaired", [
    ("全区生产总值 37 .24 亿元, 增长 13 . 2%;", "全区生产总值37.24亿元,增长13.2%;"),
    ("固定资产投资 18 .85 亿元, 增长 23 , 9%", "固定资产投资18.85亿元,增长23.9%"),
    ("2011年 3月 2 日在 禹王台区", "2011年3月2日在禹王台区"),
    ("SOURCE: http://a.gov.cn/1.html", "SOURCE: http://a.gov.cn/1.html"),
    ("签约 12 个项目,总金额 1,234 万元", "签约12个项目,总金额1,234万元"),
])
def test_ocr_spaces_inside_chinese_and_figures_are_closed(ocr, repaired):
    assert close_ocr_spaces(ocr) == repaired


def test_a_page_is_taken_for_traditional_by_its_characters():
    from zonework.reading.ocr import TRADITIONAL_FROM, _traditional_share

    assert _traditional_share("經濟開發區實現地區生產總值，同比增長") > TRADITIONAL_FROM
    assert _traditional_share("经济开发区实现地区生产总值，同比增长") == 0.0
