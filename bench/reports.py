"""Benchmark of the reports: one zone's work summary and monthly bulletin at the economy benchmark's size.

    python bench/reports.py [--runs 5] [--zones 30 --indicators 60 --years 10] [--keep-db PATH]

Builds a fresh SQLite database (or uses DATABASE_URL with --use-database-url), fills it with the shared
generator (bench/generate.py: zones × indicators × years × 12 months of observations and a target per
zone, indicator and year), adds one zone's year of tasks, projects and service requests, then times
building each report from the database and writing its .docx (and the bulletin's .xlsx). Reports the
median over --runs runs and the number of SQL queries. Writes bench/results/reports.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))


def setup(database_url):
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zonework.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def add_work_investment_services(zone, year, tasks=200, projects=300, requests=500):
    """One zone's year beyond the economy: key tasks, investment projects, major projects, requests."""
    import random
    from decimal import Decimal

    from django.apps import apps

    from zonework.core.models import Unit

    rng = random.Random(year)
    units = list(Unit.objects.filter(zone=zone))
    if not units:
        units = [Unit.objects.create(zone=zone, name=f"单位{i:02d}") for i in range(12)]
    counts = {}
    if apps.is_installed("zonework.work"):
        from zonework.work.models import Plan, Task

        plan = Plan.objects.create(zone=zone, title=f"{year}年工作要点", year=year,
                                   start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31))
        statuses = ["done", "done", "done_late", "in_progress", "accepted", "assigned"]
        parents = [Task.objects.create(plan=plan, title=f"重点领域{i + 1}", lead_unit=rng.choice(units),
                                       deadline=dt.date(year, 12, 31), status="in_progress", position=i)
                   for i in range(10)]
        Task.objects.bulk_create([
            Task(plan=plan, parent=parents[i % 10], title=f"重点任务{i + 1}", text="推进落实。",
                 lead_unit=rng.choice(units), deadline=dt.date(year, rng.randint(3, 12), 28),
                 status=rng.choice(statuses), progress=Decimal(rng.randint(0, 100)), position=i)
            for i in range(tasks)])
        counts["tasks"] = tasks + 10
    if apps.is_installed("zonework.investment"):
        from zonework.investment.models import InvestmentProject, MajorProject, PaidIn, StageChange

        stages = ["signed", "registered", "land_granted", "construction", "production"]
        for i in range(projects):
            stage = rng.choice(stages)
            signed = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            p = InvestmentProject.objects.create(zone=zone, unit=rng.choice(units), name=f"基准招商项目{i + 1}",
                                                 agreed_investment=Decimal(rng.randint(1000, 200000)),
                                                 stage=stage, stage_date=signed, fortune500=rng.random() < 0.05)
            StageChange.objects.create(project=p, to_stage="signed", date=signed)
            if stage != "signed":
                StageChange.objects.create(project=p, to_stage=stage, date=signed + dt.timedelta(days=30))
            if rng.random() < 0.5:
                PaidIn.objects.create(project=p, month=dt.date(year, signed.month, 1),
                                      amount=Decimal(rng.randint(100, 5000)), currency=p.currency)
        MajorProject.objects.bulk_create([
            MajorProject(zone=zone, unit=rng.choice(units), name=f"基准重大项目{i + 1}",
                         total_investment=Decimal(rng.randint(10000, 900000)),
                         construction_start_planned=dt.date(year, rng.randint(1, 12), 1),
                         construction_start_actual=dt.date(year, rng.randint(1, 12), 15) if i % 3 else None)
            for i in range(40)])
        counts["projects"] = projects
        counts["major_projects"] = 40
    if apps.is_installed("zonework.enterprises"):
        from zonework.enterprises import credit_code
        from zonework.enterprises.models import Enterprise, ServiceRequest

        ents = [Enterprise.objects.create(zone=zone, unit=rng.choice(units), name=f"基准企业{i + 1}",
                                          credit_code=credit_code.make("91", "420100", f"{70000000 + i}"))
                for i in range(50)]
        reqs = []
        for i in range(requests):
            received = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            closed = rng.random() < 0.8
            reqs.append(ServiceRequest(zone=zone, unit=rng.choice(units), enterprise=rng.choice(ents),
                                       title=f"诉求{i + 1}", received_date=received, clock_date=received,
                                       state="closed" if closed else "handling",
                                       closed_date=received + dt.timedelta(days=rng.randint(1, 20)) if closed else None,
                                       satisfaction=rng.randint(3, 5) if closed else None))
        ServiceRequest.objects.bulk_create(reqs)
        counts["requests"] = requests
    return counts


def timed(fn, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, result = [], None, None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), max(times), queries, result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--zones", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--first-year", type=int, default=2014)
    parser.add_argument("--use-database-url", action="store_true",
                        help="use DATABASE_URL as it is (default: a fresh SQLite file in a temporary folder)")
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "reports.md"))
    args = parser.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="zonework-bench-reports-")
    database_url = None if args.use_database_url else f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("ZONEWORK_MEDIA_ROOT", tmp.name)
    started = time.perf_counter()
    setup(database_url)
    import generate as shared
    from django.conf import settings

    zones, indicators, counts = shared.generate_economy(args.zones, args.indicators, args.years, 12,
                                                        first_year=args.first_year)
    zone = zones[0]
    year = args.first_year + args.years - 1
    extra = add_work_investment_services(zone, year)
    setup_seconds = time.perf_counter() - started

    from zonework.reports import bulletin, charts, summary
    from zonework.reports.docx_format import render_html, write_docx

    rows = []

    def row(label, fn):
        median, low, high, queries, result = timed(fn, args.runs)
        rows.append((label, median, low, high, queries))
        return result

    report = row("工作总结：从数据库起草（Report 结构）", lambda: summary.build(zone, year))
    row("工作总结：写 .docx", lambda: write_docx(report))
    row("工作总结：HTML 预览", lambda: render_html(report))
    row("工作总结：起草 + .docx（合计）", lambda: write_docx(summary.build(zone, year)))
    b = row("经济运行月报（12月）：起草，不含图表", lambda: bulletin.build(zone, year, 12, charts=False))
    row("经济运行月报：写 .docx + .xlsx", lambda: (write_docx(b.report), b.xlsx()))
    chart_note = charts.unavailable_reason()
    if chart_note is None:
        row("经济运行月报：起草，含 ECharts 图表（Chromium 渲染）",
            lambda: bulletin.build(zone, year, 12, charts=True))
    summary_chars = len(report.plain_text())

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        cpuinfo = []
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
               platform.processor())
    lines = [
        "# Reports benchmark",
        "",
        f"- date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPU ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
        f"- database: {engine} ({'fresh temporary file' if database_url else 'DATABASE_URL'})",
        f"- data (bench/generate.py): {args.zones} zones × {args.indicators} indicators × {args.years} years × 12 "
        f"months = {counts['observations']} observations, {counts['targets']} targets; plus, for the measured "
        f"zone and year {year}: {', '.join(f'{v} {k}' for k, v in extra.items()) or 'nothing else'}",
        f"- summary: {len(report.blocks)} blocks, {len(report.figures)} figures, {summary_chars} characters",
        f"- set-up (migrate + generate): {setup_seconds:.1f} s, not timed below",
        f"- median of {args.runs} runs; queries = SQL queries in one run",
        "",
        "| step | median (s) | min (s) | max (s) | queries |",
        "|---|---:|---:|---:|---:|",
        *[f"| {label} | {median:.3f} | {low:.3f} | {high:.3f} | {queries} |" for label, median, low, high, queries in rows],
        "",
        "Target (issue 7): a summary for one zone and year in under 1 second at the benchmark's size.",
    ]
    if chart_note:
        lines.append(f"Charts were not timed: {chart_note}.")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
