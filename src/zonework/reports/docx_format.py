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

Options, all off unless a report carries them, so a document without them keeps its look: the 版头
(`Report.masthead`, a `Masthead`: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人, the red line, or
the 信函 format), the 主送机关 (`Report.recipient`) and the 版记 (`Report.colophon`). Their .docx is
written by docx_masthead and the preview by docx_preview, both called from here. Tables repeat their
header row on every page (w:tblHeader), rows do not split across pages (w:cantSplit), and column
widths come from the cells' text (`column_widths`).
"""

from __future__ import annotations

import copy
import datetime
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
SIZE_COLOPHON = Pt(14)  # 4号: 版记 (抄送, 印发机关 and 印发日期)
SIZE_MARK_MAX = Pt(42)  # 初号: the largest 发文机关标志; a long name is set smaller to fit the 版心
TEXT_WIDTH = Mm(210 - 28 - 26)  # 版心 156 mm
RED = "FF0000"
CELL_PADDING_PT = 11.5  # Word's default cell margins, 0.08 in each side

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


SECRECY_LEVELS = ("秘密", "机密", "绝密")
URGENCY_LEVELS = ("加急", "特急")


def document_number(prefix: str, year: int, number: int) -> str:
    """发文字号: 机关代字, the full year in 〔〕, the number without 第 or leading zeros, then 号."""
    return f"{prefix}〔{int(year)}〕{int(number)}号"


@dataclass
class Masthead:
    """版头 (GB/T 9704 §7.2): 份号, 密级和保密期限, 紧急程度 top left; the red 发文机关标志; 发文字号 (with
    签发人 for a 上行文); the red separator line. `letter` gives the 信函 format instead: the 机关 name
    in red with a red double line under it and above the foot of page 1, the 发文字号 at the right."""

    mark: str  # 发文机关标志: "武汉经济技术开发区管委会文件" (信函: the 机关 name alone)
    number: str = ""  # 发文字号: "武开〔2013〕20号"
    signer: str = ""  # 签发人 (上行文): the 发文字号 moves left, "签发人：name" on its right
    copy_number: str = ""  # 份号: six digits
    secrecy: str = ""  # 密级: 秘密 / 机密 / 绝密
    secrecy_term: str = ""  # 保密期限: "1年"
    urgency: str = ""  # 紧急程度: 加急 / 特急
    letter: bool = False

    def corner_lines(self):
        """The lines at the top left of the 版心, in the standard's order: 份号, 密级★期限, 紧急程度."""
        lines = []
        if self.copy_number:
            lines.append(self.copy_number)
        if self.secrecy:
            lines.append(f"{self.secrecy}★{self.secrecy_term}" if self.secrecy_term else self.secrecy)
        if self.urgency:
            lines.append(self.urgency)
        return lines


@dataclass
class Colophon:
    """版记 (GB/T 9704 §7.4): 抄送机关, then 印发机关 (left) and 印发日期 (right) between the thick 首条
    and 末条 lines with a thin line between them. A 信函 prints the 抄送 line alone, without lines."""

    copy_to: str = ""  # "市商务局，市统计局": the 全角 colon, the closing 。 are added
    printer: str = ""  # 印发机关: "武汉经济技术开发区管委会办公室"
    print_date: datetime.date | None = None

    def copy_to_text(self):
        names = self.copy_to.strip().rstrip("。.，,；;")
        return f"抄送：{names}。" if names else ""

    def print_date_text(self):
        return f"{official_date(self.print_date)}印发" if self.print_date else ""


@dataclass
class Report:
    title: Title
    blocks: list = field(default_factory=list)
    signature: Signature | None = None
    # Blocks after the signature, such as a 签收回执 to cut off and send back.
    appendix: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the generator left out, shown on the page only
    masthead: Masthead | None = None  # 版头; None: the title starts the page, as before
    recipient: str = ""  # 主送机关, after the title: "各局、各街道："
    colophon: Colophon | None = None  # 版记 at the foot of the last page

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
        lines = []
        if self.masthead:
            lines += self.masthead.corner_lines() + [self.masthead.mark]
            if self.masthead.number or self.masthead.signer:
                lines.append("  ".join(x for x in (self.masthead.number,
                                                   f"签发人：{self.masthead.signer}" if self.masthead.signer else "")
                                       if x))
        lines += list(self.title.lines)
        if self.recipient:
            lines.append(self.recipient_text())
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
        if self.colophon:
            lines += [x for x in (self.colophon.copy_to_text(), self.colophon.printer,
                                  self.colophon.print_date_text()) if x]
        return "\n".join(lines)

    def recipient_text(self):
        """主送机关 ends in a 全角 colon."""
        text = self.recipient.strip().rstrip(":：。，,")
        return f"{text}：" if text else ""


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


_PBDR_SUCCESSORS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _border(paragraph, side, *, val="single", eighths=8, color=RED, space=0):
    """A paragraph border (w:pBdr) on `side`, `eighths` of a point wide, `space` pt from the text."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_PBDR_SUCCESSORS)
    el = OxmlElement(f"w:{side}")
    for name, value in (("val", val), ("sz", eighths), ("space", space), ("color", color)):
        el.set(qn(f"w:{name}"), str(value))
    pbdr.append(el)
    return el


def _colour(run, hex_rgb=RED):
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor.from_string(hex_rgb)


def _char_scale(run, percent):
    """Horizontal scaling of the characters (w:w), as 公文 templates narrow a long 机关标志."""
    rpr = run._element.get_or_add_rPr()
    el = OxmlElement("w:w")
    el.set(qn("w:val"), str(int(percent)))
    spacing = rpr.find(qn("w:spacing"))
    if spacing is not None:
        spacing.addnext(el)
    else:
        size = rpr.find(qn("w:sz"))
        (size.addprevious(el) if size is not None else rpr.append(el))


def mark_size(mark, width_pt=None):
    """(font size in pt, horizontal scale in %) for the 发文机关标志: 初号 (42 pt), narrowed to fit the
    版心 on one line; below 60 % the size goes down instead."""
    width_pt = width_pt or TEXT_WIDTH.pt * 0.98
    chars = max(_width_chars(mark), 1)
    size = SIZE_MARK_MAX.pt
    scale = min(100, int(width_pt / (chars * size) * 100))
    if scale < 60:
        scale = 60
        size = round(width_pt / (chars * 0.6), 1)
    return size, scale


def _plain(document, text="", *, font=FONT_BODY, size=SIZE_BODY, align=WD_ALIGN_PARAGRAPH.LEFT):
    p = document.add_paragraph()
    _exact_lines(p, first_indent=False, align=align)
    if text:
        _set_run_font(p.add_run(text), font, size)
    return p


def _fix_table_width(table, widths_pt):
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(sum(widths_pt) * 20)))
    for column, width in zip(table.columns, widths_pt, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_pt, strict=True):
            cell.width = Pt(width)


def cell_width_chars(text):
    """`_width_chars` plus the quarter-character gaps Word and LibreOffice put between Chinese and
    Latin or digits (w:autoSpaceDE/DN, on by default): "第44项" is 3 characters wide, not 2."""
    text = str(text)
    gaps = sum(1 for a, b in zip(text, text[1:], strict=False) if (ord(a) < 128) != (ord(b) < 128)
               and not (a.isspace() or b.isspace()))
    return _width_chars(text) + gaps * 0.25


def column_widths(header, rows, size_pt=SIZE_TABLE.pt, total_pt=None):
    """Column widths in pt for a table of the 版心's width, from the text of its cells.

    Each column wants room for its longest cell on one line (measured with `cell_width_chars` at the
    table's font size, plus the cell margins) and for its header on at most two lines; the first
    column (the names) its header on one line too. When that fits, the room left puts as many
    figure headers on one line as it can, the cheapest first, and the rest is shared by the figure
    columns. When it does not fit, columns that need no more than an equal share keep their need
    and the others share what is left in proportion to their need."""
    total = total_pt or TEXT_WIDTH.pt
    n = len(header)
    if n == 1:
        return [total]

    def need(texts):
        return max((cell_width_chars(str(t)) for t in texts), default=0) * size_pt + CELL_PADDING_PT + 1

    body = [need([row[i] for row in rows]) for i in range(n)]
    full = [need([h]) for h in header]  # the header on one line
    half = [max(f / 2 + CELL_PADDING_PT / 2, size_pt * 2 + CELL_PADDING_PT) for f in full]  # on two lines
    want = [max(b, h) for b, h in zip(body, half, strict=True)]
    want[0] = max(body[0], full[0])  # the names column: its header on one line too
    if sum(want) <= total:
        widths = list(want)
        slack = total - sum(widths)
        # as many figure headers on one line as the room allows, the cheapest first
        for i in sorted(range(1, n), key=lambda i: full[i] - widths[i]):
            extra = full[i] - widths[i]
            if 0 < extra <= slack:
                widths[i] += extra
                slack -= extra
        # what is left is shared by the figure columns
        return [widths[0]] + [w + slack / (n - 1) for w in widths[1:]]
    fixed = {}
    free = list(range(n))
    while True:
        share = (total - sum(fixed.values())) / max(len(free), 1)
        small = [i for i in free if want[i] <= share]
        if not small:
            break
        for i in small:
            fixed[i] = want[i]
        free = [i for i in free if i not in small]
        if not free:
            break
    left = total - sum(fixed.values())
    weight = sum(want[i] for i in free) or 1
    for i in free:
        fixed[i] = left * want[i] / weight
    return [fixed[i] for i in range(n)]


def _write_table(document, block):
    if block.caption:
        p = document.add_paragraph()
        _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.keep_with_next = True
        run = p.add_run(block.caption)
        _set_run_font(run, FONT_H1, SIZE_BODY)
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = column_widths(block.header, block.rows)

    def fill(cell, value, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER):
        p = cell.paragraphs[0]
        p.paragraph_format.alignment = align
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        p.paragraph_format.first_line_indent = Pt(0)
        run = p.add_run(str(value))
        _set_run_font(run, FONT_H1 if bold else FONT_BODY, SIZE_TABLE, spacing=False)

    header_row = table.rows[0]
    tr_pr = header_row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page the table runs onto
    for cell, value in zip(header_row.cells, block.header, strict=True):
        fill(cell, value, bold=True)
    for row in block.rows:
        table_row = table.add_row()
        table_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, value in zip(table_row.cells, row, strict=True):
            fill(cell, value)
    _fix_table_width(table, widths)
    return table


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

    if report.masthead:
        from .docx_masthead import write_masthead

        write_masthead(document, section, report.masthead)
    for line in report.title.lines:
        p = document.add_paragraph()
        _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.line_spacing = Pt(35)  # 2号 lines, as 公文 templates set them
        _set_run_font(p.add_run(line), FONT_TITLE, SIZE_TITLE, spacing=False)
    # one empty line between title and body
    blank = document.add_paragraph()
    _exact_lines(blank, first_indent=False)
    if report.recipient_text():
        # 主送机关: 左顶格 one line below the title, the body on the next line
        _plain(document, report.recipient_text())

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

    if report.colophon:
        letter = bool(report.masthead and report.masthead.letter)
        from .docx_masthead import write_colophon

        if write_colophon(document, report.colophon, letter=letter) is not None:
            _plain(document)  # a document ends in a paragraph, not in a table

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


def render_html(report: Report, include_css=True) -> str:
    """The report as an HTML fragment (one continuous page), figures linked to their rows
    (written by docx_preview from the same blocks)."""
    from .docx_preview import render_html as render

    return render(report, include_css)
