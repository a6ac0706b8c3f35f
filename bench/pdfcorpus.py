"""Seeds and devset as PDF files, and the team's scorer, for bench/pdf_extractors.py and bench/scanned.py.

The PDFs are made by LibreOffice from the .txt files (as a zone's clerk would print a report to PDF)
and kept in a cache folder so the two benches and repeated runs convert only once.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ZONEWORK_SHARED", REPO.parent / "shared"))
SETS = {"seeds": (SHARED / "seeds", SHARED / "gold"),
        "devset": (SHARED / "devset", SHARED / "devset" / "gold")}
KINDS = ("results", "targets", "tasks", "projects")
CACHE = Path(os.environ.get("ZONEWORK_BENCH_CACHE", Path(tempfile.gettempdir()) / "zonework-bench-pdf"))

# Without a preference LibreOffice sets Chinese in the Japanese cut of Noto; reports are set in
# Simplified Chinese faces, which is also what OCR is measured on.
_FONTS = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<alias><family>monospace</family><prefer><family>Noto Sans Mono CJK SC</family></prefer></alias>
<alias><family>Liberation Mono</family><prefer><family>Noto Sans Mono CJK SC</family></prefer></alias>
<alias><family>sans-serif</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
<alias><family>serif</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
"""


def documents(name: str) -> list[tuple[str, Path]]:
    """(gold file name, text file) of one set, in gold order."""
    texts, gold = SETS[name]
    out = []
    for gold_file in sorted(gold.glob("*.json")):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))["file"]
        out.append((gold_file.name, texts / doc))
    return out


def pdf_of(text_file: Path) -> Path:
    return CACHE / "pdf" / (text_file.stem + ".pdf")


def build_pdfs(names=("seeds", "devset")) -> list[Path]:
    """Convert every text file of the sets to PDF with LibreOffice (once; cached)."""
    todo = [p for name in names for _, p in documents(name) if not pdf_of(p).is_file()]
    if todo:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise SystemExit("LibreOffice (soffice) is needed to make the PDFs: apt-get install libreoffice-writer-nogui")
        (CACHE / "pdf").mkdir(parents=True, exist_ok=True)
        fonts = CACHE / "fonts.conf"
        fonts.write_text(_FONTS, encoding="utf-8")
        with tempfile.TemporaryDirectory(prefix="zw-soffice-") as profile:
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                            "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf",
                            "--outdir", str(CACHE / "pdf"), *map(str, todo)],
                           check=True, capture_output=True, env={**os.environ, "FONTCONFIG_FILE": str(fonts)},
                           timeout=600)
    return [pdf_of(p) for name in names for _, p in documents(name)]


def scorer():
    path = SHARED / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(name: str, results: dict[str, str]) -> dict:
    """Score {gold file name: reader JSON} of one set; returns the scorer's table by kind."""
    with tempfile.TemporaryDirectory(prefix="zw-pred-") as pred:
        for gold_name, data in results.items():
            Path(pred, gold_name).write_text(data, encoding="utf-8")
        table, _, _ = scorer().score(SETS[name][1], pred)
    return table


def f1_row(label: str, tables: dict[str, dict], extra: tuple[str, ...] = ()) -> str:
    cells = [label]
    for name in ("seeds", "devset"):
        cells += [f"{tables[name][k]['f1']:.2f}" if name in tables else "—" for k in KINDS]
    return "| " + " | ".join([*cells, *extra]) + " |"


def f1_header(names=("seeds", "devset"), first="extractor", extra: tuple[str, ...] = ()) -> list[str]:
    short = {"results": "res", "targets": "tgt", "tasks": "task", "projects": "proj"}
    cols = [first, *(f"{n} {short[k]}" for n in names for k in KINDS), *extra]
    return ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
