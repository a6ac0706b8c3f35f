"""The on-time rate of service requests (enterprises/figures.py), the one rule the enterprises
figures page and the work summary's 企业服务 section both show, one row per request."""

import datetime

import pytest

from zonework.enterprises.figures import UnitRow
from zonework.enterprises.models import ServiceRequest

D = datetime.date
# Received Monday 2 June 2025: 交办 due 06-03, 答复 due 06-04, 办结 due 06-16 (10 working days).
RECEIVED = D(2025, 6, 2)

CASES = [
    # (what the service office sees, state, assigned, replied, closed, today, decided, on time, overdue)
    ("closed with every step in time", "closed", D(2025, 6, 3), D(2025, 6, 4), D(2025, 6, 10), D(2025, 7, 1),
     1, 1, 0),
    ("closed on the last day allowed", "closed", D(2025, 6, 3), D(2025, 6, 4), D(2025, 6, 16), D(2025, 7, 1),
     1, 1, 0),
    ("closed a working day late", "closed", D(2025, 6, 3), D(2025, 6, 4), D(2025, 6, 17), D(2025, 7, 1), 1, 0, 0),
    ("closed in time but answered late", "closed", D(2025, 6, 3), D(2025, 6, 9), D(2025, 6, 10), D(2025, 7, 1),
     1, 0, 0),
    ("open and not yet due: not decided", "replied", D(2025, 6, 3), D(2025, 6, 4), None, D(2025, 6, 10), 0, 0, 0),
    ("open past the 办结 limit", "replied", D(2025, 6, 3), D(2025, 6, 4), None, D(2025, 6, 17), 1, 0, 1),
    ("never assigned, past the 交办 limit", "received", None, None, None, D(2025, 6, 4), 1, 0, 1),
]


@pytest.mark.parametrize(("case", "state", "assigned", "replied", "closed", "today", "decided", "on_time",
                          "overdue"), CASES, ids=[c[0] for c in CASES])
def test_each_request_on_the_on_time_rate(case, state, assigned, replied, closed, today, decided, on_time, overdue):
    row = UnitRow()
    row.add(ServiceRequest(title="用电增容", category="utilities", received_date=RECEIVED, state=state,
                           assigned_date=assigned, replied_date=replied, closed_date=closed), today)
    assert (row.decided, row.on_time, row.overdue) == (decided, on_time, overdue)


def test_the_rate_over_all_seven_requests():
    """On time ÷ (closed + open past a limit): 2 of 6 decided; the one not yet due counts in neither."""
    row = UnitRow()
    for _case, state, assigned, replied, closed, today, *_ in CASES:
        row.add(ServiceRequest(title="诉求", category="utilities", received_date=RECEIVED, state=state,
                               assigned_date=assigned, replied_date=replied, closed_date=closed), today)
    assert (row.received, row.closed, row.decided, row.on_time, row.overdue) == (7, 4, 6, 2, 2)
    assert (str(row.on_time_rate), str(row.closed_rate)) == ("33.3", "57.1")
