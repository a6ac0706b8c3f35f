"""Every change of returns data: forms, opening filings, filling, submitting, reviewing.

Each function is atomic, takes `acting_user`, checks the permission and the zone (data scope), and
leaves its trail in the audit log (field changes automatically, named events with record_event).
Bad input raises ValidationError with Chinese messages and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from zonework.core import actions as core_actions
from zonework.core import clock, scope
from zonework.core.actions import create_object, logs_denials, update_object
from zonework.core.audit import record_event
from zonework.economy import actions as economy_actions
from zonework.economy.choices import ObservationSource

from . import checks
from .choices import FigureEventKind, FigureStatus, FilingStatus
from .models import (
    FigureEvent,
    ReturnFigure,
    ReturnFiling,
    ReturnForm,
    observation_month,
    period_has_ended,
    periods,
)

__all__ = [
    "approve_filing", "create_form", "fill_filing", "filers", "open_filings", "return_filing", "submit_filing",
    "update_form", "upload_filing",
]

EDITABLE = (FilingStatus.DRAFT, FilingStatus.RETURNED)


def _check_zones(user, zones):
    ids = scope.user_zone_ids(user)
    outside = [z for z in zones if ids is not None and z.pk not in ids]
    if outside:
        raise scope.ScopeDenied(f"开发区{'、'.join(str(z) for z in outside)}不在您的数据范围内，不能要求其填报。")


# --- forms -----------------------------------------------------------------------------------


def _form_data(data):
    zones, indicators = list(data.get("zones") or []), list(data.get("indicators") or [])
    errors = {}
    if "zones" in data and not zones:
        errors["zones"] = "请选择至少一个填报开发区。"
    if "indicators" in data and not indicators:
        errors["indicators"] = "请选择至少一项指标。"
    if errors:
        raise ValidationError(errors)
    return zones


@logs_denials
@transaction.atomic
def create_form(data, *, acting_user):
    """A new return form (报表) the province defines: indicators, frequency, due day, zones."""
    _check_zones(acting_user, _form_data(data))
    form = create_object(ReturnForm, data, acting_user=acting_user)
    record_event("returns.form_defined", form, message=f"定义填报报表“{form}”：{form.get_frequency_display()}，"
                 f"{form.zones.count()}个开发区，{form.indicators.count()}项指标")
    return form


@logs_denials
@transaction.atomic
def update_form(form, data, *, acting_user):
    """Change a form; an indicator added reaches the filings still in draft (a submitted one is not
    reopened behind the zone's back)."""
    if "zones" in data:
        _check_zones(acting_user, _form_data(data))
    else:
        _form_data(data)
    form = update_object(form, data, acting_user=acting_user)
    indicators = list(form.indicators.all())
    for filing in form.filings.filter(status=FilingStatus.DRAFT).prefetch_related("figures"):
        have = {f.indicator_id for f in filing.figures.all()}
        for ind in indicators:
            if ind.pk not in have:
                ReturnFigure.objects.create(filing=filing, indicator=ind, value_unit=ind.unit,
                                            created_by=_user(acting_user))
    return form


# --- filings ---------------------------------------------------------------------------------


def _check_period(form, year, period):
    if period not in periods(form.frequency):
        raise ValidationError(f"“{period}”不是{form.get_frequency_display()}的期别。")
    if not period_has_ended(form.frequency, year, period):
        from .models import period_label

        raise ValidationError(f"{year}年{period_label(form.frequency, period)}尚未结束，不能开启填报。")


@logs_denials
@transaction.atomic
def open_filings(form, year, period, *, acting_user):
    """A draft filing, with a blank figure per indicator, for each zone of the form that has none for
    the period yet. Returns the filings created."""
    if not acting_user.has_perm("returns.add_returnfiling"):
        raise scope.ScopeDenied(scope.denied_message("add", ReturnFiling))
    if not form.active:
        raise ValidationError(f"报表“{form}”已停用，不能开启填报。")
    _check_period(form, year, period)
    zones = list(form.zones.all())
    _check_zones(acting_user, zones)
    have = set(ReturnFiling.objects.filter(form=form, year=year, period=period).values_list("zone_id", flat=True))
    indicators = list(form.indicators.all())
    created = []
    for zone in zones:
        if zone.pk in have:
            continue
        filing = ReturnFiling.objects.create(form=form, zone=zone, year=year, period=period,
                                             created_by=_user(acting_user))
        for ind in indicators:
            ReturnFigure.objects.create(filing=filing, indicator=ind, value_unit=ind.unit, created_by=_user(acting_user))
        created.append(filing)
    if created:
        record_event("returns.opened", form, message=f"开启{form}{year}年{created[0].period_label}填报："
                     f"{len(created)}个开发区", after={"year": year, "period": period,
                                                  "filings": [f.pk for f in created]})
    return created


def _lock(filing):
    return ReturnFiling.objects.select_for_update().select_related("form", "zone").get(pk=filing.pk)


def _figures(filing):
    return list(filing.figures.select_related("indicator").order_by("indicator__sort_order", "indicator__name"))


def _check_filer(user, filing):
    scope.check_zone(user, "file", ReturnFiling, filing.zone,
                     f"您没有权限填报开发区“{filing.zone}”的报表：该开发区不在您的数据范围内。")


def _check_reviewer(user, filing):
    scope.check_zone(user, "review", ReturnFiling, filing.zone,
                     f"您没有权限审核开发区“{filing.zone}”的报表：该开发区不在您的数据范围内。")


@logs_denials
@transaction.atomic
def fill_filing(filing, rows, *, acting_user):
    """Save the zone's figures as typed (a draft, or the corrections of a returned filing).

    `rows`: {figure_id: {"ytd_value", "yoy_pct", "unit", "note"}}. Returns the figures changed. In a
    returned filing only the returned figures may change."""
    if not acting_user.has_perm("returns.file_returnfiling"):
        raise scope.ScopeDenied("您没有填报报表的权限。")
    filing = _lock(filing)
    _check_filer(acting_user, filing)
    if filing.status not in EDITABLE:
        raise ValidationError(f"“{filing}”{filing.get_status_display()}，不能修改。")
    figures = _figures(filing)
    clean = checks.clean_rows(figures, rows)
    errors, changed = [], []
    for figure in figures:
        new = clean.get(figure.pk)
        if new is None:
            continue
        same = (figure.ytd_value == new["ytd_value"] and figure.yoy_pct == new["yoy_pct"]
                and figure.value_unit == new["value_unit"] and figure.note == new["note"])
        if same:
            continue
        if filing.status == FilingStatus.RETURNED and figure.status not in (FigureStatus.RETURNED,
                                                                            FigureStatus.CORRECTED):
            errors.append(f"“{figure.indicator.name}”未被退回，不能修改；只能更正退回的数据。")
            continue
        figure.ytd_value, figure.yoy_pct = new["ytd_value"], new["yoy_pct"]
        figure.value_unit, figure.note = new["value_unit"], new["note"]
        if figure.status in (FigureStatus.RETURNED, FigureStatus.CORRECTED):
            figure.status = FigureStatus.CORRECTED
            _event(figure, FigureEventKind.CORRECTED, acting_user)
        figure.save()
        changed.append(figure)
    if errors:
        raise ValidationError(errors)
    return changed


@logs_denials
@transaction.atomic
def upload_filing(filing, data, *, acting_user):
    """Read the Excel the system generated for this filing, filled in, and save it like the form."""
    from .excel import parse_filing

    if not acting_user.has_perm("returns.file_returnfiling"):
        raise scope.ScopeDenied("您没有填报报表的权限。")
    _check_filer(acting_user, filing)
    rows = parse_filing(data, filing)
    return fill_filing(filing, rows, acting_user=acting_user)


@logs_denials
@transaction.atomic
def submit_filing(filing, *, acting_user):
    """Submit (or resubmit after corrections): every figure filled, jumps explained."""
    if not acting_user.has_perm("returns.file_returnfiling"):
        raise scope.ScopeDenied("您没有填报报表的权限。")
    filing = _lock(filing)
    _check_filer(acting_user, filing)
    if filing.status not in EDITABLE:
        raise ValidationError(f"“{filing}”{filing.get_status_display()}，不能再次报送。")
    figures = _figures(filing)
    if filing.status == FilingStatus.RETURNED:
        still = [f.indicator.name for f in figures if f.status == FigureStatus.RETURNED]
        if still:
            raise ValidationError(f"退回的数据尚未更正：{'、'.join(still)}。请按退回原因更正（或在“说明”中写明数据无误的理由）后再报送。")
    problems = checks.submit_problems(filing, figures)
    if problems:
        raise ValidationError(problems)
    resubmit = filing.status == FilingStatus.RETURNED
    for figure in figures:
        if figure.status in (FigureStatus.DRAFT, FigureStatus.CORRECTED):
            figure.status = FigureStatus.SUBMITTED
            figure.return_reason = ""
            figure.save()
            _event(figure, FigureEventKind.SUBMITTED, acting_user)
    filing.status = FilingStatus.SUBMITTED
    filing.submitted_at = clock.now()
    filing.submitted_by = _user(acting_user)
    filing.save()
    record_event("returns.resubmitted" if resubmit else "returns.submitted", filing,
                 message=f"{'重新报送' if resubmit else '报送'}“{filing}”")
    return filing


@logs_denials
@transaction.atomic
def return_filing(filing, reasons, *, acting_user):
    """Send the filing back with a reason per figure (`reasons`: {figure_id: reason}); the zone's
    statisticians get a to-do and a message."""
    filing = _lock(filing)
    _check_reviewer(acting_user, filing)
    if filing.status != FilingStatus.SUBMITTED:
        raise ValidationError(f"“{filing}”{filing.get_status_display()}，只有已报的报表可以退回。")
    figures = {f.pk: f for f in _figures(filing)}
    reasons = {int(k): str(v or "").strip() for k, v in reasons.items() if str(v or "").strip()}
    unknown = [k for k in reasons if k not in figures]
    if unknown:
        raise ValidationError("退回的数据不属于该报表。")
    if not reasons:
        raise ValidationError("请至少为一项数据填写退回原因。")
    too_long = [figures[k].indicator.name for k, v in reasons.items() if len(v) > 500]
    if too_long:
        raise ValidationError(f"退回原因超过500字：{'、'.join(too_long)}。")
    now = clock.now()
    for pk, reason in reasons.items():
        figure = figures[pk]
        figure.status = FigureStatus.RETURNED
        figure.return_reason = reason
        figure.save()
        _event(figure, FigureEventKind.RETURNED, acting_user, reason=reason)
    filing.status = FilingStatus.RETURNED
    filing.reviewed_at, filing.reviewed_by = now, _user(acting_user)
    filing.save()
    names = "、".join(figures[k].indicator.name for k in reasons)
    record_event("returns.returned", filing, message=f"退回“{filing}”：{names}",
                 after={"reasons": {figures[k].indicator.name: v for k, v in reasons.items()}})
    body = "\n".join(f"{figures[k].indicator.name}：{v}" for k, v in reasons.items())
    core_actions.send_message(filers(filing.zone, filing), kind="returned", title=f"报表退回：{filing}",
                              body=body, link=filing.get_absolute_url(),
                              event_key=f"returns:returned:{filing.pk}:{now.isoformat()}", zone=filing.zone)
    return filing


@logs_denials
@transaction.atomic
def approve_filing(filing, *, acting_user):
    """Approve: every figure becomes the zone's observation, with the filing as its source."""
    filing = _lock(filing)
    _check_reviewer(acting_user, filing)
    if filing.status != FilingStatus.SUBMITTED:
        raise ValidationError(f"“{filing}”{filing.get_status_display()}，只有已报的报表可以审核通过。")
    month = observation_month(filing.form.frequency, filing.period)
    provenance = {"return_filing": filing.pk, "url": filing.get_absolute_url()}
    for figure in _figures(filing):
        economy_actions.upsert_observation(filing.zone, figure.indicator, year=filing.year, month=month, fields={
            "ytd_value": figure.ytd_value, "yoy_pct": figure.yoy_pct, "value_unit": figure.value_unit,
            "source": ObservationSource.RETURN, "provenance": provenance, "document": None, "upload": None,
        }, acting_user=acting_user)
        figure.status = FigureStatus.APPROVED
        figure.save()
        _event(figure, FigureEventKind.APPROVED, acting_user)
    filing.status = FilingStatus.APPROVED
    filing.reviewed_at, filing.reviewed_by = clock.now(), _user(acting_user)
    filing.save()
    record_event("returns.approved", filing, message=f"审核通过“{filing}”，数据已写入统计数据")
    return filing


def filers(zone, filing=None):
    """The zone's statisticians: active users who may file returns and work in the zone (and whoever
    submitted `filing`)."""
    from zonework.core.models import User

    people = list(User.objects.filter(is_active=True, roles__permissions__codename="file_returnfiling",
                                      roles__permissions__content_type__app_label="returns")
                  .filter(Q(unit__zone=zone) | Q(zones=zone)).distinct().order_by("username"))
    if filing is not None and filing.submitted_by_id and filing.submitted_by not in people:
        people.insert(0, filing.submitted_by)
    return people


def _event(figure, kind, user, *, reason=""):
    return FigureEvent.objects.create(figure=figure, kind=kind, ytd_value=figure.ytd_value, yoy_pct=figure.yoy_pct,
                                      value_unit=figure.value_unit, note=figure.note, reason=reason,
                                      by=_user(user), at=clock.now(), created_by=_user(user))


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) and user.pk else None
