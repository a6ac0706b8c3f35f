"""Excel export of a list page: rows per second at 20,000 rows (issue 16: ≥ 20,000 rows/s).

    python bench/export.py                      # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zw_export python bench/export.py

Data: one zone's observations (generated with bulk_create: bench data, not audited edits). Measured,
in one run, medians of `--runs`: the whole request `/economy/observations/?export=xlsx` through the
Django test client, and its two halves alone: the table's values (the rows as the list shows them) and
the workbook written from them. Results go to bench/results/export.md; nothing is asserted.
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "export.md"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = "sqlite:////tmp/zonework-bench-export.sqlite3"
    sys.path.insert(0, str(HERE))
    import generate

    generate.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.client import RequestFactory
    from project_pages import people

    from zonework.core import clock
    from zonework.core.excel import table_rows, xlsx_bytes
    from zonework.economy import generator
    from zonework.economy.models import Observation
    from zonework.economy.tables import ObservationTable

    call_command("migrate", verbosity=0)
    zone, _unit, who = people()
    indicators = generator.ensure_indicators(60)
    years_needed = -(-args.rows // (60 * 12))
    first = clock.today().year - years_needed
    if Observation.objects.filter(zone=zone).count() < args.rows:
        Observation.objects.filter(zone=zone).delete()
        generator.generate([zone], indicators, range(first, first + years_needed), seed=7)
    ids = list(Observation.objects.filter(zone=zone).order_by("pk").values_list("pk", flat=True)[:args.rows])
    rows = len(ids)
    qs = Observation.objects.filter(pk__in=ids).select_related("zone", "indicator")
    client = Client()
    client.force_login(who["bench-leader"])
    url = "/economy/observations/?export=xlsx"

    def whole():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    request = RequestFactory().get("/")
    request.user = who["bench-leader"]

    def values():
        return table_rows(ObservationTable(qs, request=request))

    listed = values()

    def workbook():
        return xlsx_bytes("统计数据", listed)

    def values_from_instances():
        return table_rows(ObservationTable(qs, request=request), from_values=False)

    def values_by_tables2():
        return list(ObservationTable(qs, request=request).as_values())

    measured = {}
    for label, fn in (("whole request", whole), ("table values", values), ("workbook written", workbook),
                      ("table values from model instances (the path for columns that need the record)",
                       values_from_instances),
                      ("table values by django-tables2's as_values", values_by_tables2)):
        fn()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        measured[label] = statistics.median(times)
        print(label, round(measured[label], 3), "s", flush=True)
    exported = whole().getvalue()
    # memory: the peak Python allocation of one whole request (tracemalloc slows it; not timed)
    tracemalloc.start()
    whole().getvalue()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    server = (f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql"
              else f"SQLite {__import__('sqlite3').sqlite_version}")
    lines = [f"## {server}", "",
             f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M} · {platform.node()} × {os.cpu_count()} cores · "
             f"load average {os.getloadavg()[0]:.1f} · {rows:,} observations · file {len(exported) // 1024} KB · "
             f"peak memory of a request {peak / 2**20:.1f} MiB · "
             f"median of {args.runs}", "",
             "| part | seconds | rows/s |", "|---|---|---|"]
    lines += [f"| {label} | {sec:.3f} | {rows / sec:,.0f} |" for label, sec in measured.items()]
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    parts = [p for p in old.split("\n## ")[1:] if not p.startswith(server.split()[0])]
    head = ("# Excel export of a list, rows per second\n\n`bench/export.py`: the observation list's export "
            "at 20,000 rows, whole and in its two halves, in one run.\n\n")
    RESULTS.write_text(head + "".join("## " + p.rstrip("\n") + "\n\n" for p in parts) + "\n".join(lines) + "\n",
                       encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
