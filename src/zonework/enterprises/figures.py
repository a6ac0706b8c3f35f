"""Service figures for a period: the 12345-style monthly table (DOMAIN_NOTES §1) and the work
summary's 企业服务 section, from this one module (the summary does not count on its own).

Population: the requests received in the period [date_from, date_to], grouped by handling unit.
- received: how many; closed: how many are closed (办结), and closed ÷ received × 100 (办结率).
- median days to reply: the median, over the replied ones, of working days from the clock start
  (received, or reopened) to the reply.
- on-time rate = on time / decided × 100, where decided = closed requests plus open requests already
  past a due date (red on `today`), and on time = closed requests with every step within its limit.
  Open requests not yet due are not decided and count in neither.
- overdue: open requests already past a due date (red on `today`): 超过时限仍未办结.
- satisfaction: the mean rating (1–5) over the rated requests, with their count; satisfied rate =
  ratings of 4 or 5 ÷ rated × 100 (满意率).
"""

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from zonework.core.money import percent

from . import limits
from .choices import RequestState


@dataclass
class UnitRow:
    unit: object = None
    label: str = "合计"
    received: int = 0
    closed: int = 0
    reply_days: list = field(default_factory=list)
    on_time: int = 0
    decided: int = 0
    ratings: list = field(default_factory=list)
    overdue: int = 0

    @property
    def median_reply_days(self):
        return statistics.median(self.reply_days) if self.reply_days else None

    @property
    def on_time_rate(self):
        return percent(self.on_time, self.decided)

    @property
    def closed_rate(self):
        return percent(self.closed, self.received)

    @property
    def satisfied_rate(self):
        return percent(sum(1 for r in self.ratings if r >= 4), len(self.ratings))

    @property
    def satisfaction(self):
        if not self.ratings:
            return None
        return (Decimal(sum(self.ratings)) / len(self.ratings)).quantize(Decimal("0.01"))

    def add(self, req, today):
        self.received += 1
        clock = req.clock_date or req.received_date
        if req.replied_date:
            self.reply_days.append(limits.working_days_between(clock, req.replied_date))
        colour, _note = req.light(today)
        if req.state == RequestState.CLOSED:
            self.closed += 1
            self.decided += 1
            if colour == "green":
                self.on_time += 1
        elif colour == "red":
            self.decided += 1
            self.overdue += 1
        if req.satisfaction:
            self.ratings.append(req.satisfaction)

    def as_dict(self):
        return {"unit": getattr(self.unit, "pk", None), "label": self.label, "received": self.received,
                "closed": self.closed,
                "median_reply_days": self.median_reply_days, "on_time": self.on_time, "decided": self.decided,
                "on_time_rate": None if self.on_time_rate is None else str(self.on_time_rate),
                "overdue": self.overdue,
                "satisfaction": None if self.satisfaction is None else str(self.satisfaction),
                "rated": len(self.ratings)}


def unit_figures(requests, date_from, date_to, today=None):
    """[total row, one row per handling unit] for the requests received in the period."""
    today = today or limits.today()
    total, rows = UnitRow(), {}
    qs = requests.filter(received_date__gte=date_from, received_date__lte=date_to).select_related("unit")
    for req in qs:
        total.add(req, today)
        row = rows.setdefault(req.unit_id, UnitRow(unit=req.unit, label=str(req.unit)))
        row.add(req, today)
    return [total, *sorted(rows.values(), key=lambda r: (-r.received, r.label))]
