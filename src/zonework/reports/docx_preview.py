"""The HTML preview of a 公文: the same blocks as the .docx (docx_format), on a page of the same size,
with the same 版头 and 版记, and every figure linked to the row it came from."""

import base64
import html

from .docx_format import (
    CSS_FONTS,
    FONT_BODY,
    FONT_H1,
    FONT_H2,
    FONT_TITLE,
    RED,
    TEXT_WIDTH,
    Figure,
    Heading,
    Image,
    Paragraph,
    Report,
    Table,
    column_widths,
    mark_size,
    official_date,
)

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
.gw-corner {{ text-align: left !important; text-indent: 0 !important; font-family: {CSS_FONTS[FONT_H1]}; }}
.gw-mark {{ font-family: {CSS_FONTS[FONT_TITLE]}; color: #{RED}; text-align: center !important; text-indent: 0 !important;
  white-space: nowrap; display: flex; justify-content: center; margin-top: 35mm !important; }}
.gw-mark span {{ flex-shrink: 0; }}
.gw-mark.gw-up {{ margin-top: 80mm !important; }}
.gw-mark.gw-letter {{ margin-top: 0 !important; margin-left: -7mm !important; margin-right: -7mm !important;
  padding-bottom: 4mm; border-bottom: 4px double #{RED}; }}
.gw-number {{ text-align: center !important; text-indent: 0 !important; margin-top: 57.9pt !important;
  padding-bottom: 4mm; border-bottom: 1.5pt solid #{RED}; margin-bottom: 57.9pt !important; }}
.gw-number.gw-up {{ display: flex; justify-content: space-between; padding-left: 1em; padding-right: 1em; }}
.gw-number.gw-letter {{ border-bottom: 0; margin: 0 0 28.95pt !important; display: flex; justify-content: space-between;
  padding: 0; }}
.gw-signer {{ font-family: {CSS_FONTS[FONT_H2]}; }}
.gw-recipient {{ text-indent: 0 !important; }}
.gw-colophon {{ margin-top: 28.95pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt; }}
.gw-colophon.gw-letter {{ border: 0; }}
.gw-colophon p {{ text-indent: 0; padding: 0 1em; }}
.gw-colophon .gw-copy-to {{ padding-left: 4em; text-indent: -3em; }}
.gw-colophon .gw-copy-to + .gw-printed {{ border-top: .75pt solid #000; }}
.gw-printed {{ display: flex; justify-content: space-between; }}
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
            cols = "".join(f'<col style="width:{w:.1f}pt">' for w in column_widths(block.header, block.rows))
            out.append(f'<table class="gw-table" style="table-layout:fixed;width:{TEXT_WIDTH.pt:.1f}pt">'
                       f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(block, Image):
            data = base64.b64encode(block.png).decode()
            out.append(f'<p class="gw-image"><img src="data:image/png;base64,{data}" '
                       f'alt="{html.escape(block.caption, quote=True)}"></p>')
            if block.caption:
                out.append(f'<p class="gw-caption">{html.escape(block.caption)}</p>')


def _html_masthead(m, out):
    esc = html.escape
    if not m.letter:
        out += [f'<p class="gw-corner">{esc(line)}</p>' for line in m.corner_lines()]
    size, scale = mark_size(m.mark)
    kind = " gw-letter" if m.letter else (" gw-up" if m.signer else "")
    # the same size and horizontal scale as the .docx: scaleX narrows the letters, not the line
    out.append(f'<p class="gw-mark{kind}" style="font-size:{size}pt;line-height:{size * 1.2}pt">'
               f'<span style="display:inline-block;transform:scaleX({scale / 100})">{esc(m.mark)}</span></p>')
    if m.letter:
        corners = m.corner_lines() or [""]
        out.append(f'<p class="gw-number gw-letter"><span class="gw-corner">{esc(corners[0])}</span>'
                   f"<span>{esc(m.number)}</span></p>")
        out += [f'<p class="gw-corner">{esc(line)}</p>' for line in corners[1:]]
    elif m.signer:
        out.append(f'<p class="gw-number gw-up"><span>{esc(m.number)}</span>'
                   f'<span>签发人：<span class="gw-signer">{esc(m.signer)}</span></span></p>')
    else:
        out.append(f'<p class="gw-number">{esc(m.number) or "&nbsp;"}</p>')


def _html_colophon(c, letter, out):
    esc = html.escape
    rows = []
    if c.copy_to_text():
        rows.append(f'<p class="gw-copy-to">{esc(c.copy_to_text())}</p>')
    if not letter and (c.printer or c.print_date_text()):
        rows.append(f'<p class="gw-printed"><span>{esc(c.printer)}</span><span>{esc(c.print_date_text())}</span></p>')
    if rows:
        out.append(f'<div class="gw-colophon{" gw-letter" if letter else ""}">{"".join(rows)}</div>')


def render_html(report: Report, include_css=True) -> str:
    """The report as an HTML fragment (one continuous page), figures linked to their rows."""
    report.number_headings()
    out = []
    if include_css:
        out.append(f"<style>{PREVIEW_CSS}</style>")
    out.append('<article class="gw-page">')
    m = report.masthead
    if m:
        _html_masthead(m, out)
    for line in report.title.lines:
        out.append(f'<p class="gw-title">{html.escape(line)}</p>')
    out.append('<div class="gw-title-gap"></div>')
    if report.recipient_text():
        out.append(f'<p class="gw-recipient">{html.escape(report.recipient_text())}</p>')
    _html_blocks(report.blocks, out)
    if report.signature:
        out.append('<div class="gw-sign-gap"></div>')
        if report.signature.issuer:
            out.append(f'<p class="gw-issuer">{html.escape(report.signature.issuer)}</p>')
        out.append(f'<p class="gw-date">{official_date(report.signature.date)}</p>')
    if report.appendix:
        out.append('<p class="gw-caption">' + "-" * 16 + "（沿此线剪下）" + "-" * 16 + "</p>")
        _html_blocks(report.appendix, out)
    if report.colophon:
        _html_colophon(report.colophon, bool(m and m.letter), out)
    out.append("</article>")
    return "\n".join(out)
