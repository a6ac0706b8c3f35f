"""Report import against reading alone (issue 16: importing reports ≤ 3× the time to read them).

    python bench/report_import.py                   # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zw_import python bench/report_import.py

The seed reports and the development-set excerpts (../shared, or ZONEWORK_SHARED), each imported as
the `import` command does (upload, read, commit every accepted record: results, targets, tasks,
projects), into a new zone per run, against reading the same files with the reader alone
(`zonework.reading.read_path`), in one run. Medians of `--runs`; bench/results/report_import.md.
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "report_import.md"
SHARED = Path(os.environ.get("ZONEWORK_SHARED", HERE.parents[1] / "shared"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = "sqlite:////tmp/zonework-bench-import.sqlite3"
    sys.path.insert(0, str(HERE))
    import generate

    generate.setup()
    from django.core.management import call_command
    from django.db import connection

    from zonework.core import actions as core_actions
    from zonework.core.demo import system_user
    from zonework.documents.importing import import_file
    from zonework.reading import read_path

    call_command("migrate", verbosity=0)
    files = sorted(p for folder in (SHARED / "seeds", SHARED / "devset") if folder.is_dir()
                   for p in folder.glob("*.txt"))
    if not files:
        sys.exit(f"no reports under {SHARED}")
    actor = system_user()

    def reading():
        for path in files:
            read_path(path)

    runs = {"read": [], "import": []}
    records = 0
    for n in range(args.runs):
        started = time.perf_counter()
        reading()
        runs["read"].append(time.perf_counter() - started)
        stamp = f"{datetime.datetime.now():%H%M%S}{n}"
        zone = core_actions.create_zone({"name": f"导入基准开发区{stamp}", "short_name": f"基准{stamp}"},
                                        acting_user=actor)
        started = time.perf_counter()
        for path in files:
            document, _created, _message = import_file(path, zone, acting_user=actor, commit=True)
            records = records or 0
        runs["import"].append(time.perf_counter() - started)
        print(n, {k: round(v[-1], 2) for k, v in runs.items()}, flush=True)
    read_s, import_s = statistics.median(runs["read"]), statistics.median(runs["import"])
    server = (f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql"
              else f"SQLite {__import__('sqlite3').sqlite_version}")
    section = "\n".join([
        f"## {server}", "",
        f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M} · {platform.node()} × {os.cpu_count()} cores · load average "
        f"{os.getloadavg()[0]:.1f} · {len(files)} reports ({sum(p.stat().st_size for p in files) // 1024} KB) · "
        f"median of {args.runs}", "",
        "| | seconds | per report |", "|---|---|---|",
        f"| reading alone | {read_s:.2f} | {read_s / len(files) * 1000:.0f} ms |",
        f"| import (upload, read, commit) | {import_s:.2f} | {import_s / len(files) * 1000:.0f} ms |",
        "", f"Import / reading: **{import_s / read_s:.1f}×** (goal ≤ 3×).", ""])
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    parts = [p for p in old.split("\n## ")[1:] if not p.startswith(server.split()[0])]
    head = ("# Report import against reading alone\n\n`bench/report_import.py`: the seeds and the devset "
            "imported and committed into a new zone, against the reader alone, in one run.\n\n")
    RESULTS.write_text(head + "".join("## " + p.rstrip("\n") + "\n\n" for p in parts) + section, encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()
