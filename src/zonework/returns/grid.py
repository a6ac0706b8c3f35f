"""The reviewer's status grid of one form and year: zones × periods, in a fixed number of queries
(the form's zones, the year's filings), however many zones file."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zonework.core import clock, scope
from zonework.economy.dashboard import url_for

from .choices import FilingStatus
from .models import ReturnFiling, due_date, is_late, period_has_ended, period_label, periods

STATUS_LABELS = dict(FilingStatus.choices)


@dataclass
class Cell:
    status: str  # a FilingStatus, or "" when the filing is not opened
    late: bool
    url: str | None

    @property
    def label(self):
        return str(STATUS_LABELS[self.status]) if self.status else _("未开启")


@dataclass
class Column:
    period: int | None
    label: str
    due: object
    counts: dict = field(default_factory=dict)
    late: int = 0
    missing: int = 0


def build(form, year, user, today=None):
    today = today or clock.today()
    zones = list(scope.zones_for(user).filter(pk__in=form.zones.values("pk")).order_by("name"))
    columns = [Column(p, period_label(form.frequency, p), due_date(form.frequency, form.due_day, year, p),
                      counts={s: 0 for s in FilingStatus.values})
               for p in periods(form.frequency) if period_has_ended(form.frequency, year, p, today)]
    columns.reverse()  # the latest period first: what the reviewer is chasing, and what a phone shows
    filings = {(f["zone_id"], f["period"]): f for f in ReturnFiling.objects.filter(
        form=form, year=year, zone__in=[z.pk for z in zones]).values("id", "zone_id", "period", "status", "submitted_at")}
    rows = []
    for zone in zones:
        cells = []
        for col in columns:
            f = filings.get((zone.pk, col.period))
            if f is None:
                col.missing += 1
                cells.append(Cell("", False, None))
                continue
            late = is_late(f["status"], f["submitted_at"], col.due, today)
            col.counts[f["status"]] += 1
            col.late += late
            cells.append(Cell(f["status"], late, url_for("returns:filing", f["id"])))
        rows.append({"zone": zone, "cells": cells})
    return {"form": form, "year": year, "columns": columns, "rows": rows,
            "statuses": [(s, str(label)) for s, label in FilingStatus.choices]}
