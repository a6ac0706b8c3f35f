"""Benchmark of the document reader: throughput, peak memory, and cost over a bare pass.

    python bench/reading.py [--mb 20] [--runs 3]

Builds a corpus of the seed reports and the development-set excerpts (../shared, or ZONEWORK_SHARED)
repeated to at least --mb megabytes, both as one big file and
as as many separate documents, reads it end to end, and compares with a bare pass (encoding
detection + normalisation + one regex over the text). Writes bench/results/reading.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from zonework.reading import read_path  # noqa: E402
from zonework.reading.normalise import normalise  # noqa: E402
from zonework.reading.sources import decode_text  # noqa: E402

SHARED = Path(os.environ.get("ZONEWORK_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
DEVSET = SHARED / "devset"
RESULTS = REPO / "bench" / "results" / "reading.md"

_FALLBACK = (
    "某某经济开发区{y}年工作总结和{z}年工作要点\n一、{y}年工作总结\n"
    "{y}年,全区实现地区生产总值{a}亿元,同比增长{g}%;完成规模以上工业增加值{b}亿元,增长{h}%。"
    "引进了总投资{c}亿元的新能源汽车零部件项目、总投资{d}亿元的智能装备产业园项目。\n"
    "二、{z}年工作要点\n(一)主要目标\n地区生产总值增长{g}%左右,固定资产投资增长不低于{h}%。\n"
    "1.加快产业转型升级。推进智能制造和工业互联网发展。(责任单位:经信局、招商局,相关园区)\n"
)


def seed_texts() -> list[tuple[str, bytes]]:
    if SEEDS.is_dir():
        found = [(p.name, p.read_bytes()) for folder in (SEEDS, DEVSET) if folder.is_dir()
                 for p in sorted(folder.glob("*.txt"))]
        if found:
            return found
    docs = []
    for i in range(20):
        text = "".join(_FALLBACK.format(y=2010 + i % 10, z=2011 + i % 10, a=100 + i, b=50 + i, c=10 + i,
                                       d=5 + i, g=5 + i % 7, h=8 + i % 5) for _ in range(40))
        docs.append((f"gen_{i:02d}.txt", text.encode("utf-8")))
    return docs


def build_corpus(folder: Path, megabytes: float) -> tuple[Path, list[Path]]:
    seeds = seed_texts()
    target = int(megabytes * 1024 * 1024)
    big = folder / "big.txt"
    docs_dir = folder / "docs"
    docs_dir.mkdir()
    size = 0
    docs: list[Path] = []
    with big.open("wb") as fh:
        while size < target:
            for name, data in seeds:
                fh.write(data + b"\n")
                path = docs_dir / f"{len(docs):05d}_{name}"
                path.write_bytes(data)
                docs.append(path)
                size += len(data) + 1
    return big, docs


def bare_pass(path: Path) -> int:
    text, _, _ = decode_text(path.read_bytes())
    norm = normalise(text)
    return sum(1 for _ in re.finditer(r"\d+(?:\.\d+)?亿元", norm.text))


_T2S = None
_FIGURE = re.compile(r"\d+(?:\.\d+)?亿元")


def issue_bare_pass(path: Path) -> int:
    """Issue 16's bare pass: decode, OpenCC t2s over the text, one compiled regex. The floor any reader of
    Chinese figures pays; the reader's own cost is what it adds to this."""
    global _T2S
    import opencc

    if _T2S is None:
        _T2S = opencc.OpenCC("t2s")
    text, _, _ = decode_text(path.read_bytes())
    return sum(1 for _ in _FIGURE.finditer(_T2S.convert(text)))


def timed_rounds(fns: dict, runs: int) -> dict[str, list[float]]:
    """CPU seconds of each function per round, the functions taking turns within each round.

    On a machine shared with others, the load changes from minute to minute: taking turns puts a
    reading and the bare pass it is compared with under the same load, and CPU time leaves out the
    time spent waiting for a core."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            started = time.process_time()
            fn()
            times[name].append(time.process_time() - started)
    return times


def median_ratio(times: dict[str, list[float]], num: str, den: str) -> float:
    """The median over rounds of num/den measured in the same round."""
    return statistics.median(a / b for a, b in zip(times[num], times[den], strict=True))


_PEAK = """
import resource, sys, tracemalloc
sys.path.insert(0, {src!r})


def high_water_kb():
    # VmHWM starts afresh at exec; ru_maxrss may carry the parent's high-water mark over.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


from zonework.reading import read_path
base = high_water_kb()
result = read_path({path!r})
peak = high_water_kb()
del result
# A second read under tracemalloc (which costs memory of its own) splits out Python's allocations.
tracemalloc.start()
result = read_path({path!r})
_, traced = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(base, peak, traced, sum(len(result.records(k)) for k in ("results", "targets", "tasks", "projects")))
"""


def peak_memory(path: Path) -> tuple[float, float, float, int]:
    """(RSS after imports, peak RSS, peak traced Python allocations) in MB, records found."""
    out = subprocess.run([sys.executable, "-c", _PEAK.format(src=str(REPO / "src"), path=str(path))],
                         capture_output=True, text=True, check=True).stdout.split()
    base, peak, traced, records = int(out[0]), int(out[1]), int(out[2]), int(out[3])
    return base / 1024, peak / 1024, traced / 1048576, records


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="reading-bench-") as tmp:
        big, docs = build_corpus(Path(tmp), args.mb)
        big_mb = big.stat().st_size / 1048576
        docs_mb = sum(p.stat().st_size for p in docs) / 1048576

        # the issue's bare pass, measured in the same rounds, so the ratio compares like with like
        times = timed_rounds({
            "full_big": lambda: read_path(big), "bare_big": lambda: bare_pass(big),
            "floor_big": lambda: issue_bare_pass(big),
            "full_docs": lambda: [read_path(p) for p in docs], "bare_docs": lambda: [bare_pass(p) for p in docs],
            "floor_docs": lambda: [issue_bare_pass(p) for p in docs],
        }, args.runs)
        full_big, bare_big, floor_big, full_docs, bare_docs, floor_docs = (
            statistics.median(times[k]) for k in ("full_big", "bare_big", "floor_big", "full_docs", "bare_docs",
                                                  "floor_docs"))
        base_rss, peak_rss, traced, records = peak_memory(big)
    load_after = os.getloadavg()

    rows = [
        ("one file", f"{big_mb:.1f}", "1", f"{full_big:.2f}", f"{big_mb / full_big:.2f}", f"{1 / full_big:.2f}",
         f"{bare_big:.2f}", f"{median_ratio(times, 'full_big', 'bare_big'):.2f}", f"{floor_big:.2f}",
         f"{median_ratio(times, 'full_big', 'floor_big'):.2f}"),
        (f"{len(docs)} documents", f"{docs_mb:.1f}", str(len(docs)), f"{full_docs:.2f}",
         f"{docs_mb / full_docs:.2f}", f"{len(docs) / full_docs:.1f}", f"{bare_docs:.2f}",
         f"{median_ratio(times, 'full_docs', 'bare_docs'):.2f}", f"{floor_docs:.2f}",
         f"{median_ratio(times, 'full_docs', 'floor_docs'):.2f}"),
    ]
    header = ("corpus", "MB", "docs", "full s", "MB/s", "docs/s", "bare s", "full/bare", "OpenCC+regex s",
              "full/(OpenCC+regex)")
    lines = [
        "# Reader benchmark",
        "",
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}",
        f"- python: {platform.python_version()} ({platform.python_implementation()}), one process, one core; "
        "CPU seconds (time.process_time), the passes taking turns in each round; ratios are medians of the "
        "per-round ratios",
        f"- corpus: {'seed reports and devset excerpts' if SEEDS.is_dir() else 'generated reports'} repeated to "
        f"{args.mb:g} MB; medians of {args.runs} runs",
        "- load average (1, 5, 15 min) before / after: " + ", ".join(f"{x:.2f}" for x in load_before) + " / "
        + ", ".join(f"{x:.2f}" for x in load_after),
        "- full = read_path end to end (decode, normalise, structure, the four kinds); "
        "bare = decode + normalise + one regex over the text; OpenCC+regex = issue 16's bare pass "
        "(decode, OpenCC t2s, one compiled regex)",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
        f"Peak memory reading the {big_mb:.1f} MB file (separate process): RSS {peak_rss:.0f} MB "
        f"(after imports {base_rss:.0f} MB); peak traced Python allocations {traced:.0f} MB; "
        f"{records} records.",
        "",
        "Targets: ≥ 2 MB/s on one core end to end, full/(OpenCC+regex) ≤ 3 (issue 16), peak < 500 MB on a "
        "20 MB file.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
