"""Render a .docx to PDF and PNG with LibreOffice and poppler, for visual checks (tests, bench).

The official fonts are not installed on Linux build machines. A fontconfig file that includes the
system configuration and aliases 方正小标宋简体 / 仿宋_GB2312 / 楷体_GB2312 / 宋体 to Noto Serif CJK SC
and 黑体 to Noto Sans CJK SC keeps the rendering close to what users see (SETUP_NOTES "Word documents").
"""

import os
import shutil
import subprocess
from pathlib import Path

SERIF_ALIASES = ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "宋体", "仿宋", "楷体"]
SANS_ALIASES = ["黑体"]


def tools_available():
    return bool(shutil.which("soffice") and shutil.which("pdftoppm"))


def fontconfig_file(folder: Path) -> Path:
    def alias(name, target):
        return (f'  <alias binding="same"><family>{name}</family>'
                f"<prefer><family>{target}</family></prefer></alias>\n")

    body = "".join(alias(n, "Noto Serif CJK SC") for n in SERIF_ALIASES)
    body += "".join(alias(n, "Noto Sans CJK SC") for n in SANS_ALIASES)
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"{body}</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def docx_to_pdf(docx_path: Path, workdir: Path, timeout=120) -> Path:
    """Convert with a private LibreOffice profile in `workdir`; returns the PDF path."""
    workdir.mkdir(parents=True, exist_ok=True)
    profile = workdir / "lo-profile"
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file(workdir)), "HOME": str(workdir)}
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(workdir), str(docx_path)],
        check=True, env=env, timeout=timeout, capture_output=True,
    )
    pdf = workdir / (Path(docx_path).stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice 未生成 PDF：{pdf}")
    return pdf


def pdf_first_page_png(pdf: Path, out_stem: Path, dpi=80) -> Path:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(out_stem)],
                   check=True, timeout=60, capture_output=True)
    return out_stem.with_suffix(".png")


def pdf_pages(pdf: Path) -> int:
    """Page count from pdfinfo when present, else by counting page objects."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=30).stdout
        for line in out.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
    return pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")
