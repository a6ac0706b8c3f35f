"""The stall rule: a project with no stage change for a while lights yellow, then red.

DOMAIN_NOTES §2 (Handan ETDZ): no progress for 2 months = yellow, 3 months = red. Both are settings
(ZONEWORK_STALL_YELLOW_MONTHS, ZONEWORK_STALL_RED_MONTHS; their defaults live in settings.py only). A month is a
calendar month: a project last moved on 15 March is yellow from 15 May and red from 15 June (a day
that does not exist, such as 31 April, falls back to the month's last day). Projects at 达产 or 终止
have nothing left to do and never stall.
"""

import calendar
import datetime

from django.conf import settings

from zonework.core import clock
from zonework.core.choices import Light

from .choices import Stage

DONE_STAGES = (Stage.FULL_CAPACITY, Stage.TERMINATED)


def add_months(day, months):
    """The same day `months` calendar months later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def thresholds():
    return settings.ZONEWORK_STALL_YELLOW_MONTHS, settings.ZONEWORK_STALL_RED_MONTHS


def stall_light(last_change, today=None, *, stage=None, yellow_months=None, red_months=None):
    """Light of a project whose last stage change was on `last_change`; None when it is not stalled."""
    if last_change is None or stage in DONE_STAGES:
        return None
    today = today or clock.today()
    default_yellow, default_red = thresholds()
    yellow_months = default_yellow if yellow_months is None else yellow_months
    red_months = default_red if red_months is None else red_months
    if add_months(last_change, red_months) <= today:
        return Light.RED
    if add_months(last_change, yellow_months) <= today:
        return Light.YELLOW
    return None


def last_change_reaching(today, months):
    """The latest last-change date d with add_months(d, months) <= today. add_months never goes down as
    d goes up, so the dates that have reached the threshold are exactly those up to this one."""
    day = add_months(today, -months) + datetime.timedelta(days=3)
    while add_months(day, months) > today:
        day -= datetime.timedelta(days=1)
    return day


def stalled_queryset(queryset, today=None):
    """The stalled projects of `queryset` in SQL (exactly the rule of stall_light), longest-stalled first,
    for a page to count and slice."""
    today = today or clock.today()
    yellow, _red = thresholds()
    return (queryset.exclude(stage__in=DONE_STAGES).filter(stage_date__lte=last_change_reaching(today, yellow))
            .order_by("stage_date", "name", "pk"))


def stalled_projects(queryset, today=None, *, limit=None):
    """[(project, light)] of the projects in `queryset` that have stalled, longest-stalled first; the first
    `limit` of them when given."""
    today = today or clock.today()
    qs = stalled_queryset(queryset, today).select_related("officer", "unit", "park")
    if limit is not None:
        qs = qs[:limit]
    return [(project, stall_light(project.stage_date, today, stage=project.stage)) for project in qs]
