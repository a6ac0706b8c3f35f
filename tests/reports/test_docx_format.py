"""The generated .docx, read back with python-docx, has the GB/T 9704-2012 layout."""

import datetime
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.reports.sample import sample_report
from zonework.reports import docx_format as fmt


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(fmt.write_docx(sample_report())))


def east_asia(run):
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def para_starting(document, prefix):
    for p in document.paragraphs:
        if p.text.startswith(prefix):
            return p
    raise AssertionError(f"no paragraph starts with {prefix!r}")


def test_page_is_a4_with_official_margins(document):
    section = document.sections[0]
    def mm(length):
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_twenty_two_lines_of_twenty_eight_characters(document):
    body = para_starting(document, "2012年，在市委")
    fmt_ = body.paragraph_format
    assert fmt_.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(fmt_.line_spacing.pt - 28.95) < 0.1
    text_height_mm = 297 - 37 - 35
    assert round(text_height_mm / 25.4 * 72 / fmt_.line_spacing.pt) == 22
    # 28 characters of 3号 less the character spacing fill the 156 mm 版心
    spacing = body.runs[0]._element.rPr.find(qn("w:spacing"))
    per_char_pt = 16 + int(spacing.get(qn("w:val"))) / 20
    assert round((210 - 28 - 26) / 25.4 * 72 / per_char_pt) == 28


def test_title_is_2hao_xiaobiaosong_centred(document):
    title = document.paragraphs[0]
    assert title.text == "武汉经济技术开发区"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert east_asia(run) == "方正小标宋简体"


def test_body_is_3hao_fangsong_indented_two_characters(document):
    body = para_starting(document, "2012年，在市委")
    assert body.paragraph_format.first_line_indent == Pt(32)
    for run in body.runs:
        assert run.font.size == Pt(16)
        assert east_asia(run) == "仿宋_GB2312"
        assert run.font.name == "Times New Roman"  # Latin fallback


@pytest.mark.parametrize(
    "prefix, font",
    [("一、2012年工作总结", "黑体"), ("（一）招商引资实现新突破", "楷体_GB2312"),
     ("1.重大项目建设有力推进", "仿宋_GB2312"), ("（1）基础设施项目进展顺利", "仿宋_GB2312")],
)
def test_heading_levels_have_their_fonts(document, prefix, font):
    heading = para_starting(document, prefix)
    assert heading.runs[0].font.size == Pt(16)
    assert east_asia(heading.runs[0]) == font


def test_run_in_heading_keeps_body_font(document):
    p = para_starting(document, "着力打造世界知名车都。")
    assert east_asia(p.runs[0]) == "仿宋_GB2312"
    assert p.text.endswith("（责任单位：经信局、招商局）")


def test_page_numbers_odd_right_even_left(document):
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        xml = p._element.xml
        assert "PAGE" in "".join(t.text for t in p._element.iter(qn("w:instrText")))
        assert [f.get(qn("w:fldCharType")) for f in p._element.iter(qn("w:fldChar"))] == \
            ["begin", "separate", "end"]
        assert p.text == "— 1 —"
        assert "w:fldChar" in xml
        for run in p.runs:
            assert run.font.size == Pt(14)
            assert east_asia(run) == "宋体"
    assert section.footer.paragraphs[0].paragraph_format.right_indent == Pt(14)
    assert section.even_page_footer.paragraphs[0].paragraph_format.left_indent == Pt(14)


def test_date_in_arabic_numerals_right_aligned_four_characters_in(document):
    date = document.paragraphs[-1]
    assert date.text == "2013年1月5日"
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent == Pt(64)
    assert document.paragraphs[-2].text == "武汉经济技术开发区管委会"


def test_font_table_names_fallbacks(document):
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = part.blob.decode()
    assert 'w:name="仿宋_GB2312"' in xml and 'w:val="仿宋"' in xml


def test_table_cells_carry_the_text(document):
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["规模以上工业总产值（亿元）", "2020", "20.0"]


@pytest.mark.parametrize("n, level, expected", [(1, 1, "一、"), (12, 1, "十二、"), (3, 2, "（三）"),
                                                  (21, 2, "（二十一）"), (4, 3, "4."), (2, 4, "（2）")])
def test_heading_numbers(n, level, expected):
    assert fmt.heading_number(level, n) == expected


@pytest.mark.parametrize("n, expected", [
    (1, "一"), (2, "二"), (3, "三"), (4, "四"), (5, "五"), (6, "六"), (7, "七"), (8, "八"), (9, "九"), (10, "十"),
    (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
])
def test_chinese_numbers(n, expected):
    """The one numeral rule of reports: headings (一、), problems (一是) and anything else counted."""
    assert fmt.chinese_number(n) == expected


def test_official_date_has_no_leading_zeros():
    assert fmt.official_date(datetime.date(2013, 1, 5)) == "2013年1月5日"


def test_html_preview_links_figures_to_their_rows():
    page = fmt.render_html(sample_report())
    assert '<a class="gw-fig" href="/economy/observations/1/" title="规模以上工业总产值 2012年1-12月"' in page
    assert "一、2012年工作总结" in page
    assert "2013年1月5日" in page
    assert "<script" not in page


def test_html_escapes_text():
    report = fmt.Report(fmt.Title(["<b>x</b>"]))
    report.para("a<script>", fmt.Figure("1<2", "s\"q", "/x?a=1&b=2"))
    page = fmt.render_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="/x?a=1&amp;b=2"' in page
