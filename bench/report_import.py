"""Report import against reading alone (issue 16: importing reports ≤ 3× the time to read them).

    python bench/report_import.py                   # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zw_import python bench/report_import.py

The seed reports and the development-set excerpts (../shared, or ZONEWORK_SHARED) imported with
--commit as the `import` command does for a folder (documents.importing.import_files: upload, read,
commit every accepted record: results, targets, tasks, projects, with the command's options), into
a new zone per run, against reading the same files with the reader alone
(`zonework.reading.read_path`) and against the same files imported one by one (import_file, the path
the command took before), in one run. Each zone is given, untimed, the units the reports name (and
its 招商局, a park and a street for 相关园区 / 各街道), as a zone in use has them: otherwise every task
plan and project list is refused and only figures would be committed.
Medians of `--runs`; bench/results/report_import.md.
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
    from zonework.core.context import audit_context
    from zonework.core.demo import system_user
    from zonework.core.models import AuditEntry
    from zonework.documents.importing import import_file, import_files
    from zonework.documents.models import SourceDocument
    from zonework.reading import read_path
    from zonework.work.actions import UNIT_GROUPS, guess_unit_kind

    call_command("migrate", verbosity=0)
    files = sorted(p for folder in (SHARED / "seeds", SHARED / "devset") if folder.is_dir()
                   for p in folder.glob("*.txt"))
    if not files:
        sys.exit(f"no reports under {SHARED}")
    actor = system_user()
    # The `import` command's options (no --create-indicators; --expand-groups).
    options = {"skip_incomplete": True, "skip_unknown": True, "create_indicators": (), "expand_groups": True}
    unit_names = sorted({u.strip() for p in files for t in read_path(p).to_dict().get("tasks", [])
                         for u in t.get("units", []) if u.strip() and u.strip() not in UNIT_GROUPS})

    def new_zone(tag):
        stamp = f"{datetime.datetime.now():%H%M%S%f}{tag}"
        zone = core_actions.create_zone({"name": f"导入基准开发区{stamp}", "short_name": f"基准{stamp}"},
                                        acting_user=actor)
        have = set()
        for name, kind in [(n, guess_unit_kind(n)) for n in unit_names] + [
                ("招商局", "bureau"), ("基准产业园", "park"), ("基准街道", "street")]:
            if name not in have:
                core_actions.create_unit({"zone": zone, "name": name, "kind": kind}, acting_user=actor)
                have.add(name)
        return zone

    def reading():
        for path in files:
            read_path(path)

    def one_by_one(zone):
        return [import_file(path, zone, acting_user=actor, commit=True, options=options)[0] for path in files]

    def batch(zone):
        return [row[1] for row in import_files(files, zone, acting_user=actor, commit=True, options=options)]

    runs = {"read": [], "one_by_one": [], "batch": []}
    written = {}
    with audit_context(source="command", user=actor):
        for n in range(args.runs):
            started = time.perf_counter()
            reading()
            runs["read"].append(time.perf_counter() - started)
            for label, run in (("one_by_one", one_by_one), ("batch", batch)):
                zone = new_zone(f"{label[0]}{n}")
                entries = AuditEntry.objects.count()
                started = time.perf_counter()
                documents = run(zone)
                runs[label].append(time.perf_counter() - started)
                committed = SourceDocument.objects.filter(zone=zone, status="committed").count()
                written[label] = (committed, AuditEntry.objects.count() - entries, len(documents))
            print(n, {k: round(v[-1], 2) for k, v in runs.items()}, written, flush=True)
    read_s = statistics.median(runs["read"])
    old_s, new_s = statistics.median(runs["one_by_one"]), statistics.median(runs["batch"])
    server = (f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql"
              else f"SQLite {__import__('sqlite3').sqlite_version}")
    per = len(files) / 1000
    section = "\n".join([
        f"## {server}", "",
        f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M} · {platform.node()} × {os.cpu_count()} cores · load average "
        f"{os.getloadavg()[0]:.1f} · {len(files)} reports ({sum(p.stat().st_size for p in files) // 1024} KB), "
        f"{written['batch'][0]} committed by the folder path, {written['one_by_one'][0]} one by one · "
        f"median of {args.runs}", "",
        "| | seconds | per report | / reading |", "|---|---|---|---|",
        f"| reading alone | {read_s:.2f} | {read_s / per:.0f} ms | 1 |",
        f"| import one by one (import_file, before) | {old_s:.2f} | {old_s / per:.0f} ms | {old_s / read_s:.1f}× |",
        f"| import as a folder (import_files, the command now) | {new_s:.2f} | {new_s / per:.0f} ms | "
        f"**{new_s / read_s:.1f}×** |",
        "", f"Audit entries written: one by one {written['one_by_one'][1]}, as a folder {written['batch'][1]}.",
        "", f"Import / reading: **{new_s / read_s:.1f}×** (goal ≤ 3×: "
        f"{'met' if new_s / read_s <= 3 else 'not met'}).", ""])
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    parts = [p for p in old.split("\n## ")[1:] if not p.startswith(server.split()[0])]
    head = ("# Report import against reading alone\n\n`bench/report_import.py`: the seeds and the devset "
            "imported and committed into a new zone, against the reader alone, in one run.\n\n")
    RESULTS.write_text(head + "".join("## " + p.rstrip("\n") + "\n\n" for p in parts) + section, encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()
