"""Turn an uploaded file (path or bytes + name) into plain text, or refuse it with a ReadError.

Zones publish their reports as scraped web pages, Word files, PDFs and text files saved by
whatever editor was at hand, so the encoding of a .txt is never known in advance.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError

PageProgress = Callable[[int, int], None]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
OFFICE_SUFFIXES = {".doc", ".wps"}  # converted to .docx by LibreOffice (office.py)
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | OFFICE_SUFFIXES | {".docx", ".pdf"})
# A page with fewer visible characters than this in its text layer is taken for a scan: a scanned
# page may still carry a page number or a stamp's text.
SCANNED_BELOW = 20

# Characters that are frequent in any Chinese prose; a wrong decoding (GBK bytes read as Big5 or
# the reverse) yields valid but rare characters, so the share of these tells the encodings apart.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
    "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
    "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海"
    "口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身"
    "车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石"
    "记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青"
    "省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型"
    "眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严项投招企环境服"
    "為個們來時發這對會說國過動產種後實現學體點從業義與關開經務質當機間問題")
_COMMON |= set(
    "為個們來時發這對會說國過動產種後實現學體點從業義與關開經務質當機間問題區長進網達總資環與邊設將"
    "華導計組織運農幾強領熱導壓誌爭濟階極歷構稱準劃選標寫層專狀屬圓調滿縣參紅細聽該鐵價嚴項環")

_ENCODINGS = ("utf-8", "gb18030", "big5")


@dataclass
class Source:
    """Text pulled from one file, with how it was read."""

    name: str
    text: str
    kind: str  # txt, docx, doc, wps, pdf, html
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    ocr_pages: tuple[int, ...] = ()  # 1-based numbers of the PDF pages read by OCR


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise ReadError(
            f"文件过大（{size / 1048576:.1f} MB），超过上限 {max_bytes / 1048576:.0f} MB，"
            "请拆分后再上传",
            code="too_large", file_name=name)


# Control bytes no text file holds: all below 0x20 except tab, line ends, form feed and escape.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 27 or 27 < b < 32)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    # Counted by deleting them in C: a generator over 8 KB cost more per document than decoding it.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 50)


def _score(text: str) -> float:
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(c in _COMMON for c in han) / len(han)


def decode_text(data: bytes, name: str = "") -> tuple[str, str, tuple[str, ...]]:
    """Decode text bytes of an unknown Chinese encoding; never fails on a bad byte.

    Returns (text, encoding, warnings).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", ()
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    sample = data[:200_000]
    best, best_key = "utf-8", None
    for enc in _ENCODINGS:
        text = sample.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        # A few bad bytes (a cut multi-byte character, a stray byte) must not outweigh a text
        # that otherwise reads as ordinary Chinese.
        key = _score(text) - 5.0 * bad / max(1, len(text))
        if best_key is None or key > best_key:
            best, best_key = enc, key
    if best_key is not None and best_key < 0.3:
        try:
            from charset_normalizer import from_bytes

            guess = from_bytes(sample).best()
            if guess is not None and guess.encoding:
                best = guess.encoding
        except Exception:  # noqa: BLE001 - a failed guess leaves the best Chinese candidate
            pass
    text = data.decode(best, errors="replace")
    bad = text.count("\ufffd")
    warnings = (f"有 {bad} 处无法解码的字节已替换为 �",) if bad else ()
    return text, best, warnings


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
               "article", "td", "th", "pre", "blockquote", "dd", "dt"}
_NOISE_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
               "button", "select", "template", "svg"]
_NOISE_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|foot|header|breadcrumb|crumb|sidebar|share|copyright|"
    r"banner|toolbar|links?|topbar|bottom)([\s_-]|$)", re.I)
_BOILERPLATE_LINE = re.compile(
    r"备案|ICP|公网安备|版权所有|Copyright|©|网站标识码|主办单位|承办单位|技术支持|隐私声明|网站地图|"
    r"联系我们|收藏本站|设为首页|无障碍|当前位置|您现在的位置|打印本页|关闭窗口|【[大中小]】")


def html_to_text(html: str) -> str:
    """Main text of a web page, one block per line, without menus, footers and 备案 lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(_NOISE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None:
            continue
        attrs = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
        if attrs.strip() and _NOISE_ATTR.search(attrs):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = []
    for line in root.get_text().split("\n"):
        line = line.strip()
        if line and not _BOILERPLATE_LINE.search(line):
            lines.append(line)
    return "\n".join(lines)


def _docx_text(data: bytes, name: str) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, Exception) as exc:  # noqa: BLE001
        raise ReadError("Word 文件已损坏或不完整（可能上传中断），无法打开", code="corrupt",
                        file_name=name) from exc
    lines: list[str] = []
    # Paragraphs and tables interleave in the body; reading them in document order keeps a table
    # of signed projects next to the paragraph that introduces it.
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is reported once per grid column
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf_pages(data: bytes, name: str) -> list[str]:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001
                raise ReadError("PDF 文件已加密，无法读取", code="corrupt", file_name=name) from exc
        return [_with_blank_lines(page) for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        raise ReadError("PDF 文件已损坏或不完整，无法读取", code="corrupt", file_name=name) from exc


def _with_blank_lines(page) -> str:
    """pypdf's text of a page, with the blank lines its layout mode sees between paragraphs.

    The plain mode drops empty lines, and with them the only mark that a caption, a heading or a
    table cell ends before the next line (a line as wide as the page is otherwise a wrap). The
    layout mode keeps the vertical gaps but pads lines with spaces; where both agree line for
    line, the gaps are carried over to the plain text."""
    plain = page.extract_text() or ""
    try:
        layout = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - the plain text stands on its own
        return plain
    gaps, blank = [], False
    for line in layout.split("\n"):
        if line.strip():
            gaps.append(blank)
        blank = not line.strip()
    lines = plain.split("\n")
    if len(gaps) != sum(1 for line in lines if line.strip()):
        return plain
    out: list[str] = []
    k = 0
    for line in lines:
        if line.strip():
            if gaps[k] and out and out[-1].strip():
                out.append("")
            k += 1
        out.append(line)
    return "\n".join(out)


def _visible(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _pdf_source(data: bytes, name: str, page_progress: PageProgress | None = None) -> Source:
    """Text of a PDF: pypdf's text layer (chosen by bench/pdf_extractors.py), OCR for pages without one."""
    from . import ocr

    pages = _pdf_pages(data, name)
    scanned = [i for i, page in enumerate(pages) if _visible(page) < SCANNED_BELOW]
    warnings: tuple[str, ...] = ()
    if scanned:
        why = ocr.missing()
        if why and len(scanned) == len(pages):
            raise ReadError(f"PDF 没有文字层（扫描件或图片），需要文字识别（OCR）：{why}", code="no_ocr",
                            file_name=name)
        if why:
            listed = "、".join(str(i + 1) for i in scanned[:10]) + ("等" if len(scanned) > 10 else "")
            warnings = (f"第 {listed} 页是扫描图像，未做文字识别（OCR）：{why}",)
            scanned = []
        else:
            for i, text in ocr.ocr_pdf_pages(data, scanned, name, page_progress).items():
                pages[i] = text
    # A form feed between pages lets the repair step find page numbers and running headers.
    text = "\n\f\n".join(pages)
    if not text.strip():
        raise ReadError("PDF 中没有可读取的文字（文字识别（OCR）也没有识别出文字）", code="no_text", file_name=name)
    return Source(name, text, "pdf", warnings=warnings, ocr_pages=tuple(i + 1 for i in scanned))


def read_source_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES,
                      page_progress: PageProgress | None = None) -> Source:
    """`page_progress(done, total)` follows OCR page by page, when a PDF has scanned pages."""
    check_size(len(data), max_bytes, name)
    suffix = _suffix(name)
    if not data or not data.strip():
        raise ReadError("文件是空的，没有可读取的内容", code="empty", file_name=name)
    if suffix == ".docx":
        return Source(name, _docx_text(data, name), "docx")
    if suffix == ".pdf":
        return _pdf_source(data, name, page_progress)
    if suffix in OFFICE_SUFFIXES:
        from .office import to_docx

        return Source(name, _docx_text(to_docx(data, name), name), suffix.lstrip("."))
    if suffix in (".xls", ".xlsx", ".ppt", ".pptx"):
        raise ReadError(f"暂不支持 {suffix} 文件，请另存为 .docx、.pdf 或 .txt 后再上传",
                        code="unsupported", file_name=name)
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and suffix:
        if data[:4] == b"%PDF":
            return _pdf_source(data, name, page_progress)
        if data[:2] == b"PK":
            return Source(name, _docx_text(data, name), "docx")
        if _looks_binary(data[:8192]):
            raise ReadError(f"不支持的文件类型 {suffix}，可读取：{'、'.join(SUPPORTED)}",
                            code="unsupported", file_name=name)
    if _looks_binary(data[:8192]):
        raise ReadError("文件内容是二进制数据，不是文本，无法读取", code="binary", file_name=name)
    text, encoding, warnings = decode_text(data, name)
    is_html = suffix in HTML_SUFFIXES or (
        not suffix and re.match(r"\s*<(!doctype html|html)", text[:200], re.I))
    if is_html:
        text = html_to_text(text)
        kind = "html"
    else:
        kind = "txt"
    if not text.strip():
        raise ReadError("文件中没有可读取的文字", code="empty", file_name=name)
    return Source(name, text, kind, encoding, warnings)


def read_source_path(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                     page_progress: PageProgress | None = None) -> Source:
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ReadError("找不到该文件", code="missing", file_name=name) from exc
    except OSError as exc:
        raise ReadError(f"无法打开文件：{exc.strerror or exc}", code="unreadable", file_name=name) from exc
    if path.is_dir():
        raise ReadError("这是一个文件夹，不是文件", code="unsupported", file_name=name)
    # The size is checked before a single byte is read, so a huge upload costs no memory.
    check_size(size, max_bytes, name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}", code="unreadable", file_name=name) from exc
    return read_source_bytes(data, name, max_bytes, page_progress)
