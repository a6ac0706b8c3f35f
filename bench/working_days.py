"""Working days in closed form against walking the calendar (issue 16: the enterprise card counted
368,000 days one at a time for 291 open requests).

    python bench/working_days.py

Computes the light of N open requests (received 0–60 working days ago, a year's holiday calendar) with
enterprises.limits as shipped and with the day-by-day walk it replaced, in one run; medians of 7.
Results go to bench/results/working_days.md; nothing is asserted.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "working_days.md"


def walk_between(start, end, limits, off, on):
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if limits.is_working_day(day, off, on):
            count += 1
    return count


def walk_add(day, n, limits, off, on):
    while n > 0:
        day += datetime.timedelta(days=1)
        if limits.is_working_day(day, off, on):
            n -= 1
    return day


def main():
    sys.path.insert(0, str(HERE))
    import generate

    generate.setup()
    from django.conf import settings

    from zonework.enterprises import limits

    today = datetime.date(2026, 11, 20)
    holidays = [f"2026-{d}" for d in ("01-01", "02-16", "02-17", "02-18", "02-19", "02-20", "04-06", "05-01",
                                     "05-04", "05-05", "06-19", "09-25", "10-01", "10-02", "10-05", "10-06", "10-07")]
    workdays = ["2026-02-14", "2026-02-28", "2026-09-27", "2026-10-10"]
    settings.ZONEWORK_HOLIDAYS, settings.ZONEWORK_WORKDAYS = holidays, workdays
    off = {datetime.date.fromisoformat(d) for d in holidays}
    on = {datetime.date.fromisoformat(d) for d in workdays}
    rng = random.Random(16)
    requests = [today - datetime.timedelta(days=rng.randint(0, 90)) for _ in range(291)]
    steps = limits.limits_for("")

    def shipped():
        out = []
        for received in requests:
            due = {s: limits.add_working_days(received, n) for s, n in steps.items()}
            out.append((due, limits.working_days_between(due["start"], today)))
        return out

    def walked():
        out = []
        for received in requests:
            due = {s: walk_add(received, n, limits, off, on) for s, n in steps.items()}
            out.append((due, walk_between(due["start"], today, limits, off, on)))
        return out

    assert shipped() == walked()
    times = {"closed form": [], "walk": []}
    for _ in range(7):
        for label, func in (("closed form", shipped), ("walk", walked)):
            t = time.perf_counter()
            for _ in range(10):
                func()
            times[label].append((time.perf_counter() - t) / 10 * 1000)
    closed, walk = statistics.median(times["closed form"]), statistics.median(times["walk"])
    load = os.getloadavg()[0]
    text = (f"# Working days: closed form against the walk\n\n"
            f"Date: {datetime.datetime.now():%Y-%m-%d %H:%M} · load average {load:.1f} (2 cores) · `bench/working_days.py`\n\n"
            f"Due dates of the three steps and the days late, for 291 open requests received 0–90 days ago, with "
            f"a year's 17 holidays and 4 调休 Saturdays; same answers from both (checked in the run). Median of 7 "
            f"(each the mean of 10 passes).\n\n"
            f"| method | ms per 291 requests |\n|---|---|\n| closed form (shipped) | {closed:.2f} |\n"
            f"| walk, day by day (before) | {walk:.2f} |\n\n"
            f"Ratio walk / closed form: {walk / closed:.1f}× in the same run.\n")
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
