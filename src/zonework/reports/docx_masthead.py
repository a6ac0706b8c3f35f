"""The 版头 and 版记 of GB/T 9704-2012 in .docx, for `docx_format.write_docx` (the one writer).

版头 (§7.2): 份号, 密级和保密期限 and 紧急程度 顶格 at the top left in 3号黑体; the 发文机关标志 in red
小标宋, centred, its top 35 mm below the 版心's (80 mm for a 上行文); the 发文字号 two lines below it,
centred (上行文: one character in from the left, 签发人 in 楷体 one in from the right); the red line 4 mm
under it, as wide as the 版心; the title two lines below the line. 信函 (§10.1): the 机关 name with a red
double line (上粗下细) under it and one (上细下粗) at the foot of page 1, 170 mm long; page 1 unnumbered.

版记 (§7.4): 抄送 (4号仿宋, 左右各空一字, a second line under the first name), then 印发机关 (左空一字)
and 印发日期 (右空一字, "印发"), between the 首条 and 末条 lines (0.35 mm) with 0.25 mm lines between,
at the foot of the last page.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .docx_format import (
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    FONT_TITLE,
    LINE_PITCH,
    MARGIN_LEFT,
    SIZE_BODY,
    SIZE_COLOPHON,
    TEXT_WIDTH,
    Colophon,
    Masthead,
    _border,
    _char_scale,
    _colour,
    _exact_lines,
    _fix_table_width,
    _plain,
    _set_run_font,
    mark_size,
)


def write_masthead(document, section, m: Masthead):
    corners = m.corner_lines()
    if not m.letter:
        # 份号 in 3号 Arabic numerals, 密级 and 紧急程度 in 3号黑体, 顶格 at the top left of the 版心
        for line in corners:
            _plain(document, line, font=FONT_H1)
    size, scale = mark_size(m.mark)
    if m.letter:
        # 信函: the 机关 name's top edge 30 mm below the page's, above the 版心's 37 mm: it stands in
        # page 1's own header, which the body text follows
        section.different_first_page_header_footer = True
        header = section.first_page_header
        header.is_linked_to_previous = False
        p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    else:
        p = document.add_paragraph()
    _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.line_spacing = Pt(size * 1.2)
    if m.letter:
        p.paragraph_format.space_before = Pt(max(Mm(30).pt - section.header_distance.pt - size * 0.1, 0))
    else:
        # the mark's top edge 35 mm below the 版心's (80 mm for a 上行文, which carries 签发人)
        # (less the tenth of the size that the line's height, 1.2 × the size, leaves above the characters)
        offset = Mm(80 if m.signer else 35).pt - len(corners) * LINE_PITCH.pt - size * 0.1
        p.paragraph_format.space_before = Pt(max(offset, 0))
    _no_grid(p)  # its own line height, not rounded up to whole lines of the document grid
    run = p.add_run(m.mark)
    _set_run_font(run, FONT_TITLE, Pt(size), spacing=False)
    _colour(run)
    if scale < 100:
        _char_scale(run, scale)
    right_tab = TEXT_WIDTH - SIZE_BODY if m.signer else TEXT_WIDTH
    if m.letter:
        # 信函: a red double line (上粗下细) 4 mm under the 机关 name, 170 mm long, centred on the 版心
        _border(p, "bottom", val="thickThinSmallGap", eighths=24, space=11)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(-7)
        lines = corners or [""]
        for i, line in enumerate(lines):
            q = _plain(document, line, font=FONT_H1)
            if i == 0 and m.number:
                q.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
                _set_run_font(q.add_run("\t" + m.number), FONT_BODY, SIZE_BODY)
        _plain(document)  # the title stands two lines below the last element
        _letter_foot_line(document, section)
        return
    _plain(document)
    _plain(document)  # 发文字号 two lines below the mark
    q = _plain(document, align=WD_ALIGN_PARAGRAPH.LEFT if m.signer else WD_ALIGN_PARAGRAPH.CENTER)
    if m.signer:
        # 上行文: 发文字号 one character in from the left, 签发人 one character in from the right
        q.paragraph_format.left_indent = SIZE_BODY
        q.paragraph_format.tab_stops.add_tab_stop(right_tab, WD_TAB_ALIGNMENT.RIGHT)
        _set_run_font(q.add_run(m.number + "\t签发人："), FONT_BODY, SIZE_BODY)
        _set_run_font(q.add_run(m.signer), FONT_H2, SIZE_BODY)
    elif m.number:
        _set_run_font(q.add_run(m.number), FONT_BODY, SIZE_BODY)
    # the red separator line 4 mm under the 发文字号, as wide as the 版心
    _border(q, "bottom", eighths=12, space=11)
    _plain(document)
    _plain(document)  # the title two lines below the red line


def _no_grid(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:snapToGrid")
    el.set(qn("w:val"), "0")
    ppr.insert_element_before(el, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                              "w:sectPr", "w:pPrChange")


def _letter_foot_line(document, section):
    """信函: a red double line (上细下粗), 170 mm long, 20 mm above the foot of page 1, which carries no
    page number. Drawn as two lines placed on the page (DrawingML): the footer itself sits higher."""
    section.different_first_page_header_footer = True
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    for n, (y_mm, width_pt) in enumerate(((276.0, 0.75), (277.0, 2.25)), start=1):
        p._p.append(_page_line(20, y_mm, 170, width_pt, shape_id=9000 + n))


_LINE_XML = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{id}" '
    'behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="信函红色双线{id}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{w}"><a:solidFill><a:srgbClr val="FF0000"/>'
    '</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    '</w:drawing></w:r>')


def _page_line(x_mm, y_mm, length_mm, width_pt, *, shape_id):
    """A red horizontal line at a fixed place on the page, as a run."""
    from docx.oxml import parse_xml

    return parse_xml(_LINE_XML.format(x=int(Mm(x_mm)), y=int(Mm(y_mm)), cx=int(Mm(length_mm)),
                                      w=int(Pt(width_pt)), id=shape_id))


def _table_borders(table, **sides):
    """Borders of a table: side → (val, eighths of a point); sides not named get none."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, eighths = sides.get(side, ("nil", 0))
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), str(eighths))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    # CT_TblPr order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize, tblStyleColBandSize,
    # tblW, jc, tblCellSpacing, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook
    successor = next((tbl_pr.find(qn(t)) for t in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
                      if tbl_pr.find(qn(t)) is not None), None)
    if successor is not None:
        successor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def write_colophon(document, c: Colophon, letter=False):
    """The 版记 as a borderless table of the 版心's width with the standard's lines as its borders,
    floated to the foot of the last page (w:tblpPr, vertical anchor the margin, bottom)."""
    copy_to, printer, date_text = c.copy_to_text(), c.printer, c.print_date_text()
    rows = [r for r in (("copy", copy_to) if copy_to else None,
                        ("print", printer or date_text) if (printer or date_text) and not letter else None) if r]
    if not rows:
        return None
    half = TEXT_WIDTH.pt / 2
    table = document.add_table(rows=len(rows), cols=2)
    for row, (kind, _) in zip(table.rows, rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        left, right = row.cells
        if kind == "copy":
            cell = left.merge(right)
            p = cell.paragraphs[0]
            _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
            # 左右各空一字; a second line aligns with the first name after the colon
            p.paragraph_format.left_indent = SIZE_COLOPHON * 4
            p.paragraph_format.first_line_indent = -SIZE_COLOPHON * 3
            p.paragraph_format.right_indent = SIZE_COLOPHON
            _set_run_font(p.add_run(copy_to), FONT_BODY, SIZE_COLOPHON, spacing=False)
        else:
            p = left.paragraphs[0]
            _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
            p.paragraph_format.left_indent = SIZE_COLOPHON  # 印发机关 左空一字
            if printer:
                _set_run_font(p.add_run(printer), FONT_BODY, SIZE_COLOPHON, spacing=False)
            p = right.paragraphs[0]
            _exact_lines(p, first_indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            p.paragraph_format.right_indent = SIZE_COLOPHON  # 印发日期 右空一字
            if date_text:
                _set_run_font(p.add_run(date_text), FONT_BODY, SIZE_COLOPHON, spacing=False)
    _fix_table_width(table, [half + 40, half - 40])
    if letter:
        _table_borders(table)
    else:
        # 首条 and 末条 0.35 mm (1 pt), the lines between 0.25 mm (¾ pt)
        _table_borders(table, top=("single", 8), bottom=("single", 8), insideH=("single", 6))
    _cell_margins(table, left=0, right=0)
    tbl_pr = table._tbl.tblPr
    float_pr = OxmlElement("w:tblpPr")
    # Placed from the page's left edge (at the left margin) rather than centred on the margin: LibreOffice
    # floats a table as wide as the 版心 only when its position is relative to the page.
    for name, value in (("leftFromText", 0), ("rightFromText", 0), ("vertAnchor", "margin"),
                        ("horzAnchor", "page"), ("tblpX", int(MARGIN_LEFT.pt * 20)), ("tblpYSpec", "bottom")):
        float_pr.set(qn(f"w:{name}"), str(value))
    style = tbl_pr.find(qn("w:tblStyle"))
    (style.addnext(float_pr) if style is not None else tbl_pr.insert(0, float_pr))
    return table


def _cell_margins(table, **sides_pt):
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, value in sides_pt.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(value * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    look = tbl_pr.find(qn("w:tblLook"))
    (look.addprevious(mar) if look is not None else tbl_pr.append(mar))
