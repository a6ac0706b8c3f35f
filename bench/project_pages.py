"""Pages that show projects, at one zone's 1,102 and 11,020 investment projects (issue 16).

    python bench/project_pages.py                                    # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zw_projects python bench/project_pages.py

Data: one zone's projects across every stage with their stage history and a paid-in row on a third of
them, and 291 open enterprise requests (bulk_create: generated data, not audited edits), added step by
step to one database so each step measures the same pages on more rows. Pages through the Django test
client (server time) as the zone's leader (the cockpit is the leader's home) and as a 招商局 user
(home with its cards, the board where projects are moved), `--requests` times after a warm-up; p50/p95,
the queries and the bytes of one response. Results go to bench/results/project_pages.md; nothing is
asserted. The goal: flat in the number of projects, every page p95 < 300 ms on PostgreSQL.
"""

import argparse
import datetime
import os
import platform
import random
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "project_pages.md"


def setup():
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = "sqlite:////tmp/zonework-bench-projects.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zonework.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def people():
    """The zone, its 招商局, a leader and a 招商局 user, made through the action layer."""
    from zonework.core import actions
    from zonework.core.choices import RoleCode
    from zonework.core.demo import system_user
    from zonework.core.models import Role, Unit, User, Zone

    actor = system_user()
    zone = Zone.objects.filter(name="基准开发区").first() or actions.create_zone(
        {"name": "基准开发区", "short_name": "基准区", "province": "湖北省", "city": "武汉市"}, acting_user=actor)
    office = Unit.objects.filter(zone=zone, name="党政办公室").first() or actions.create_unit(
        {"zone": zone, "name": "党政办公室", "kind": "office"}, acting_user=actor)
    invest = Unit.objects.filter(zone=zone, name="招商局").first() or actions.create_unit(
        {"zone": zone, "name": "招商局"}, acting_user=actor)
    made = {}
    for username, unit, code in (("bench-leader", office, RoleCode.LEADER), ("bench-zhaoshang", invest, RoleCode.UNIT_USER)):
        user = User.objects.filter(username=username).first() or actions.create_user(
            {"username": username, "display_name": username, "unit": unit,
             "roles": [Role.objects.get(code=code)], "zones": [zone]},
            password="Bench@Projects2026x", acting_user=actor, must_change_password=False)
        made[username] = user
    return zone, invest, made


def add_projects(zone, unit, officer, n, start):
    """n more projects; stage dates spread over the last three years so that some stall."""
    from zonework.core import clock
    from zonework.investment.choices import PIPELINE, Stage
    from zonework.investment.models import InvestmentProject, PaidIn, StageChange

    rng = random.Random(start)
    today = clock.today()
    stages = [s.value for s in PIPELINE] + [Stage.TERMINATED.value]
    projects = []
    for i in range(start, start + n):
        stage = rng.choice(stages)
        projects.append(InvestmentProject(
            zone=zone, unit=unit, officer=officer if i % 3 else None, name=f"基准招商项目{i + 1:05d}",
            agreed_investment=Decimal(rng.randint(1000, 200000)), stage=stage,
            stage_date=today - datetime.timedelta(days=rng.randint(0, 1000)), fortune500=rng.random() < 0.05))
    InvestmentProject.objects.bulk_create(projects, batch_size=2000)
    projects = list(InvestmentProject.objects.filter(zone=zone, name__in=[p.name for p in projects]))
    changes, paid = [], []
    for p in projects:
        changes.append(StageChange(project=p, from_stage="", to_stage=Stage.LEAD, date=p.stage_date - datetime.timedelta(days=200)))
        if p.stage != Stage.LEAD:
            changes.append(StageChange(project=p, from_stage=Stage.LEAD, to_stage=p.stage, date=p.stage_date,
                                       reason="基准数据"))
        if p.pk % 3 == 0:
            paid.append(PaidIn(project=p, month=p.stage_date.replace(day=1), amount=p.agreed_investment / 4,
                               currency=p.currency))
    StageChange.objects.bulk_create(changes, batch_size=2000)
    PaidIn.objects.bulk_create(paid, batch_size=2000, ignore_conflicts=True)


def add_requests(zone, unit, n=291):
    from django.apps import apps

    if not apps.is_installed("zonework.enterprises"):
        return
    from zonework.core import clock
    from zonework.enterprises.models import Enterprise, ServiceRequest

    if ServiceRequest.objects.filter(zone=zone).exists():
        return
    firm = Enterprise.objects.create(zone=zone, unit=unit, name="基准企业有限公司", credit_code="91420100MA4KXXXX0X")
    today = clock.today()
    ServiceRequest.objects.bulk_create([
        ServiceRequest(zone=zone, enterprise=firm, title=f"基准诉求{i}", text="需要协调。", unit=unit,
                       received_date=today - datetime.timedelta(days=i % 90)) for i in range(n)])


def pages():
    return [
        ("home (招商局 user)", "bench-zhaoshang", "/"),
        ("cockpit (leader's home)", "bench-leader", "/"),
        ("investment board", "bench-zhaoshang", "/investment/"),
        ("funnel", "bench-leader", "/investment/funnel/"),
        ("figures", "bench-leader", "/investment/figures/"),
        ("stalled list", "bench-zhaoshang", "/investment/stalled/"),
        ("project list", "bench-zhaoshang", "/investment/projects/"),
        ("to-do list", "bench-zhaoshang", "/todos/"),
        ("API project list", "bench-zhaoshang", "/api/investment/projects/"),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="1102,11020")
    parser.add_argument("--requests", type=int, default=7)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    setup()
    from django.db import connection
    from django.test import Client
    from scale import measure

    from zonework.investment.models import InvestmentProject

    zone, unit, who = people()
    add_requests(zone, unit)
    clients = {}
    for username, user in who.items():
        clients[username] = Client()
        clients[username].force_login(user)
    rows = []
    for step in [int(s) for s in args.steps.split(",")]:
        have = InvestmentProject.objects.filter(zone=zone).count()
        if have < step:
            add_projects(zone, unit, who["bench-zhaoshang"], step - have, have)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        load = os.getloadavg()[0]
        measured = {}
        for label, user, url in pages():
            measured[label] = measure(clients[user], url, args.requests)
            print(step, label, measured[label], flush=True)
        rows.append({"projects": step, "load": round((load + os.getloadavg()[0]) / 2, 1), "pages": measured})
    write(rows, connection, args.requests)


def write(rows, connection, requests):
    import django

    server = (f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
              if connection.vendor == "postgresql" else f"SQLite {__import__('sqlite3').sqlite_version}")
    lines = [f"## {server}", "",
             f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M} · {platform.node()} × {os.cpu_count()} cores · "
             f"Python {platform.python_version()} · Django {django.get_version()} · {requests} requests per page "
             f"after a warm-up · load average " + ", ".join(f"{r['load']}" for r in rows), ""]
    steps = [r["projects"] for r in rows]
    lines += ["| page | " + " | ".join(f"{s:,} projects p50 / p95 ms (queries, KB)" for s in steps) + " | p95 growth |",
              "|" + "---|" * (len(steps) + 2)]
    for label in rows[-1]["pages"]:
        cells = []
        for r in rows:
            m = r["pages"][label]
            cells.append(f"{m['p50']} / {m['p95']} ({m['queries']}, {m['bytes'] // 1024})"
                         + ("" if m["status"] == 200 else f" HTTP {m['status']}"))
        first, last = rows[0]["pages"][label], rows[-1]["pages"][label]
        growth = f"{last['p95'] / first['p95']:.2f}×" if first["p95"] else "–"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {growth} |")
    section = "\n".join(lines) + "\n"
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head = ("# Pages that show projects, 1,102 → 11,020 projects in one zone\n\n`bench/project_pages.py`; "
            "server time through the Django test client. One section per database, the latest run of each.\n\n")
    parts = [p for p in old.split("\n## ")[1:] if not p.startswith(server.split()[0])]
    RESULTS.write_text(head + "".join("## " + p.rstrip("\n") + "\n\n" for p in parts) + section, encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
