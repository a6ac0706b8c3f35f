"""OFD (GB/T 33190) from a generated PDF with easyofd: does the page keep its text as text?

Run in a throwaway venv, not the project's (easyofd pulls PyMuPDF, onnxruntime, reportlab …):

    python3 -m venv /tmp/ofdvenv && /tmp/ofdvenv/bin/pip install easyofd
    /tmp/ofdvenv/bin/python bench/ofd.py test-artifacts/docs/supervision.pdf [more.pdf …]

The PDFs are the ones tests/reports/test_*_report.py::test_page_one_renders leave under
test-artifacts/docs/ (LibreOffice's rendering of the .docx, reports/render.py). For each PDF and each
easyofd mode (the default, and optional_text=True "可编辑"), the OFD is unzipped and page 1's
Doc_0/Pages/Page_0/Content.xml is counted: TextObject and ImageObject elements, the CJK characters held
as TextCode, and what a TextObject says about its font and colour. The same page's text from the PDF
(pdftotext) is compared with the OFD's TextCode text.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]")


def pdf_page_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True)
    return re.sub(r"\s+", "", out.stdout)


def inspect(ofd: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(ofd)) as z:
        names = z.namelist()
        page = next((n for n in names if n.endswith("Pages/Page_0/Content.xml")), None)
        xml = z.read(page).decode("utf-8") if page else ""
        fonts = [n for n in names if n.lower().endswith((".ttf", ".otf", ".ttc"))]
        res = next((z.read(n).decode("utf-8") for n in names if n.endswith("PublicRes.xml")), "")
    codes = re.findall(r"<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>", xml)
    text = "".join(codes)
    fill = re.findall(r'<ofd:FillColor[^>]*Value="([^"]+)"', xml)
    font_attr = re.findall(r'<ofd:TextObject[^>]*Font="([^"]*)"', xml)
    return {
        "files": len(names), "page_xml": page, "page_xml_bytes": len(xml.encode()),
        "text_objects": xml.count("<ofd:TextObject"), "image_objects": xml.count("<ofd:ImageObject"),
        "path_objects": xml.count("<ofd:PathObject"), "cjk_chars": len(CJK.findall(text)), "text": text,
        "fill_colours": sorted(set(fill)), "font_ids": sorted(set(font_attr)), "embedded_font_files": len(fonts),
        "public_res_fonts": res.count("<ofd:Font "),
    }


def main(paths):
    from easyofd.ofd import OFD

    for path in (Path(p).resolve() for p in paths):
        pdf = path.read_bytes()
        reference = pdf_page_text(path)
        print(f"## {path.name}: PDF {len(pdf):,} bytes; page 1 text {len(CJK.findall(reference))} CJK chars")
        for optional_text in (False, True):
            # easyofd writes a "./test" folder in the working directory (and fails when one is left there)
            # and prints its progress to stdout: each run gets a fresh folder and a muted stdout.
            here = os.getcwd()
            os.chdir(tempfile.mkdtemp(prefix="ofd-"))
            started = time.perf_counter()
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    ofd = OFD().pdf2ofd(pdf, optional_text=optional_text)
            finally:
                os.chdir(here)
            seconds = time.perf_counter() - started
            out = path.with_suffix(".text.ofd" if optional_text else ".image.ofd")
            out.write_bytes(ofd)
            facts = inspect(ofd)
            kept = sum(1 for ch in set(CJK.findall(reference)) if ch in facts["text"])
            print(f"- optional_text={optional_text}: OFD {len(ofd):,} bytes in {seconds:.2f} s, {facts['files']} files; "
                  f"{facts['page_xml']} {facts['page_xml_bytes']:,} bytes: TextObject {facts['text_objects']}, "
                  f"ImageObject {facts['image_objects']}, PathObject {facts['path_objects']}; "
                  f"{facts['cjk_chars']} CJK chars as TextCode ({kept}/{len(set(CJK.findall(reference)))} distinct "
                  f"page-1 characters found); FillColor {facts['fill_colours']}; Font ids {facts['font_ids']}; "
                  f"embedded font files {facts['embedded_font_files']}, PublicRes fonts {facts['public_res_fonts']}")
            print(f"  text snippet: {facts['text'][:120]!r}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["test-artifacts/docs/supervision.pdf"])
