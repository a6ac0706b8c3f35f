"""Pipeline figures for a period, computed from the stage history (DOMAIN_NOTES §2).

Definitions (each has a table-driven test in tests/investment/test_figures.py):

- first signing: the date of a project's first StageChange into 签约 or any later pipeline stage
  (a project moved from 洽谈 straight to 注册 signed on that day). A project counts once, at its first
  signing; moving it back and signing again does not count it again.
- cohort of a period [date_from, date_to]: the projects whose first signing falls in the period.
- projects signed = size of the cohort.
- agreed investment = Σ counted investment over the cohort, per currency (万元 / 万美元, never
  added together). Counted investment is the agreed amount, or only the added amount for a capital
  increase (增资).
- paid-in = Σ PaidIn.amount of the cohort with month ≤ date_to, per currency.
- 资金到位率 = paid-in / agreed investment × 100, per currency, over the same cohort; none when the
  agreed sum is 0.
- stage on a date: the to_stage of the last change on or before that date; for a project terminated
  by then, the stage it stood at when it was terminated (a terminated project that broke ground did
  break ground; a backward correction lowers the stage).
- 开工率 = cohort projects whose stage on date_to is 开工 or later / projects signed × 100.
- 投产率 = the same with 投产 or later.
- Fortune 500 count = cohort projects with fortune500; foreign = cohort projects of foreign origin,
  with their counted investment per currency.
- paid-in in the period = Σ PaidIn.amount with month in the period, over all projects (not only the
  cohort), per currency: money that arrived this period.
- funnel of a period: the projects that entered the pipeline on or before date_to and were not
  terminated before date_from; for each pipeline stage S, how many stood at S or later on date_to.

Grouping (by park, industry 门类, origin, officer) splits the same figures; a total row comes first.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from zonework.core.money import percent as pct

from .choices import PIPELINE, Currency, Origin, Stage, rank

CURRENCIES = [c.value for c in Currency]
SIGNED_RANK = rank(Stage.SIGNED)
GROUPS = {"park": "园区", "industry": "行业门类", "origin": "资金来源", "officer": "招商人员"}


# --- history ---------------------------------------------------------------------------------


def ordered(changes):
    """Stage changes as (date, to_stage) sorted by date then creation order."""
    return sorted(((c.date, c.pk or 0, c.to_stage) for c in changes), key=lambda t: (t[0], t[1]))


def first_signing(changes):
    """Date of the first change into 签约 or a later pipeline stage, or None."""
    for day, _pk, to in ordered(changes):
        r = rank(to)
        if r is not None and r >= SIGNED_RANK:
            return day
    return None


def entered(changes):
    """Date the project entered the pipeline (its first change), or None."""
    rows = ordered(changes)
    return rows[0][0] if rows else None


def stage_on(changes, as_of):
    """(stage for counting, terminated?) on `as_of`; stage is None before the first change."""
    stage, terminated = None, False
    for day, _pk, to in ordered(changes):
        if day > as_of:
            break
        if to == Stage.TERMINATED:
            terminated = True
        else:
            stage, terminated = to, False
    return stage, terminated


def terminated_on(changes, as_of):
    """Date of termination if the project stood terminated on `as_of`, else None."""
    last = None
    for day, _pk, to in ordered(changes):
        if day > as_of:
            break
        last = day if to == Stage.TERMINATED else None
    return last


def reached(changes, stage, as_of):
    current, _terminated = stage_on(changes, as_of)
    r = rank(current)
    return r is not None and r >= rank(stage)


# --- figures ---------------------------------------------------------------------------------


def _money():
    return {c: Decimal(0) for c in CURRENCIES}


@dataclass
class Row:
    key: object = None
    label: str = "合计"
    signed: int = 0
    agreed: dict = field(default_factory=_money)
    paid_in: dict = field(default_factory=_money)
    paid_in_period: dict = field(default_factory=_money)
    construction: int = 0
    production: int = 0
    fortune500: int = 0
    foreign: int = 0
    foreign_agreed: dict = field(default_factory=_money)
    projects: list = field(default_factory=list)

    @property
    def paid_in_rate(self):
        return {c: pct(self.paid_in[c], self.agreed[c]) for c in CURRENCIES}

    @property
    def construction_rate(self):
        return pct(self.construction, self.signed)

    @property
    def production_rate(self):
        return pct(self.production, self.signed)

    def as_dict(self):
        return {
            "key": self.key, "label": self.label, "signed": self.signed,
            "agreed": {c: str(v) for c, v in self.agreed.items()},
            "paid_in": {c: str(v) for c, v in self.paid_in.items()},
            "paid_in_rate": {c: (str(v) if v is not None else None) for c, v in self.paid_in_rate.items()},
            "paid_in_period": {c: str(v) for c, v in self.paid_in_period.items()},
            "construction": self.construction, "construction_rate": _s(self.construction_rate),
            "production": self.production, "production_rate": _s(self.production_rate),
            "fortune500": self.fortune500, "foreign": self.foreign,
            "foreign_agreed": {c: str(v) for c, v in self.foreign_agreed.items()},
        }


def _s(value):
    return None if value is None else str(value)


def group_key(project, by):
    if by == "park":
        return (project.park_id, project.park.name if project.park_id else "未分园区")
    if by == "industry":
        if not project.industry_id:
            return (None, "未分行业")
        section = project.industry.section
        return (section.code, f"{section.code} {section.name}")
    if by == "origin":
        return (project.origin, Origin(project.origin).label)
    if by == "officer":
        return (project.officer_id, str(project.officer) if project.officer_id else "未指定")
    raise ValueError(f"unknown grouping {by!r}")


def add_signed(row, project, changes, paid, date_from, date_to):
    """The cohort's part of `row`: nothing unless the project's first signing falls in the period."""
    signed_on = first_signing(changes)
    if signed_on is None or not (date_from <= signed_on <= date_to):
        return
    row.signed += 1
    row.projects.append(project)
    amount = project.counted_investment
    row.agreed[project.currency] += amount
    for p in paid:
        if p.month <= date_to:
            row.paid_in[p.currency] += p.amount
    if reached(changes, Stage.CONSTRUCTION, date_to):
        row.construction += 1
    if reached(changes, Stage.PRODUCTION, date_to):
        row.production += 1
    if project.fortune500:
        row.fortune500 += 1
    if project.origin == Origin.FOREIGN:
        row.foreign += 1
        row.foreign_agreed[project.currency] += amount


SIGNED_OR_LATER = [s.value for s in PIPELINE[SIGNED_RANK:]]
GROUP_FIELDS = ("park", "industry", "industry__parent", "officer")


def _prepared(projects):
    return projects.select_related(*GROUP_FIELDS).prefetch_related("stage_changes", "paid_in")


def _ids(projects):
    return projects.order_by().values("pk")


def signed_in(projects, date_from, date_to):
    """The cohort in SQL: projects whose first change into 签约 or later falls in the period (the first
    such change is the earliest by date, so MIN over those changes is the first signing)."""
    from django.db.models import Min, Q

    return projects.annotate(first_signed=Min("stage_changes__date", filter=Q(
        stage_changes__to_stage__in=SIGNED_OR_LATER))).filter(first_signed__gte=date_from, first_signed__lte=date_to)


def compute(projects, date_from, date_to, by=None, *, with_projects=False):
    """Figures of `projects` (a scoped queryset) for the period: [total row, group rows...].

    The pages get them from grouped SQL over the cohort (_compute_in_sql), so their cost does not follow
    the projects stored. `with_projects=True` reads the cohort row by row through the history functions
    above and keeps the projects on each row (`row.projects`), for documents that name them; the two give
    the same figures (tests/investment/test_figures.py runs every case through both)."""
    if not with_projects:
        return _compute_in_sql(projects, date_from, date_to, by)
    from django.db.models import Sum

    from .models import PaidIn

    total = Row()
    groups = OrderedDict()

    def group(project):
        key, label = group_key(project, by)
        return groups.setdefault(key, Row(key=key, label=label))

    for project in _prepared(signed_in(projects, date_from, date_to)):
        changes = list(project.stage_changes.all())
        paid = list(project.paid_in.all())
        add_signed(total, project, changes, paid, date_from, date_to)
        if by:
            add_signed(group(project), project, changes, paid, date_from, date_to)
    arrived = PaidIn.objects.filter(project__in=_ids(projects), month__gte=date_from, month__lte=date_to).order_by()
    for values in arrived.values(*_group_fields(by, "project__"), "currency").annotate(amount=Sum("amount")):
        total.paid_in_period[values["currency"]] += values["amount"]
        if by:
            key, label = _group_of(values, by, "project__")
            groups.setdefault(key, Row(key=key, label=label)).paid_in_period[values["currency"]] += values["amount"]
    rows = sorted(groups.values(), key=lambda r: (-r.signed, str(r.label)))
    return [total, *rows]


# --- the same figures in SQL -----------------------------------------------------------------


def with_active_stage(projects, date_to):
    """`projects` annotated with `active_stage`: the last stage each had reached by date_to that was not
    终止, as stage_on reads it (the funnel reads the same standing)."""
    from django.db.models import OuterRef, Subquery

    from .models import StageChange

    last = (StageChange.objects.filter(project=OuterRef("pk"), date__lte=date_to).exclude(to_stage=Stage.TERMINATED)
            .order_by("-date", "-pk"))
    return projects.annotate(active_stage=Subquery(last.values("to_stage")[:1]))


GROUP_VALUES = {"park": ("park_id", "park__name"), "origin": ("origin",),
                "officer": ("officer_id", "officer__display_name", "officer__username"), "industry": ("industry_id",)}


def _group_fields(by, prefix=""):
    return [prefix + f for f in GROUP_VALUES[by]] if by else []


def _industry_sections():
    """{industry id: (门类 code, "code name")}, walking each industry up to its 门类 once."""
    from zonework.core.models import Industry

    rows = {i.pk: i for i in Industry.objects.all()}
    out = {}
    for pk, industry in rows.items():
        node = industry
        while node.parent_id is not None and node.parent_id in rows:
            node = rows[node.parent_id]
        out[pk] = (node.code, f"{node.code} {node.name}")
    return out


def _group_of(values, by, prefix="", sections=None):
    """(key, label) of a grouped row, as group_key names the group of one project."""
    get = lambda name: values[prefix + name]  # noqa: E731
    if by == "park":
        return (get("park_id"), get("park__name") if get("park_id") else "未分园区")
    if by == "origin":
        return (get("origin"), Origin(get("origin")).label)
    if by == "officer":
        return (get("officer_id"), (get("officer__display_name") or get("officer__username"))
                if get("officer_id") else "未指定")
    if by == "industry":
        if not get("industry_id"):
            return (None, "未分行业")
        sections = sections if sections is not None else _industry_sections()
        return sections[get("industry_id")]
    raise ValueError(f"unknown grouping {by!r}")


def _compute_in_sql(projects, date_from, date_to, by=None):
    from django.db.models import Case, Count, DecimalField, Q, Sum, Value, When
    from django.db.models.functions import Coalesce

    from .models import InvestmentProject, PaidIn

    money = DecimalField(max_digits=20, decimal_places=4)
    counted = Case(When(is_capital_increase=True, then=Coalesce("added_amount", Value(0), output_field=money)),
                   default=Coalesce("agreed_investment", Value(0), output_field=money), output_field=money)
    cohort_ids = signed_in(projects, date_from, date_to).order_by().values("pk")
    cohort = with_active_stage(InvestmentProject.objects.filter(pk__in=cohort_ids), date_to).order_by()
    sections = _industry_sections() if by == "industry" else None
    total, groups = Row(), OrderedDict()

    def rows_for(values, prefix=""):
        yield total
        if by:
            key, label = _group_of(values, by, prefix, sections)
            yield groups.setdefault(key, Row(key=key, label=label))

    construction_on = {s.value for s in PIPELINE[rank(Stage.CONSTRUCTION):]}
    production_on = {s.value for s in PIPELINE[rank(Stage.PRODUCTION):]}
    for values in cohort.values(*_group_fields(by), "currency", "active_stage").annotate(
            n=Count("pk"), agreed=Sum(counted), fortune500=Count("pk", filter=Q(fortune500=True)),
            foreign=Count("pk", filter=Q(origin=Origin.FOREIGN)),
            foreign_agreed=Sum(counted, filter=Q(origin=Origin.FOREIGN))):
        for row in rows_for(values):
            row.signed += values["n"]
            row.agreed[values["currency"]] += values["agreed"] or 0
            row.fortune500 += values["fortune500"]
            row.foreign += values["foreign"]
            row.foreign_agreed[values["currency"]] += values["foreign_agreed"] or 0
            if values["active_stage"] in construction_on:
                row.construction += values["n"]
            if values["active_stage"] in production_on:
                row.production += values["n"]
    for values in (PaidIn.objects.filter(project__in=cohort_ids, month__lte=date_to).order_by()
                   .values(*_group_fields(by, "project__"), "currency").annotate(amount=Sum("amount"))):
        for row in rows_for(values, "project__"):
            row.paid_in[values["currency"]] += values["amount"]
    for values in (PaidIn.objects.filter(project__in=_ids(projects), month__gte=date_from, month__lte=date_to)
                   .order_by().values(*_group_fields(by, "project__"), "currency").annotate(amount=Sum("amount"))):
        for row in rows_for(values, "project__"):
            row.paid_in_period[values["currency"]] += values["amount"]
    rows = sorted(groups.values(), key=lambda r: (-r.signed, str(r.label)))
    return [total, *rows]


def funnel(projects, date_from, date_to):
    """[(stage, label, count)] for the pipeline stages, plus the count terminated in the period.

    Each project's standing on date_to as stage_on / terminated_on read it (its last change by then, and
    its last change that was not 终止): the projects that had entered by date_to, less those terminated
    before date_from; each counts at every stage up to the last one it reached. Counted in SQL, grouped
    by that standing, so the page receives a few rows whatever the number of projects; each standing is
    an index seek (investment_change_history)."""
    from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery

    from .models import InvestmentProject, StageChange

    last = StageChange.objects.filter(project=OuterRef("pk"), date__lte=date_to).order_by("-date", "-pk")
    standing = (with_active_stage(InvestmentProject.objects.filter(pk__in=_ids(projects)), date_to)
                .annotate(last_stage=Subquery(last.values("to_stage")[:1]),
                          last_date=Subquery(last.values("date")[:1]))
                .annotate(early=ExpressionWrapper(Q(last_date__lt=date_from), output_field=BooleanField()))
                .order_by())
    counts = OrderedDict((s.value, 0) for s in PIPELINE)
    terminated = 0
    for row in standing.values("last_stage", "active_stage", "early").annotate(n=Count("pk")):
        if row["last_stage"] is None:
            continue  # not entered by date_to
        if row["last_stage"] == Stage.TERMINATED:
            if row["early"]:
                continue
            terminated += row["n"]
        r = rank(row["active_stage"])
        if r is None:
            continue
        for s in PIPELINE[: r + 1]:
            counts[s.value] += row["n"]
    return [(s.value, str(s.label), counts[s.value]) for s in PIPELINE], terminated


def year_period(year, month=None):
    """(1 Jan, end of `month`) of `year`; the whole year without a month."""
    start = datetime.date(year, 1, 1)
    if month is None:
        return start, datetime.date(year, 12, 31)
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - datetime.timedelta(days=1)
