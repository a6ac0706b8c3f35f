"""The reader on scanned reports: seeds and devset as image-only PDFs, read through OCR (issue 11).

    python bench/scanned.py [--sets seeds devset] [--limit N] [--lang auto|chi_sim|chi_sim+chi_tra] [--no-write]

The PDFs LibreOffice made of the .txt files (bench/pdfcorpus.py) are rendered to grey images with
pdftoppm at --dpi (200) and rebuilt as PDFs holding only those images (Pillow), as a scanner would
give them; the reader then finds no text layer and runs Tesseract on every page. Scores with the
team's scorer and writes bench/results/scanned.md (one row per language mode measured, kept across
runs so modes can be measured one at a time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import pdfcorpus  # noqa: E402

RESULTS = REPO / "bench" / "results" / "scanned.md"
RAW = REPO / "bench" / "results" / "scanned.json"
MISSES = REPO / "bench" / "results" / "scanned-misses-{lang}-{sets}.txt"


def scanned_pdf(pdf: Path, dpi: int) -> Path:
    """An image-only copy of `pdf` (cached): every page rendered at `dpi` and wrapped back as PDF."""
    from PIL import Image

    out = pdfcorpus.CACHE / f"scanned-{dpi}" / pdf.name
    if out.is_file():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zw-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        images = [Image.open(p) for p in sorted(Path(tmp).glob("p*.png"))]
        buf = io.BytesIO()
        images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    out.write_bytes(buf.getvalue())
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["seeds", "devset"], choices=sorted(pdfcorpus.SETS))
    ap.add_argument("--limit", type=int, help="only the first N documents of each set")
    ap.add_argument("--lang", default="auto", help="ZONEWORK_OCR_LANG for this run")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--reuse", action="store_true",
                    help="read the OCR text kept by an earlier run of the same lang and dpi (re-scores a "
                         "reader change without running Tesseract again; seconds are the earlier run's)")
    args = ap.parse_args(argv)
    os.environ["ZONEWORK_OCR_LANG"] = args.lang
    from zonework.reading import ReadError
    from zonework.reading.ocr import missing
    from zonework.reading.reader import read_source
    from zonework.reading.sources import Source, read_source_path

    kept = pdfcorpus.CACHE / f"ocr-{args.lang.replace('+', '_')}-{args.dpi}"
    kept.mkdir(parents=True, exist_ok=True)

    if missing():
        raise SystemExit(missing())
    pdfcorpus.build_pdfs(args.sets)
    tables, pages, seconds, docs, failures, missed = {}, 0, 0.0, 0, [], []
    for name in args.sets:
        results = {}
        attempted = pdfcorpus.documents(name)[: args.limit]
        for gold_name, text_file in attempted:
            scan = scanned_pdf(pdfcorpus.pdf_of(text_file), args.dpi)
            keep = kept / f"{text_file.stem}.json"
            if args.reuse and keep.is_file():
                old = json.loads(keep.read_text(encoding="utf-8"))
                source = Source(scan.name, old["text"], "pdf", ocr_pages=tuple(old["ocr_pages"]))
                spent = old["seconds"]
            else:
                started = time.perf_counter()
                try:
                    source = read_source_path(scan)
                except ReadError as exc:
                    failures.append(f"{text_file.name}: {exc.message_zh}")
                    continue
                spent = time.perf_counter() - started
                keep.write_text(json.dumps({"text": source.text, "ocr_pages": list(source.ocr_pages),
                                            "seconds": spent}, ensure_ascii=False), encoding="utf-8")
            result = read_source(source)
            seconds += spent
            pages += len(result.ocr_pages)
            docs += 1
            results[gold_name] = result.to_json()
            print(f"{name} {text_file.name}: {len(result.ocr_pages)} pages OCR, {spent:.1f} s", flush=True)
        # Score the documents attempted only (a failed one scores as no records): gold files left
        # out by --limit would count as misses.
        with tempfile.TemporaryDirectory(prefix="zw-gold-") as gold:
            for gold_name, _ in attempted:
                Path(gold, gold_name).write_bytes((pdfcorpus.SETS[name][1] / gold_name).read_bytes())
            table, misses, extras = pdfcorpus.scorer().score(gold, _write(results))
        for label, rows in (("MISS ", misses), ("EXTRA", extras)):
            for file, kind, record in rows:
                record = {k: v for k, v in record.items() if k != "provenance"}
                missed.append(f"{label} {file} {kind} {json.dumps(record, ensure_ascii=False)}")
        tables[name] = table
    row = {"lang": args.lang, "dpi": args.dpi, "docs": docs, "pages": pages, "seconds": round(seconds, 1),
           "limit": args.limit, "sets": args.sets, "tables": tables, "failures": failures,
           "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}
    print(json.dumps(row, ensure_ascii=False))
    if args.no_write:
        return 0
    runs = json.loads(RAW.read_text(encoding="utf-8")) if RAW.is_file() else []
    runs = [r for r in runs if (r["lang"], r["dpi"], r.get("limit"), r["sets"]) !=
            (args.lang, args.dpi, args.limit, args.sets)] + [row]
    RAW.write_text(json.dumps(runs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    MISSES.with_name(MISSES.name.format(lang=args.lang.replace("+", "-"), sets="-".join(args.sets))).write_text(
        "\n".join(missed) + "\n", encoding="utf-8")
    RESULTS.write_text(_report(runs), encoding="utf-8")
    print(RESULTS.read_text(encoding="utf-8"))
    return 0


def _write(results: dict[str, str]) -> str:
    pred = tempfile.mkdtemp(prefix="zw-pred-")
    for gold_name, data in results.items():
        Path(pred, gold_name).write_text(data, encoding="utf-8")
    return pred


def _report(runs: list[dict]) -> str:
    lines = [
        "# Scanned reports (OCR)",
        "",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs (shared with other jobs while measured)",
        "- corpus: seeds and devset .txt → PDF (LibreOffice) → grey images (pdftoppm) → image-only PDF "
        "(Pillow); the reader finds no text layer and runs Tesseract 5 on every page (one core, "
        "OMP_THREAD_LIMIT=1)",
        "- lang auto = chi_sim, and chi_sim+chi_tra again on a page read with mean confidence < 80",
        "- F1 per kind by the team's scorer; txt and PDF text layer are 1.00 on every kind "
        "(bench/results/pdf_extractors.md)",
        "",
        *pdfcorpus.f1_header(first="lang, dpi (docs)", extra=("pages", "s/page")),
    ]
    for r in runs:
        label = f"{r['lang']}, {r['dpi']} ({r['docs']}{' first ' + str(r['limit']) + ' of each set' if r['limit'] else ''})"
        lines.append(pdfcorpus.f1_row(label, r["tables"],
                                      (str(r["pages"]), f"{r['seconds'] / max(r['pages'], 1):.1f}")))
    lines.append("")
    for r in runs:
        for failure in r["failures"]:
            lines.append(f"- {r['lang']}: failed {failure}")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
