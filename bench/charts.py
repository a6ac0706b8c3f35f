"""Benchmark of chart drawing for the bulletin: Node's server-side ECharts (SVG → PNG) against Chromium.

    python bench/charts.py [--runs 5]

Draws the bulletin's two charts (progress bars, growth lines) both ways, one document at a time, and
writes the medians, their ratio and the machine's load to bench/results/charts.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zonework.settings")
RESULTS = REPO / "bench" / "results" / "charts.md"


def main():
    import django

    django.setup()
    from zonework.reports import charts

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    names = ["地区生产总值", "规模以上工业总产值", "固定资产投资", "一般公共预算收入", "实际利用外资"]
    options = [charts.progress_chart(names, [55.0, 48.2, 61.3, 44.0, 52.5], 50.0, "1-6月主要指标完成进度"),
               charts.growth_chart(list(range(1, 7)), [(n, [5.0 + i, 6.1, 7.2, 6.8, 7.5, 8.0]) for i, n in
                                                       enumerate(names)], "主要指标累计增速走势")]
    rows = []
    for label, reason, draw in (("Node SSR (" + str(charts.svg_converter()) + ")", charts.ssr_reason(),
                                 lambda: charts._render_ssr(options, 760, 420)),
                                ("Chromium (Playwright)", charts.browser_reason(),
                                 lambda: charts._render_browser(options, 760, 420))):
        if reason:
            rows.append((label, None, reason))
            continue
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            pngs, failure = draw()
            times.append(time.perf_counter() - start)
            if pngs is None:
                raise SystemExit(f"{label}: {failure}")
        rows.append((label, statistics.median(times), f"{len(pngs)} charts, {sum(map(len, pngs)) // 1024} KB"))
    load = os.getloadavg()
    lines = [f"# Chart drawing for one bulletin ({dt.datetime.now():%Y-%m-%d %H:%M}, {platform.node()})", "",
             f"Two charts per document, median of {args.runs} runs; load average {load[0]:.1f} / {load[1]:.1f} "
             f"on {os.cpu_count()} cores while measuring.", "",
             "| renderer | median s per document | output |", "|---|---|---|"]
    for label, median, note in rows:
        lines.append(f"| {label} | {median:.2f} | {note} |" if median is not None else f"| {label} | — | {note} |")
    timed = [r for r in rows if r[1] is not None]
    if len(timed) == 2:
        lines += ["", f"Chromium / Node: {timed[1][1] / timed[0][1]:.1f}× (one run, same machine)."]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
