"""How long an Excel import holds SQLite's write lock (issue 12 §10).

    python bench/import_lock.py --rows 2000

A fresh SQLite file under /tmp; an enterprises sheet of N rows imported through the engine as the
background job does. Meanwhile a second connection tries a one-row write every 0.1 s with a 50 ms
timeout, as another user's request would; the longest run of refused probes is how long the site
could not write. Results go to bench/results/import_lock.md; nothing is asserted.
"""

import argparse
import io
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="zw-lock-")
    os.environ["ZONEWORK_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "zonework.settings"
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import Workbook

    call_command("migrate", verbosity=0)
    from tests.factories import UnitFactory, ZoneFactory, role_user
    from zonework.enterprises import credit_code
    from zonework.enterprises.excel import import_enterprises

    zone = ZoneFactory(name="基准开发区")
    unit = UnitFactory(zone=zone, name="招商局")
    user = role_user("admin", unit, username="bench")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["企业名称", "统一社会信用代码", "服务单位", "联系人", "地址"])
    for i in range(args.rows):
        ws.append([f"基准企业{i}", credit_code.make("91", "350100", f"M{i:07d}"), "招商局", "张三", "某路1号"])
    buf = io.BytesIO()
    wb.save(buf)
    size = buf.tell()
    buf.seek(0)

    db = Path(tmp) / "zonework.sqlite3"
    probe = sqlite3.connect(db, timeout=0.05, isolation_level=None, check_same_thread=False)
    probe.execute("CREATE TABLE IF NOT EXISTS bench_probe (n INTEGER)")
    stop, blocked, longest, refused, tries = threading.Event(), [None], [0.0], [0], [0]

    def probing():
        while not stop.is_set():
            tries[0] += 1
            t = time.perf_counter()
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("INSERT INTO bench_probe VALUES (1)")
                probe.execute("COMMIT")
                if blocked[0] is not None:
                    longest[0] = max(longest[0], t - blocked[0])
                    blocked[0] = None
            except sqlite3.OperationalError:
                refused[0] += 1
                if blocked[0] is None:
                    blocked[0] = t
            time.sleep(0.1)

    thread = threading.Thread(target=probing)
    thread.start()
    start = time.perf_counter()
    result = import_enterprises(buf, zone=zone, acting_user=user)
    total = time.perf_counter() - start
    time.sleep(0.3)
    stop.set()
    thread.join()
    if blocked[0] is not None:
        longest[0] = max(longest[0], time.perf_counter() - blocked[0])
    line = (f"| {args.rows} | {size // 1024} KB | {total:.1f} s | {longest[0]:.1f} s | {refused[0]}/{tries[0]} | "
            f"{result} |")
    print(line)
    out = HERE / "results" / "import_lock.md"
    if not out.exists():
        out.write_text("# Excel import: write lock held on SQLite\n\n"
                       "| rows | file | import | longest lock seen by another writer | refused probes | result |\n"
                       "|---|---|---|---|---|---|\n")
    with out.open("a") as fh:
        fh.write(line + "\n")


if __name__ == "__main__":
    main()
