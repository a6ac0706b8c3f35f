"""Text of scanned PDF pages by OCR: poppler's pdftoppm renders a page, Tesseract reads it.

The binaries are called directly (pytesseract would spawn the same `tesseract` process and add a
dependency). Both are Debian packages (poppler-utils, tesseract-ocr, tesseract-ocr-chi-sim,
tesseract-ocr-chi-tra); when one is missing the reader says so in Chinese instead of failing.

Language, by measurement (bench/results/ocr_languages.md, first pages of seeds and devset rendered
as scans): `chi_sim` alone reads simplified pages closer to the text layer than `chi_sim+chi_tra`
(0.98-0.995 against 0.91-0.99 of characters) in less time, but traditional pages far worse (0.75-0.78
against 0.94-0.98). So the default "auto" reads with `chi_sim` and, on a page it is unsure of (mean
confidence below 80), reads again with `chi_sim+chi_tra`, keeping that reading only if it comes out
traditional: on a simplified table chi_sim is unsure too, but the mixed model then makes 18 % of the
characters traditional by mistake and reads worse, against 28-35 % on truly traditional pages
(a threshold of 25 % measured on six pages only).
ZONEWORK_OCR_LANG (e.g. "chi_sim+chi_tra") fixes one language instead.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import ReadError
from .repair import close_ocr_spaces

DEFAULT_LANG = "auto"
AUTO_FIRST, AUTO_SECOND = "chi_sim", "chi_sim+chi_tra"
UNSURE_BELOW = 80.0  # mean confidence (0-100, weighted by characters) that calls for the second reading
TRADITIONAL_FROM = 0.25  # traditional-only share of the second reading that makes it the page's reading
DPI = 200
PAGE_TIMEOUT = 300  # seconds for one page; a stuck Tesseract must not hold the reading job forever

PageProgress = Callable[[int, int], None]

_INSTALL_HINT = ("请管理员安装 tesseract-ocr、tesseract-ocr-chi-sim、tesseract-ocr-chi-tra 和 poppler-utils，"
                 "或上传带文字层的 PDF、Word 文件")


def language() -> str:
    return os.environ.get("ZONEWORK_OCR_LANG", DEFAULT_LANG)


@functools.lru_cache(maxsize=8)
def _installed_langs(tesseract: str) -> frozenset[str]:
    try:
        out = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def missing() -> str | None:
    """Why OCR cannot run here, in Chinese, or None when it can."""
    if not shutil.which("pdftoppm"):
        return f"服务器未安装 PDF 渲染工具 pdftoppm（poppler-utils），无法做文字识别（OCR）。{_INSTALL_HINT}"
    tesseract = shutil.which("tesseract")
    if not tesseract:
        return f"服务器未安装文字识别（OCR）组件 Tesseract，无法识别扫描件。{_INSTALL_HINT}"
    lang = AUTO_FIRST if language() == "auto" else language()
    wanted = [part for part in lang.split("+") if part]
    absent = [part for part in wanted if part not in _installed_langs(tesseract)]
    if absent:
        return f"Tesseract 缺少中文语言包 {'、'.join(absent)}，无法识别扫描件。{_INSTALL_HINT}"
    return None


def ocr_pdf_pages(data: bytes, pages: list[int], name: str = "",
                  progress: PageProgress | None = None) -> dict[int, str]:
    """{page index (0-based): text} for the given pages of a PDF. Raises ReadError (code "no_ocr")
    when OCR is not installed. `progress(done, total)` is called before and after each page."""
    why = missing()
    if why:
        raise ReadError(why, code="no_ocr", file_name=name or None)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one page at a time on one core: the host is shared
    out: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="zonework-ocr-") as tmp:
        pdf = Path(tmp, "in.pdf")
        pdf.write_bytes(data)
        for done, index in enumerate(pages):
            if progress:
                progress(done, len(pages))
            stem = Path(tmp, f"p{index + 1}")
            try:
                subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile",
                                "-f", str(index + 1), "-l", str(index + 1), str(pdf), str(stem)],
                               check=True, capture_output=True, timeout=PAGE_TIMEOUT)
                text = _read_page(Path(f"{stem}.png"), env)
            except subprocess.TimeoutExpired as exc:
                raise ReadError(f"第 {index + 1} 页文字识别超时（超过 {PAGE_TIMEOUT} 秒）", code="ocr_failed",
                                file_name=name or None) from exc
            except (OSError, subprocess.CalledProcessError) as exc:
                raise ReadError(f"第 {index + 1} 页无法做文字识别（图像无法渲染或识别失败）", code="ocr_failed",
                                file_name=name or None) from exc
            out[index] = close_ocr_spaces(text)
            Path(f"{stem}.png").unlink(missing_ok=True)
        if progress:
            progress(len(pages), len(pages))
    return out


def _tesseract(png: Path, lang: str, env: dict) -> tuple[str, float]:
    """(text, mean confidence weighted by characters) of one page image, from one Tesseract run."""
    base = png.with_suffix(f".{lang.replace('+', '_')}")
    subprocess.run(["tesseract", str(png), str(base), "-l", lang, "txt", "tsv"],
                   check=True, capture_output=True, timeout=PAGE_TIMEOUT, env=env)
    text = Path(f"{base}.txt").read_text(encoding="utf-8", errors="replace")
    weight = total = 0.0
    for row in Path(f"{base}.tsv").read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip():
            continue
        try:
            conf = float(cells[10])
        except ValueError:
            continue
        if conf >= 0:
            total += conf * len(cells[11].strip())
            weight += len(cells[11].strip())
    return text, (total / weight if weight else 0.0)


def _traditional_share(text: str) -> float:
    """Share of Han characters that Simplified Chinese writes differently (OpenCC t2s)."""
    import opencc

    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    simplified = opencc.OpenCC("t2s").convert("".join(han))
    return sum(a != b for a, b in zip(han, simplified, strict=False)) / len(han)


def _read_page(png: Path, env: dict) -> str:
    lang = language()
    if lang != "auto":
        return _tesseract(png, lang, env)[0]
    text, conf = _tesseract(png, AUTO_FIRST, env)
    if conf < UNSURE_BELOW and text.strip() and "chi_tra" in _installed_langs(shutil.which("tesseract") or ""):
        second, _ = _tesseract(png, AUTO_SECOND, env)
        # A simplified page chi_sim is unsure of (a table, a stamp) is not read better by the mixed
        # model, and its confidence is no guide; a page the mixed model reads as traditional is.
        if _traditional_share(second) >= TRADITIONAL_FROM:
            return second
    return text
