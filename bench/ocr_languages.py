"""Which Tesseract language reads the scans best: characters matched against the PDF's text layer.

    python bench/ocr_languages.py [--no-write]

First page of a few simplified and traditional documents of the seeds and devset (bench/pdfcorpus.py),
rendered at 200 dpi; each language's output, whitespace removed, is compared with the text layer
(difflib ratio), with Tesseract's mean confidence and the seconds it took. Writes
bench/results/ocr_languages.md. This is what chose reading/ocr.py's "auto" mode.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import pdfcorpus  # noqa: E402

from zonework.reading import ocr  # noqa: E402

RESULTS = REPO / "bench" / "results" / "ocr_languages.md"
DOCS = {"seeds": ["000_"], "devset": ["03_", "22_", "29_", "05_", "07_"]}
LANGS = ("chi_sim", "chi_sim+chi_tra", "chi_tra+chi_sim")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    pdfcorpus.build_pdfs()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    rows = []
    with tempfile.TemporaryDirectory(prefix="zw-lang-") as tmp:
        for name, prefixes in DOCS.items():
            for _, text_file in pdfcorpus.documents(name):
                if not text_file.name.startswith(tuple(prefixes)):
                    continue
                pdf = pdfcorpus.pdf_of(text_file)
                png = Path(tmp, text_file.stem)
                subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1",
                                str(pdf), str(png)], check=True)
                layer = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout
                ref = re.sub(r"\s+", "", layer)
                cells = [text_file.name]
                for lang in LANGS:
                    started = time.perf_counter()
                    text, conf = ocr._tesseract(Path(f"{png}.png"), lang, env)
                    spent = time.perf_counter() - started
                    ratio = difflib.SequenceMatcher(None, ref, re.sub(r"\s+", "", text), autojunk=False).ratio()
                    cells.append(f"{ratio:.3f} / {conf:.0f} / {spent:.1f}")
                rows.append("| " + " | ".join(cells) + " |")
                print(rows[-1], flush=True)
    lines = ["# OCR languages", "",
             "First page of each document at 200 dpi; cell = characters matched with the text layer "
             "(difflib ratio, whitespace removed) / Tesseract's mean confidence / seconds (one core, shared "
             "machine). `_trad` files are in traditional characters.", "",
             "| document | " + " | ".join(LANGS) + " |", "|---|" + "---|" * len(LANGS), *rows, ""]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        RESULTS.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
