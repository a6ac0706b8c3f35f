"""Official documents (公文) per GB/T 9704-2012, written from one small block model.

A report generator builds a `Report` (a list of blocks); `write_docx` turns it into a .docx in the
official format and `render_html` into the page preview. Both read the same blocks, so the preview and
the download cannot drift apart. No Django import here: the format is tested on its own.

Format (DOMAIN_NOTES §5): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of
28 characters (exact line spacing 28.95 pt, character spacing -0.2 pt); title 2号 (22 pt) 方正小标宋简体
centred; body 3号 (16 pt) 仿宋_GB2312, two-character first-line indent; headings 一、 黑体,
（一） 楷体_GB2312, 1. and (1) 仿宋_GB2312; page number "— 1 —" 4号 (14 pt) 宋体, odd pages right and
even pages left, one character in; 成文日期 in Arabic numerals, right-aligned, 右空四字.

The official fonts live on users' Windows/WPS machines. Each is named in the .docx as the east-asian
font, with a widely installed Chinese font as its `altName` in the font table and Times New Roman for
Latin text, so a machine without them still shows a serif (or sans, for 黑体) Chinese face.
"""

from __future__ import annotations

import copy
import datetime
import html
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# ---------------------------------------------------------------- format constants
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
FOOTER_DISTANCE = Mm(28)  # puts the page number about 7 mm below the 版心
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH = Pt(28.95)  # 225 mm 版心 / 22 lines
CHAR_SPACING_TWIPS = -5  # 156 mm / 28 = 15.79 pt per character: 3号 (16 pt) less 0.25 pt, so 28 fit

SIZE_TITLE = Pt(22)  # 2号
SIZE_BODY = Pt(16)  # 3号
SIZE_PAGE_NUMBER = Pt(14)  # 4号
SIZE_TABLE = Pt(12)  # 小四, for tables that must fit the 版心

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"
HEADING_FONTS = {1: FONT_H1, 2: FONT_H2, 3: FONT_BODY, 4: FONT_BODY}

# Fallbacks for machines without the official fonts (font table altName; CSS font stacks).
ALT_NAMES = {
    FONT_TITLE: "宋体",
    FONT_BODY: "仿宋",
    FONT_H2: "楷体",
    FONT_H1: "SimHei",
    FONT_PAGE_NUMBER: "SimSun",
}
CSS_FONTS = {
    FONT_TITLE: "'方正小标宋简体','FZXiaoBiaoSong-B05S','Noto Serif CJK SC','Source Han Serif SC','SimSun',serif",
    FONT_BODY: "'仿宋_GB2312','仿宋','FangSong','STFangsong','Noto Serif CJK SC',serif",
    FONT_H2: "'楷体_GB2312','楷体','KaiTi','STKaiti','Noto Serif CJK SC',serif",
    FONT_H1: "'黑体','SimHei','Noto Sans CJK SC','Source Han Sans SC',sans-serif",
    FONT_PAGE_NUMBER: "'宋体','SimSun','Noto Serif CJK SC',serif",
}


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 101 → 一百零一: heading numbers and 一是、二是 … in
    the one numeral library the project uses (cn2an), so no count of headings or problems runs out."""
    import cn2an  # a tenth of a second to load; only a report pays it

    return cn2an.an2cn(int(n), "low")


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 heading numbers: 一、 / （一） / 1. / （1）."""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def official_date(value: datetime.date) -> str:
    """成文日期 in Arabic numerals, full year, no leading zeros: 2013年1月5日."""
    return f"{value.year}年{value.month}月{value.day}日"


# ---------------------------------------------------------------- the block model
@dataclass
class Figure:
    """A number in the text, tied to the database row it came from."""

    text: str
    source: str = ""  # what the row is, for a tooltip: "规模以上工业总产值 2012年1-12月 观测值"
    href: str | None = None  # where the row can be seen
    ref: str | None = None  # "economy.observation:12": model and primary key

    def __str__(self):
        return self.text


Span = str | Figure


def spans_text(spans) -> str:
    return "".join(str(s) for s in spans)


@dataclass
class Title:
    lines: list[str]
    kind: str = "title"


@dataclass
class Heading:
    level: int
    text: str
    number: str = ""  # "一、"; filled in by Report.number_headings when empty
    kind: str = "heading"


@dataclass
class Paragraph:
    """A body paragraph. `lead` (with `lead_level`) is a run-in heading such as "1.着力打造……。"."""

    spans: list = field(default_factory=list)
    lead: str = ""
    lead_level: int = 3
    indent: bool = True
    kind: str = "paragraph"

    @property
    def text(self):
        return self.lead + spans_text(self.spans)

    @property
    def figures(self):
        return [s for s in self.spans if isinstance(s, Figure)]


@dataclass
class Table:
    header: list[str]
    rows: list[list]  # cells are str or Figure
    caption: str = ""
    kind: str = "table"


@dataclass
class Image:
    png: bytes
    caption: str = ""
    width_mm: float = 150
    kind: str = "image"


@dataclass
class Signature:
    """发文机关署名 and 成文日期 at the end."""

    date: datetime.date
    issuer: str = ""
    kind: str = "date"


@dataclass
class Report:
    title: Title
    blocks: list = field(default_factory=list)
    signature: Signature | None = None
    # Blocks after the signature, such as a 签收回执 to cut off and send back.
    appendix: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the generator left out, shown on the page only

    def add(self, block):
        self.blocks.append(block)
        return block

    def heading(self, level, text):
        return self.add(Heading(level, text))

    def para(self, *spans, lead="", lead_level=3):
        return self.add(Paragraph(list(spans), lead=lead, lead_level=lead_level))

    def number_headings(self):
        """Give unnumbered headings their numbers; a level restarts under its parent."""
        counters = [0, 0, 0, 0, 0]
        for block in self.blocks:
            if isinstance(block, Heading):
                counters[block.level] += 1
                for deeper in range(block.level + 1, 5):
                    counters[deeper] = 0
                if not block.number:
                    block.number = heading_number(block.level, counters[block.level])
        return self

    @property
    def figures(self):
        found = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                found += block.figures
            elif isinstance(block, Table):
                found += [c for row in block.rows for c in row if isinstance(c, Figure)]
        return found

    def plain_text(self):
        self.number_headings()
        lines = list(self.title.lines)
        for block in self.blocks:
            if isinstance(block, Heading):
                lines.append(block.number + block.text)
            elif isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                if block.caption:
                    lines.append(block.caption)
                lines.append("\t".join(block.header))
                lines += ["\t".join(str(c) for c in row) for row in block.rows]
        if self.signature:
            if self.signature.issuer:
                lines.append(self.signature.issuer)
            lines.append(official_date(self.signature.date))
        return "\n".join(lines)


# ---------------------------------------------------------------- .docx writer
_RPR_CACHE = {}


def _set_run_font(run, east_asian, size, latin=FONT_LATIN, bold=False, spacing=True):
    """Fonts (east-asian and Latin), size, bold and character spacing of a run.

    The first run of each combination is formatted through python-docx; later ones get a copy of its
    run properties (w:rPr), which is the same XML and much faster for tables of many cells."""
    key = (east_asian, int(size), latin, bold, spacing)
    cached = _RPR_CACHE.get(key)
    if cached is not None:
        old = run._element.rPr
        if old is not None:
            run._element.remove(old)
        run._element.insert(0, copy.deepcopy(cached))
        return
    _format_run(run, east_asian, size, latin, bold, spacing)
    _RPR_CACHE[key] = copy.deepcopy(run._element.rPr)


def _format_run(run, east_asian, size, latin, bold, spacing):
    run.font.name = latin
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:hint"), "eastAsia")
    if spacing:
        _set_char_spacing(rpr, CHAR_SPACING_TWIPS)


def _set_char_spacing(rpr, twips):
    el = rpr.find(qn("w:spacing"))
    if el is None:
        el = OxmlElement("w:spacing")
        rpr.append(el)
    el.set(qn("w:val"), str(twips))


def _exact_lines(paragraph, first_indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY):
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = SIZE_BODY * 2 if first_indent else Pt(0)
    fmt.alignment = align
    fmt.widow_control = False


def _setup_styles(document):
    normal = document.styles["Normal"]
    normal.font.name = FONT_LATIN
    normal.font.size = SIZE_BODY
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT_BODY)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE_PITCH
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)


def _setup_font_table(document):
    """Name a fallback (altName) for each official font, used where the font is not installed."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    from docx.oxml.parser import parse_xml

    root = parse_xml(part.blob)
    existing = {el.get(qn("w:name")) for el in root.findall(qn("w:font"))}
    for name, alt in ALT_NAMES.items():
        if name in existing:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_el = OxmlElement("w:altName")
        alt_el.set(qn("w:val"), alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "modern" if name == FONT_H1 else "roman")
        pitch = OxmlElement("w:pitch")
        pitch.set(qn("w:val"), "variable")
        for child in (alt_el, charset, family, pitch):
            font.append(child)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _setup_section(section):
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))


def _page_number_paragraph(footer, align):
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for run in list(paragraph.runs):
        run._element.getparent().remove(run._element)
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    # 一字 in from the edge of the 版心: right for odd pages, left for even pages.
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SIZE_PAGE_NUMBER
    else:
        fmt.left_indent = SIZE_PAGE_NUMBER
    fmt.space_before = fmt.space_after = Pt(0)

    def text(value):
        run = paragraph.add_run(value)
        _set_run_font(run, FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER, latin=FONT_PAGE_NUMBER, spacing=False)
        return run

    def fld(kind):
        run = paragraph.add_run()
        _set_run_font(run, FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER, latin=FONT_PAGE_NUMBER, spacing=False)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._element.append(el)

    text("— ")
    fld("begin")
    instr_run = paragraph.add_run()
    _set_run_font(instr_run, FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER, latin=FONT_PAGE_NUMBER, spacing=False)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._element.append(instr)
    fld("separate")
    text("1")
    fld("end")
    text(" —")
    return paragraph


def _setup_footers(document, section):
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)  # default footer = odd pages
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _add_spans(paragraph, spans, font, size):
    """One run for the whole text: figures look like the words around them in the printed document
    (their links live in the HTML preview), and a few runs keep large reports fast to write."""
    text = spans_text(spans)
    if text:
        _set_run_font(paragraph.add_run(text), font, size)


def _write_table(document, block):
    if block.caption:
        p = document.add_paragraph()
        _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        run = p.add_run(block.caption)
        _set_run_font(run, FONT_H1, SIZE_BODY)
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    def fill(cell, value, bold=False):
        p = cell.paragraphs[0]
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        p.paragraph_format.first_line_indent = Pt(0)
        run = p.add_run(str(value))
        _set_run_font(run, FONT_H1 if bold else FONT_BODY, SIZE_TABLE, spacing=False)

    for cell, value in zip(table.rows[0].cells, block.header, strict=True):
        fill(cell, value, bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            fill(cell, value)
    # the first column (names) gets a third of the 版心, the figures share the rest
    widths = _column_widths(len(block.header))
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    return table


def _column_widths(n):
    text_width = 210 - 28 - 26
    if n == 1:
        return [Mm(text_width)]
    first = text_width / 3
    return [Mm(first)] + [Mm((text_width - first) / (n - 1))] * (n - 1)


def _write_blocks(document, blocks):
    for block in blocks:
        if isinstance(block, Heading):
            p = document.add_paragraph()
            _exact_lines(p)
            _set_run_font(p.add_run(block.number + block.text), HEADING_FONTS[block.level], SIZE_BODY)
        elif isinstance(block, Paragraph):
            p = document.add_paragraph()
            _exact_lines(p, first_indent=block.indent)
            if block.lead:
                _set_run_font(p.add_run(block.lead), HEADING_FONTS.get(block.lead_level, FONT_BODY), SIZE_BODY)
            _add_spans(p, block.spans, FONT_BODY, SIZE_BODY)
        elif isinstance(block, Table):
            _write_table(document, block)
        elif isinstance(block, Image):
            p = document.add_paragraph()
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
            if block.caption:
                cap = document.add_paragraph()
                _exact_lines(cap, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
                _set_run_font(cap.add_run(block.caption), FONT_BODY, SIZE_BODY)


def write_docx(report: Report, out=None) -> bytes:
    """The report as .docx bytes (and written to `out`, a path or file object, when given)."""
    report.number_headings()
    document = Document()
    _setup_styles(document)
    _setup_font_table(document)
    section = document.sections[0]
    _setup_section(section)
    _setup_footers(document, section)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)

    for line in report.title.lines:
        p = document.add_paragraph()
        _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.line_spacing = Pt(35)  # 2号 lines, as 公文 templates set them
        _set_run_font(p.add_run(line), FONT_TITLE, SIZE_TITLE, spacing=False)
    # one empty line between title and body
    blank = document.add_paragraph()
    _exact_lines(blank, first_indent=False)

    _write_blocks(document, report.blocks)

    if report.signature:
        sig = report.signature
        date_text = official_date(sig.date)
        document.add_paragraph()
        _exact_lines(document.paragraphs[-1], first_indent=False)
        if sig.issuer:
            p = document.add_paragraph()
            _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            # centred over the date: date's right indent plus half the difference in width
            diff = _width_chars(date_text) - _width_chars(sig.issuer)
            p.paragraph_format.right_indent = Pt(SIZE_BODY.pt * max(4 + diff / 2, 0))
            _set_run_font(p.add_run(sig.issuer), FONT_BODY, SIZE_BODY)
        p = document.add_paragraph()
        _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = SIZE_BODY * 4  # 右空四字
        _set_run_font(p.add_run(date_text), FONT_BODY, SIZE_BODY)

    if report.appendix:
        cut = document.add_paragraph()
        _exact_lines(cut, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _set_run_font(cut.add_run("-" * 16 + "（沿此线剪下）" + "-" * 16), FONT_BODY, SIZE_TABLE, spacing=False)
        _write_blocks(document, report.appendix)

    # python-docx's template carries a sectPr with Letter defaults as the last body child; ours is set.
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if out is not None:
        if hasattr(out, "write"):
            out.write(data)
        else:
            with open(out, "wb") as fh:
                fh.write(data)
    return data


def _width_chars(text):
    """Width in 3号 characters: CJK characters count 1, ASCII digits and letters 1/2."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


# keep a name for the section start constant so callers can add landscape sections later
NEW_PAGE = WD_SECTION.NEW_PAGE


# ---------------------------------------------------------------- HTML preview
PREVIEW_CSS = f"""
.gw-page {{ width: 210mm; min-height: 297mm; box-sizing: border-box; margin: 0 auto 1.5rem;
  padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 0 .5rem rgba(0,0,0,.2);
  font-family: {CSS_FONTS[FONT_BODY]}; font-size: 16pt; line-height: 28.95pt; color: #000; }}
.gw-page p {{ margin: 0; text-indent: 2em; text-align: justify; letter-spacing: -0.25pt; }}
.gw-title {{ font-family: {CSS_FONTS[FONT_TITLE]}; font-size: 22pt; line-height: 35pt; text-align: center !important;
  text-indent: 0 !important; }}
.gw-title-gap {{ height: 28.95pt; }}
.gw-h1 {{ font-family: {CSS_FONTS[FONT_H1]}; }}
.gw-h2 {{ font-family: {CSS_FONTS[FONT_H2]}; }}
.gw-h3, .gw-h4 {{ font-family: {CSS_FONTS[FONT_BODY]}; }}
.gw-page a.gw-fig {{ color: inherit; text-decoration: underline dotted #0d6efd; }}
.gw-page a.gw-fig:hover {{ background: #e7f1ff; }}
.gw-page span.gw-fig {{ text-decoration: underline dotted #999; cursor: help; }}
.gw-table {{ border-collapse: collapse; margin: .5em auto; font-size: 12pt; line-height: 1.5; }}
.gw-table th, .gw-table td {{ border: 1px solid #000; padding: 2pt 4pt; text-align: center; }}
.gw-table th {{ font-family: {CSS_FONTS[FONT_H1]}; }}
.gw-caption {{ text-align: center !important; text-indent: 0 !important; font-family: {CSS_FONTS[FONT_H1]}; }}
.gw-image {{ text-align: center !important; text-indent: 0 !important; }}
.gw-image img {{ max-width: 100%; }}
.gw-issuer, .gw-date {{ text-align: right !important; text-indent: 0 !important; padding-right: 4em; }}
.gw-sign-gap {{ height: 28.95pt; }}
"""


def _span_html(span):
    if isinstance(span, Figure):
        title = html.escape(span.source or "", quote=True)
        ref = f' data-ref="{html.escape(span.ref, quote=True)}"' if span.ref else ""
        if span.href:
            return (f'<a class="gw-fig" href="{html.escape(span.href, quote=True)}" title="{title}"{ref}>'
                    f"{html.escape(span.text)}</a>")
        return f'<span class="gw-fig" title="{title}"{ref}>{html.escape(span.text)}</span>'
    return html.escape(str(span))


def _html_blocks(blocks, out):
    import base64

    for block in blocks:
        if isinstance(block, Heading):
            out.append(f'<p class="gw-h{block.level}">{html.escape(block.number + block.text)}</p>')
        elif isinstance(block, Paragraph):
            lead = (f'<span class="gw-h{block.lead_level}">{html.escape(block.lead)}</span>'
                    if block.lead else "")
            style = "" if block.indent else ' style="text-indent:0"'
            out.append(f"<p{style}>{lead}{''.join(_span_html(s) for s in block.spans)}</p>")
        elif isinstance(block, Table):
            if block.caption:
                out.append(f'<p class="gw-caption">{html.escape(block.caption)}</p>')
            head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
            rows = "".join("<tr>" + "".join(f"<td>{_span_html(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            out.append(f'<table class="gw-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
        elif isinstance(block, Image):
            data = base64.b64encode(block.png).decode()
            out.append(f'<p class="gw-image"><img src="data:image/png;base64,{data}" '
                       f'alt="{html.escape(block.caption, quote=True)}"></p>')
            if block.caption:
                out.append(f'<p class="gw-caption">{html.escape(block.caption)}</p>')


def render_html(report: Report, include_css=True) -> str:
    """The report as an HTML fragment (one continuous page), figures linked to their rows."""
    report.number_headings()
    out = []
    if include_css:
        out.append(f"<style>{PREVIEW_CSS}</style>")
    out.append('<article class="gw-page">')
    for line in report.title.lines:
        out.append(f'<p class="gw-title">{html.escape(line)}</p>')
    out.append('<div class="gw-title-gap"></div>')
    _html_blocks(report.blocks, out)
    if report.signature:
        out.append('<div class="gw-sign-gap"></div>')
        if report.signature.issuer:
            out.append(f'<p class="gw-issuer">{html.escape(report.signature.issuer)}</p>')
        out.append(f'<p class="gw-date">{official_date(report.signature.date)}</p>')
    if report.appendix:
        out.append('<p class="gw-caption">' + "-" * 16 + "（沿此线剪下）" + "-" * 16 + "</p>")
        _html_blocks(report.appendix, out)
    out.append("</article>")
    return "\n".join(out)
