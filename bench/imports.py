"""Bulk import rates (issue 16): the statistics commit and the project import, rows per second.

    python bench/imports.py [--sizes 1000 10000] [--runs 3] [--pg postgres://.../zw_x]

SQLite: a fresh file under /tmp. PostgreSQL: the database given with --pg (migrated, rows added in
a new zone per run). Statistics: one month of N indicators staged, then committed twice (all new
rows, then all updated), the commit timed. Projects: an N-row sheet imported through the same job
function the page submits (reading, checking and writing), then re-imported with ids (all updates).
Medians of --runs; the machine's load average is written with the figures because the machine is
shared. Appends to bench/results/imports.md.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "imports.md"


def setup(pg):
    os.environ["ZONEWORK_VAR_DIR"] = tempfile.mkdtemp(prefix="zw-imports-")
    if pg:
        os.environ["DATABASE_URL"] = pg
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "zonework.settings"
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE.parent / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def statistics_run(n, tag):
    from tests.factories import UnitFactory, ZoneFactory, role_user
    from zonework.economy import actions
    from zonework.economy.models import Indicator, StatisticsUpload

    zone = ZoneFactory(name=f"统计基准区{tag}")
    user = role_user("admin", UnitFactory(zone=zone, name="经信局"), username=f"bench-s{tag}")
    indicators = Indicator.objects.bulk_create([Indicator(name=f"基准指标{tag}-{i}", unit="亿元", family="test")
                                                for i in range(n)])
    times = []
    for ytd in (100, 200):
        rows = [{"indicator_id": x.pk, "unit": "亿元", "month_value": None, "ytd_value": str(ytd + i),
                 "yoy_pct": "5.5"} for i, x in enumerate(indicators)]
        upload = StatisticsUpload.objects.create(zone=zone, year=2013, month=5, rows=rows, status="staged",
                                                 filename="bench.xlsx", sha256="0" * 64, created_by=user)
        t = time.perf_counter()
        actions.commit_statistics_upload(upload, acting_user=user)
        times.append(time.perf_counter() - t)
    return times


def sheet(rows):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["编号", "项目名称", "投资方", "责任单位", "协议投资额（万）", "币种", "阶段"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "bench.xlsx"
    return buf


def projects_run(n, tag):
    from tests.factories import UnitFactory, ZoneFactory, role_user
    from zonework.investment.excel import import_projects
    from zonework.investment.models import InvestmentProject

    zone = ZoneFactory(name=f"招商基准区{tag}")
    user = role_user("admin", UnitFactory(zone=zone, name="招商局"), username=f"bench-p{tag}")
    # The sheet is written before the clock starts: what is timed is the import (reading the file
    # included), not the bench making its input.
    file = sheet([[None, f"基准项目{i}", "某投资方", "招商局", 100 + i, "人民币", "签约"] for i in range(n)])
    t = time.perf_counter()
    import_projects(file, zone=zone, acting_user=user)
    created = time.perf_counter() - t
    file = sheet([[p.pk, p.name, "另一投资方", "招商局", p.agreed_investment, "人民币", "签约"]
                  for p in InvestmentProject.objects.filter(zone=zone).order_by("pk")])
    t = time.perf_counter()
    import_projects(file, zone=zone, acting_user=user)
    return [created, time.perf_counter() - t]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", default="")
    args = parser.parse_args()
    setup(args.pg)
    from django.db import connection

    from zonework.core.audit import verify_chain

    vendor = connection.vendor
    load_before = os.getloadavg()
    stamp = int(time.time())
    lines = []
    for name, func in (("统计入库 statistics commit", statistics_run), ("项目导入 project import", projects_run)):
        for n in args.sizes:
            runs = [func(n, f"{stamp}-{n}-{r}") for r in range(args.runs)]
            new = statistics.median(r[0] for r in runs)
            upd = statistics.median(r[1] for r in runs)
            line = (f"| {vendor} | {name} | {n} | {n / new:,.0f} rows/s ({new:.2f} s) | "
                    f"{n / upd:,.0f} rows/s ({upd:.2f} s) | {os.getloadavg()[0]:.2f} |")
            print(line, flush=True)
            lines.append(line)
    broken, _head, total = verify_chain()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=HERE).stdout.strip()
    RESULTS.parent.mkdir(exist_ok=True)
    new_file = not RESULTS.exists()
    with RESULTS.open("a") as out:
        if new_file:
            out.write("# Bulk import rates\n\nWritten by `bench/imports.py`. Medians of the runs; the machine "
                      "(2 cores) is shared by other engineers, so the 1-minute load average is given with "
                      "each figure.\n")
        out.write(f"\n## {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {vendor}, commit {commit}, "
                  f"runs {args.runs}, load before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}\n\n")
        out.write("| database | import | rows | new rows | updated rows | load (1 min) |\n|---|---|---|---|---|---|\n")
        out.write("\n".join(lines) + "\n")
        out.write(f"\nAudit chain after the runs: {'verifies' if broken is None else broken.message} "
                  f"({total} entries walked).\n")


if __name__ == "__main__":
    main()
