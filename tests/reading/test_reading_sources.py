"""Reading files: encodings, Word, PDF, web pages, and every kind of bad input."""

import io
from pathlib import Path
from unittest import mock

import pytest

from zonework.reading import ReadError, read_bytes, read_path
from zonework.reading.sources import decode_text, html_to_text, read_source_bytes

SAMPLE = "开发区2012年实现地区生产总值170亿元,同比增长25%。加快建设国际物流园,推进重点项目建设。"


def test_gb18030_text_is_detected_and_decoded():
    """A .txt saved by a Chinese Windows editor (GBK/GB18030) reads as the same Chinese text."""
    text, encoding, warnings = decode_text(SAMPLE.encode("gb18030"))
    assert text == SAMPLE
    assert encoding == "gb18030"
    assert warnings == ()


def test_big5_text_is_detected_and_decoded():
    """A Big5 file from Taiwan or Hong Kong is not mistaken for GBK."""
    trad = "開發區實現地區生產總值170億元,同比增長25%。加快建設國際物流園,推進重點項目建設,服務企業發展。"
    text, encoding, _ = decode_text(trad.encode("big5"))
    assert encoding == "big5"
    assert text == trad


def test_bad_byte_does_not_crash_and_is_reported():
    """One corrupt byte in a UTF-8 file costs one character, not the whole upload."""
    data = SAMPLE.encode("utf-8")
    data = data[:10] + b"\xff" + data[10:]
    text, encoding, warnings = decode_text(data)
    assert encoding == "utf-8"
    assert "\ufffd" in text and "地区生产总值170亿元" in text
    assert warnings


def test_gbk_upload_is_read_end_to_end():
    """Bytes + file name (as the web upload passes them) give records from a GBK file."""
    result = read_bytes(SAMPLE.encode("gbk"), "报告.txt")
    assert result.encoding == "gb18030"
    assert result.results[0]["indicator"] == "地区生产总值"


def test_empty_file_gets_a_clear_message(tmp_path):
    """An empty file is refused with a Chinese message saying it is empty."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError) as err:
        read_path(path)
    assert err.value.code == "empty"
    assert "空" in err.value.message_zh


def test_whitespace_only_file_counts_as_empty():
    with pytest.raises(ReadError) as err:
        read_bytes(b"  \n\r\n ", "blank.txt")
    assert err.value.code == "empty"


def test_binary_file_is_refused():
    """A binary file renamed to .txt is refused, not read as garbage."""
    with pytest.raises(ReadError) as err:
        read_bytes(bytes(range(256)) * 20, "image.txt")
    assert err.value.code == "binary"
    assert "二进制" in err.value.message_zh


def test_unsupported_type_names_the_supported_ones():
    """An Excel file is refused with advice to save it as .docx."""
    with pytest.raises(ReadError) as err:
        read_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.xls")
    assert err.value.code == "unsupported"
    assert ".docx" in err.value.message_zh


def _docx_bytes(with_table=True):
    import docx

    document = docx.Document()
    document.add_paragraph("某某经济开发区2020年工作总结")
    document.add_paragraph("2020年,全区实现地区生产总值356亿元,同比增长6.5%。今年签约项目如下:")
    if with_table:
        table = document.add_table(rows=3, cols=3)
        for row, cells in zip(table.rows, [("序号", "项目名称", "投资金额"),
                                            ("1", "光电显示模组项目", "12亿元"),
                                            ("2", "精密模具项目", "3000万元")], strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
    document.add_paragraph("(二)下一步工作")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_are_read_in_document_order():
    """A Word report's table of signed projects sits between the paragraphs around it."""
    source = read_source_bytes(_docx_bytes(), "report.docx")
    assert source.kind == "docx"
    lines = source.text.split("\n")
    assert lines.index("1\t光电显示模组项目\t12亿元") > lines.index(
        "2020年,全区实现地区生产总值356亿元,同比增长6.5%。今年签约项目如下:")
    assert lines.index("(二)下一步工作") > lines.index("2\t精密模具项目\t3000万元")


def test_docx_table_rows_become_projects():
    """Each row of a table of signed projects is one project with its amount."""
    result = read_bytes(_docx_bytes(), "report.docx")
    projects = {(p["name"], p["investment"], p["unit"]) for p in result.projects}
    assert ("光电显示模组项目", 12, "亿元") in projects
    assert ("精密模具项目", 3000, "万元") in projects


def test_truncated_docx_gets_a_clear_message():
    """A .docx cut short by a failed upload is refused as damaged."""
    data = _docx_bytes()
    with pytest.raises(ReadError) as err:
        read_bytes(data[: len(data) // 2], "cut.docx")
    assert err.value.code == "corrupt"
    assert "损坏" in err.value.message_zh


def test_pdf_without_text_layer_says_so(monkeypatch, tmp_path):
    """A scanned PDF (no text layer) where OCR is not installed is refused, saying OCR is needed."""
    from tests.scans import without_tools

    without_tools(monkeypatch, tmp_path)
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError) as err:
        read_bytes(buf.getvalue(), "scan.pdf")
    assert err.value.code == "no_ocr"
    assert "OCR" in err.value.message_zh and "没有文字层" in err.value.message_zh


def test_corrupt_pdf_gets_a_clear_message():
    with pytest.raises(ReadError) as err:
        read_bytes(b"%PDF-1.4\n garbage garbage", "broken.pdf")
    assert err.value.code in ("corrupt", "no_text")


@pytest.mark.slow
def test_100_mb_text_file_is_refused_quickly_without_reading_it(tmp_path):
    """A 100 MB file is refused by its size before any byte is read (how fast is bench/'s business)."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: the size is real, the disk cost is not
    with mock.patch.object(Path, "read_bytes", side_effect=AssertionError("the file was read")), \
            mock.patch.object(Path, "open", side_effect=AssertionError("the file was opened")), \
            pytest.raises(ReadError) as err:
        read_path(path)
    assert err.value.code == "too_large"
    assert "MB" in err.value.message_zh and "上限" in err.value.message_zh


def test_size_limit_is_configurable():
    with pytest.raises(ReadError) as err:
        read_bytes(SAMPLE.encode("utf-8"), "a.txt", max_bytes=10)
    assert err.value.code == "too_large"


def test_missing_file_gets_a_clear_message(tmp_path):
    with pytest.raises(ReadError) as err:
        read_path(tmp_path / "nope.txt")
    assert "找不到" in err.value.message_zh


HTML = """<html><head><title>x</title><style>p{}</style></head><body>
<div class="nav"><a href="/">首页</a> | <a>政务公开</a></div>
<header>网站头部 导航</header>
<div id="content"><h1>某某高新区2019年工作总结</h1>
<p>2019年,全区实现地区生产总值210亿元,同比增长8%。</p></div>
<footer>主办单位:某某高新区管委会</footer>
<div class="bottom-info">地址:某某路1号</div>
<p>备案证编号:鄂ICP备2022016438号-1 ©1997- 版权所有</p>
<script>var a = "地区生产总值999亿元";</script>
</body></html>"""


def test_html_keeps_main_text_and_drops_menus_footers_and_filing_lines():
    """A saved web page yields the report, not the site's menu, footer or 备案 line."""
    text = html_to_text(HTML)
    assert "2019年,全区实现地区生产总值210亿元,同比增长8%。" in text
    for noise in ("首页", "网站头部", "主办单位", "ICP", "版权", "999亿元", "地址"):
        assert noise not in text


def test_html_upload_gives_records():
    result = read_bytes(HTML.encode("gb18030"), "page.html")
    assert result.source_kind == "html"
    assert [(r["indicator"], r["value"]) for r in result.results] == [("地区生产总值", 210)]
