"""What every generator shares: bad-input checks, scoped reads, numbers in words, figures with sources.

A figure in a report is always a `Figure` made here from a database row: its text, what the row is,
and a link to where the row can be seen. Nothing in a report is typed in by hand.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch

from zonework.core import clock, scope
from zonework.core.money import number_text as num
from zonework.core.numbers import as_decimal

from .docx_format import Figure


class ReportError(ValidationError):
    """Bad input for a report (no data, a future month, …): a Chinese message and no file."""


def today():
    return clock.today()


def installed(label):
    return apps.is_installed(f"zonework.{label}")


def model(label, name):
    """The model `label.name`, or None while the app (or the model) is not there yet."""
    if not installed(label):
        return None
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def rows(queryset, user):
    """The queryset as `user` may see it; a command (user None) sees everything."""
    return queryset if user is None else scope.restrict(queryset, user, "view")


def visible_zones(user):
    from zonework.core.models import Zone

    qs = Zone.objects.all()
    return qs if user is None else scope.restrict(qs, user, "view")


def check_zone(zone, user):
    """Raise ScopeDenied unless `user` may have reports of `zone` (None = a command: always)."""
    if user is None:
        return
    if not (user.has_perm("reports.view_reportjob") or user.has_perm("reports.add_reportjob")):
        raise scope.ScopeDenied("您没有生成报告的权限。")
    if not visible_zones(user).filter(pk=zone.pk).exists():
        raise scope.ScopeDenied(f"您没有查看“{zone}”报告的权限：该开发区不在您的数据范围内。")


def check_period(year, month=None, *, now=None):
    """Refuse a year or month that has not begun."""
    now = now or today()
    if year is None:
        raise ReportError("请选择年份。")
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise ReportError(f"年份“{year}”无效，请填写四位数字年份。") from exc
    if not 2000 <= year <= 2100:
        raise ReportError(f"年份{year}超出范围（2000—2100）。")
    if month not in (None, ""):
        try:
            month = int(month)
        except (TypeError, ValueError) as exc:
            raise ReportError(f"月份“{month}”无效，应为1至12。") from exc
        if not 1 <= month <= 12:
            raise ReportError(f"月份{month}无效，应为1至12。")
    else:
        month = None
    # The month is checked first: in December, January of next year is "a month not yet come", and
    # the message must name the month the user asked for, not the year.
    if month is not None and (year, month) > (now.year, now.month):
        raise ReportError(f"{year}年{month}月尚未到来，不能生成该月的月报。")
    if year > now.year:
        raise ReportError(f"{year}年尚未到来，不能生成该年度的报告。")
    return year, month


# ---------------------------------------------------------------- numbers in words
def growth_words(pct, *, prefix=""):
    """增长20% / 下降3.5% / 与上年持平."""
    pct = as_decimal(pct)
    if pct is None:
        return ""
    if pct == 0:
        return "与上年持平"
    return f"{prefix}增长{num(pct, 1)}%" if pct > 0 else f"{prefix}下降{num(-pct, 1)}%"


def gap_words(gap, noun="时序进度"):
    """快于时序进度9.2个百分点 / 慢于… / 与时序进度持平."""
    gap = as_decimal(gap)
    if gap is None:
        return ""
    if gap == 0:
        return f"与{noun}持平"
    return f"{'快于' if gap > 0 else '慢于'}{noun}{num(abs(gap), 1)}个百分点"


def pct_words(pct):
    return f"{num(pct, 1)}%"


# ---------------------------------------------------------------- figures with sources
def url_of(obj):
    for name in ("source_url", "get_absolute_url"):
        method = getattr(obj, name, None)
        if method is None:
            continue
        try:
            url = method()
        except NoReverseMatch:
            url = None
        if url:
            return url
    return None


def ref_of(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def figure(text, obj, source=None):
    """A figure drawn from the row `obj`."""
    return Figure(str(text), source or str(obj), url_of(obj), ref_of(obj))


def count_figure(text, label, href=None, ref=None):
    """A count over rows (12 items, 95%): its source is the list the rows come from."""
    return Figure(str(text), label, href, ref)


def list_url(name, **params):
    from urllib.parse import urlencode

    from django.urls import reverse

    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def join_clauses(clauses, sep="；", end="。"):
    """Join sentence parts (each a list of spans) with `sep`, ending with `end`."""
    out = []
    for i, clause in enumerate(clauses):
        if i:
            out.append(sep)
        out.extend(clause)
    if out:
        out.append(end)
    return out


def issuer_for(zone):
    name = zone.name
    return name if name.endswith(("管委会", "管理委员会")) else f"{name}管委会"
