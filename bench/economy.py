"""Economy benchmark: the leaders' dashboard and one month's statistics upload at full size.

    python bench/economy.py                 # SQLite (a fresh file under /tmp), and PostgreSQL if DATABASE_URL is set
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zonework python bench/economy.py

Data: 30 zones × 60 indicators × 10 years × 12 months of observations plus a target per zone,
indicator and year (bench/generate.py). Measured through the Django test client (server time: URL
routing, middleware, queries, template), ~30 requests each. Results go to bench/results/economy.md;
nothing is asserted.
"""

import argparse
import datetime
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "economy.md"


def percentile(values, pct):
    values = sorted(values)
    k = (len(values) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summary(ms):
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 1), "p95_ms": round(percentile(ms, 95), 1),
            "min_ms": round(min(ms), 1), "max_ms": round(max(ms), 1)}


def run_one(args):
    """Measure on the database the environment names; print one JSON line."""
    sys.path.insert(0, str(HERE))
    import generate

    generate.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from openpyxl import load_workbook

    call_command("migrate", verbosity=0)
    from zonework.core.choices import RoleCode
    from zonework.core.models import Role, Unit, User
    from zonework.economy.models import Observation, Target

    started = time.perf_counter()
    zones, indicators, counts = generate.generate_economy(args.zones, args.indicators, args.years, 12)
    gen_s = time.perf_counter() - started
    zone = zones[0]
    unit = Unit.objects.filter(zone=zone, name="经发局").first() or Unit.objects.create(zone=zone, name="经发局")
    user = User.objects.filter(username="bench-leader").first()
    if user is None:
        user = User.objects.create(username="bench-leader", unit=unit)
    user.roles.set([Role.objects.get(code=RoleCode.ADMIN)])
    client = Client()
    client.force_login(user)
    years = sorted(Target.objects.filter(zone=zone).values_list("year", flat=True).distinct())
    year = years[-1]
    url = f"/economy/?zone={zone.pk}&year={year}"
    for _ in range(3):  # warm up
        assert client.get(url).status_code == 200
    dash, dash_cpu = [], []
    load_before = os.getloadavg()[0]
    for i in range(args.requests):
        z = zones[i % len(zones)]
        t, c = time.perf_counter(), time.process_time()
        response = client.get(f"/economy/?zone={z.pk}&year={years[i % len(years)]}")
        dash.append((time.perf_counter() - t) * 1000)
        dash_cpu.append((time.process_time() - c) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url)
    queries = len(ctx.captured_queries)
    cards = page.content.decode().count('data-indicator="')

    # One month for one zone: download the template, fill 60 rows, upload (stage) and commit.
    month = 7
    upload_ms, commit_ms = [], []
    for round_ in range(args.uploads):
        wb = load_workbook(io.BytesIO(client.get(f"/economy/statistics/{year}/{month}/template/?zone={zone.pk}").content))
        ws = wb["统计月报"]
        for row in range(5, 5 + len(indicators)):
            ws.cell(row=row, column=3, value=100 + round_)
            ws.cell(row=row, column=4, value=700 + round_)
            ws.cell(row=row, column=5, value=8.5)
        buf = io.BytesIO()
        wb.save(buf)
        buf.name = "bench.xlsx"
        buf.seek(0)
        t = time.perf_counter()
        response = client.post(f"/economy/statistics/{year}/{month}/upload/", {"zone": zone.pk, "file": buf})
        upload_ms.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 302 and "/uploads/" in response["Location"], response["Location"]
        t = time.perf_counter()
        assert client.post(response["Location"]).status_code == 302
        commit_ms.append((time.perf_counter() - t) * 1000)
    result = {
        "vendor": connection.vendor,
        "server": (f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
                   if connection.vendor == "postgresql" else __import__("sqlite3").sqlite_version),
        "generate_s": round(gen_s, 1),
        "observations": Observation.objects.count(),
        "targets": Target.objects.count(),
        "generated": counts,
        "dashboard": {**summary(dash), "queries": queries, "cards": cards},
        "dashboard_cpu": summary(dash_cpu),
        "load": round((load_before + os.getloadavg()[0]) / 2, 1),
        "upload_stage": summary(upload_ms),
        "upload_commit": summary(commit_ms),
        "rows_per_upload": len(indicators),
    }
    print("RESULT " + json.dumps(result))


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django

    return (f"{platform.node()} · {cpu} × {os.cpu_count()} · {platform.system()} {platform.release()} · "
            f"Python {platform.python_version()} · Django {django.get_version()}")


def write(results, args):
    lines = [
        "# Economy benchmark",
        "",
        f"Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} · Machine: {machine()}",
        "",
        f"Data: {args.zones} zones × {args.indicators} indicators × {args.years} years × 12 months of observations "
        f"(January left out in about half of the years, as 1-2月), plus one target per zone, indicator and year. "
        f"Generated by `bench/generate.py` (bulk_create). Times are server time through the Django test client "
        f"(routing, middleware, queries, template rendering), logged in as an admin.",
        "",
        "| database | observations | dashboard median | dashboard p95 | (CPU median / p95) | queries | cards | upload 60 rows: read+stage median | commit median | load avg | generate |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        d = r["dashboard"]
        cpu = r["dashboard_cpu"]
        lines.append(f"| {r['vendor']} {r['server']} | {r['observations']:,} | {d['median_ms']} ms | {d['p95_ms']} ms | "
                     f"{cpu['median_ms']} / {cpu['p95_ms']} ms | {d['queries']} | {d['cards']} | "
                     f"{r['upload_stage']['median_ms']} ms | {r['upload_commit']['median_ms']} ms | {r['load']} | "
                     f"{r['generate_s']} s |")
    lines += ["", "Dashboard: " + "; ".join(
        f"{r['vendor']}: n={r['dashboard']['n']}, min {r['dashboard']['min_ms']} ms, max {r['dashboard']['max_ms']} ms"
        for r in results),
        "Upload: the filled template of one zone and month (60 indicator rows) is read and checked (stage, "
        "with the preview record), then committed in one transaction (each row updated through the action "
        "layer with its audit entry); repeated " + str(args.uploads) + " times, each re-upload updating the month.",
        "CPU is the process time of the request in the benchmark process (the web process's own work, "
        "database server time excluded for PostgreSQL); wall time also waits for the CPU when the machine "
        "is busy: the load average column says how busy it was (2 cores).",
        "", "Target: dashboard p95 < 150 ms on both databases.", ""]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--uploads", type=int, default=5)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return run_one(args)
    targets = [("sqlite", None)]
    if os.environ.get("DATABASE_URL"):
        targets.append(("postgresql", os.environ["DATABASE_URL"]))
    results = []
    for name, url in targets:
        with tempfile.TemporaryDirectory(prefix="zonework-bench-") as tmp:
            env = {**os.environ, "ZONEWORK_VAR_DIR": tmp, "ZONEWORK_DEBUG": "false", "ZONEWORK_LOG_LEVEL": "ERROR",
                   "ZONEWORK_MANIFEST_STATIC": "false"}
            env.pop("DATABASE_URL", None)
            if url:
                env["DATABASE_URL"] = url
            cmd = [sys.executable, __file__, "--one", *[f"--{k}={getattr(args, k)}" for k in
                                                        ("zones", "indicators", "years", "requests", "uploads")]]
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            line = next((s for s in proc.stdout.splitlines() if s.startswith("RESULT ")), None)
            if line is None:
                print(f"{name} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}", file=sys.stderr)
                continue
            results.append(json.loads(line[7:]))
    if results:
        write(results, args)


if __name__ == "__main__":
    main()
