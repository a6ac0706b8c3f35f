"""Province scale: the pages a province and a zone open, from 30 to 230 zones.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zw_scale python bench/scale.py           # 30 and 230 zones
    DATABASE_URL=... python bench/scale.py --steps 30,100,230 --requests 30

Data: zones × 60 indicators × 10 years × 12 months of observations and a target per zone, indicator and
year (bench/generate.py, bulk_create: generated data, not audited edits), added step by step to one
database so each step measures the same pages on more rows (230 zones ≈ 1.6 M observations). Pages are
measured through the Django test client (server time: routing, middleware, queries, templates) as the
province user (all zones in scope) and as a one-zone leader, `--requests` times each after a warm-up;
p50/p95 and the query count of one request. Results go to bench/results/scale.md; nothing is asserted.
The goal (issue 14): every page p95 < 300 ms at 230 zones on PostgreSQL, and flat in the number of rows.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "scale.md"
INDICATORS = 60
YEARS = 10


def percentile(values, pct):
    values = sorted(values)
    k = (len(values) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def users(zones):
    """The province user (every zone) and a leader of the first zone, made through the action layer."""
    from zonework.core import actions
    from zonework.core.choices import RoleCode
    from zonework.core.demo import system_user
    from zonework.core.models import Role, Unit, User

    actor = system_user()
    leader_role = Role.objects.get(code=RoleCode.LEADER)
    auditor_role = Role.objects.get(code=RoleCode.AUDITOR)
    first = zones[0]
    unit = Unit.objects.filter(zone=first, name="党政办公室").first() or actions.create_unit(
        {"zone": first, "name": "党政办公室", "kind": "office"}, acting_user=actor)
    made = {}
    for username, zone_list, role in (("bench-province", zones, leader_role), ("bench-leader", [first], leader_role),
                                      ("bench-auditor", zones, auditor_role)):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = actions.create_user({"username": username, "display_name": username, "unit": unit,
                                        "roles": [role], "zones": list(zone_list)},
                                       password="Bench@Scale2026x", acting_user=actor, must_change_password=False)
        else:
            actions.update_user(user, {"zones": list(zone_list)}, acting_user=actor)
        made[username] = user
    return made


def returns_form(zones, indicators):
    """A monthly return over every zone of the step with five indicators, its last twelve ended months
    opened (a filing per zone and month), through the returns actions; None without the app."""
    from django.apps import apps

    if not apps.is_installed("zonework.returns"):
        return None
    from zonework.core import clock
    from zonework.core.demo import system_user
    from zonework.returns import actions
    from zonework.returns.models import ReturnForm

    actor = system_user()
    form = ReturnForm.objects.filter(name="基准月报").first()
    data = {"name": "基准月报", "indicators": list(indicators[:5]), "frequency": "monthly", "due_day": 10,
            "zones": list(zones)}
    form = actions.create_form(data, acting_user=actor) if form is None else actions.update_form(
        form, data, acting_user=actor)
    month = clock.today().replace(day=1)
    for _ in range(12):
        month = (month - __import__("datetime").timedelta(days=1)).replace(day=1)
        actions.open_filings(form, month.year, month.month, acting_user=actor)
    return form


def audit_rows(zones, per_zone):
    """`per_zone` audit entries for each zone without them (bulk_create: generated history outside the
    hash chain, so `audit-verify` is not meaningful on a bench database), spread over the last three years:
    the audit list at province scale holds millions of rows (issue 16 measured 1.6 M)."""
    from zonework.core import clock
    from zonework.core.choices import AuditAction
    from zonework.core.models import AuditEntry

    have = set(AuditEntry.objects.filter(zone__in=zones, event="bench.generated").values_list("zone_id", flat=True)
               .distinct())
    now = clock.now()
    made = 0
    for zone in zones:
        if zone.pk in have:
            continue
        batch = [AuditEntry(time=now - datetime.timedelta(minutes=157 * i + zone.pk), user_name="bench",
                            source="bench", action=AuditAction.UPDATE if i % 3 else AuditAction.CREATE,
                            event="bench.generated", object_id=str(i), object_repr=f"基准记录{i}", zone=zone,
                            zone_name=zone.name, before={"value": i}, after={"value": i + 1}, changes=["value"],
                            message="基准数据") for i in range(per_zone)]
        AuditEntry.objects.bulk_create(batch, batch_size=5000)
        made += len(batch)
    return made


def pages(zones, indicators, year, form=None):
    """(label, who, url) for every page measured; pages of apps not installed are left out."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    zone = zones[0]
    ind = [i.pk for i in indicators[:3]]
    wanted = [
        ("zone dashboard", "bench-leader", "economy:dashboard", f"?zone={zone.pk}&year={year}"),
        ("observation list, filtered", "bench-province",
         "economy:observation_list", f"?zone={zone.pk}&indicator={ind[0]}&year={year}"),
        ("observation list, export .xlsx", "bench-province",
         "economy:observation_list", f"?zone={zone.pk}&indicator={ind[0]}&year={year}&export=xlsx"),
        ("API observations list", "bench-province", "/api/economy/observations/", f"?zone={zone.pk}&year={year}"),
        ("comparison page, 3 indicators", "bench-province", "economy:comparison",
         f"?year={year}&month=6&" + "&".join(f"indicator={i}" for i in ind)),
        ("API comparison, 3 indicators", "bench-province", "/api/economy/comparison/",
         f"?year={year}&month=6&" + "&".join(f"indicator={i}" for i in ind)),
        ("returns status grid, 12 months", "bench-province", f"/returns/forms/{form.pk}/", "") if form else None,
        ("zone evaluation ranking", "bench-province", "evaluation:ranking", ""),
        # What a province user opens across every zone in scope: each list counts once (an estimate past
        # ZONEWORK_EXACT_COUNT_LIMIT on PostgreSQL) and shows one page.
        ("home (province leader's cockpit)", "bench-province", "/", ""),
        ("to-do list, province leader", "bench-province", "/todos/", ""),
        ("zone list", "bench-province", "/zones/", ""),
        ("observation list, every zone", "bench-province", "economy:observation_list", ""),
        ("API observations, every zone", "bench-province", "/api/economy/observations/", ""),
        ("API target list, every zone", "bench-province", "/api/economy/targets/", ""),
        ("task list, every zone", "bench-province", "/work/tasks/", ""),
        ("API task list, every zone", "bench-province", "/api/work/tasks/", ""),
        ("project list, every zone", "bench-province", "/investment/projects/", ""),
        ("API project list, every zone", "bench-province", "/api/investment/projects/", ""),
        ("enterprise list, every zone", "bench-province", "/enterprises/companies/", ""),
        ("document list, every zone", "bench-province", "/documents/", ""),
        ("audit list (auditor, every zone)", "bench-auditor", "/audit/", ""),
        ("API audit entries (auditor)", "bench-auditor", "/api/audit-entries/", ""),
    ]
    out = []
    for label, who, name, query in filter(None, wanted):
        try:
            path = resolve(name) and name if name.startswith("/") else reverse(name)
        except (NoReverseMatch, Resolver404):
            continue
        out.append((label, who, path + query))
    return out


def measure(client, url, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
    status = response.status_code
    ms = []
    for _ in range(requests):
        t = time.perf_counter()
        response = client.get(url)
        ms.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return {"status": status, "p50": round(statistics.median(ms), 1), "p95": round(percentile(ms, 95), 1),
            "queries": len(ctx.captured_queries), "bytes": len(response.content)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="30,230")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--indicators", type=int, default=INDICATORS)
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--audit-per-zone", type=int, default=7000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import generate

    generate.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from zonework.core import clock
    from zonework.economy import generator
    from zonework.economy.models import Observation

    call_command("migrate", verbosity=0)
    first_year = clock.today().year - args.years
    year = clock.today().year - 1
    rows = []
    indicators = generator.ensure_indicators(args.indicators)
    done_zones = []
    for step in [int(s) for s in args.steps.split(",")]:
        zones = generator.ensure_zones(step)
        new = [z for z in zones if z.pk not in {d.pk for d in done_zones}]
        have = set(Observation.objects.filter(zone__in=new).values_list("zone_id", flat=True).distinct())
        todo = [z for z in new if z.pk not in have]
        started = time.perf_counter()
        for n in range(0, len(todo), 10):
            generator.generate(todo[n:n + 10], indicators, range(first_year, first_year + args.years), seed=2013 + n)
        audit_rows(zones, args.audit_per_zone)
        gen_s = time.perf_counter() - started
        done_zones = zones
        who = users(zones)
        clients = {}
        for username, user in who.items():
            clients[username] = Client()
            clients[username].force_login(user)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        year = Observation.objects.filter(zone=zones[0]).order_by("-year").values_list("year", flat=True).first() or year
        load = os.getloadavg()[0]
        form = returns_form(zones, indicators)
        measured = {label: measure(clients[user], url, args.requests)
                    for label, user, url in pages(zones, indicators, year, form)}
        rows.append({"zones": step, "observations": Observation.objects.count(),
                     "audit": __import__("zonework.core.models", fromlist=["AuditEntry"]).AuditEntry.objects.count(),
                     "generate_s": round(gen_s, 1),
                     "load": round((load + os.getloadavg()[0]) / 2, 1), "pages": measured})
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    write(rows, connection)


HEAD = """# Province scale benchmark

Pages through the Django test client (server time), p50 / p95 in ms of the runs after a warm-up, and the queries
of one request. `bench/scale.py`; the load average (2 cores) is the machine's during the step. One section per
database, the latest run of each.
"""


def write(rows, connection):
    import django

    vendor = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    server = (f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
              if connection.vendor == "postgresql" else f"SQLite {__import__('sqlite3').sqlite_version}")
    lines = [f"## {server}", "",
             f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M} · {platform.node()} × {os.cpu_count()} cores · "
             f"Python {platform.python_version()} · Django {django.get_version()}", ""]
    steps = [r["zones"] for r in rows]
    head = "| page | " + " | ".join(f"{z} zones p50 / p95 (queries)" for z in steps) + " | p95 growth |"
    lines += [head, "|" + "---|" * (len(steps) + 2)]
    labels = list(rows[-1]["pages"])
    for label in labels:
        cells = []
        for r in rows:
            m = r["pages"].get(label)
            cells.append(f"{m['p50']} / {m['p95']} ({m['queries']})" + ("" if m["status"] == 200 else f" HTTP {m['status']}")
                         if m else "–")
        first, last = rows[0]["pages"].get(label), rows[-1]["pages"].get(label)
        growth = f"{last['p95'] / first['p95']:.2f}×" if first and last and first["p95"] else "–"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {growth} |")
    lines += ["", "| zones | observations | audit entries | generated in | load |", "|---|---|---|---|---|"]
    lines += [f"| {r['zones']} | {r['observations']:,} | {r.get('audit', 0):,} | {r['generate_s']} s | {r['load']} |"
              for r in rows]
    # Keep the other database's section and any notes written under the sections.
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    sections = [part for part in ("\n" + old).split("\n## ")[1:] if not part.startswith(vendor)]
    body = "\n".join(lines) + "\n"
    kept = "".join("\n## " + part.rstrip("\n") + "\n" for part in sections)
    RESULTS.write_text(HEAD + "\n" + body + kept, encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
