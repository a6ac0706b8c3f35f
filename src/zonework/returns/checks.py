"""The checks of a filing's figures: what is refused when saved, and what must be explained before
it is submitted. Every message is Chinese and names the indicator; the form, the Excel upload and
the API all go through `clean_rows` and `submit_problems`."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from zonework.core.money import convert
from zonework.core.numbers import NotANumber, parse_decimal
from zonework.economy.choices import IndicatorKind
from zonework.economy.models import Observation, negative_values

from .choices import Frequency
from .models import end_month, observation_month

VALUE_LABEL = "1-N月累计"
YOY_LABEL = "同比%"


def _fmt(number):
    number = Decimal(number).quantize(Decimal("0.01"))
    return format(number.normalize(), "f")


def clean_rows(figures, rows):
    """{figure_id: {ytd_value, yoy_pct, value_unit, note}} for raw `rows` ({figure_id: {"ytd_value",
    "yoy_pct", "unit", "note"}}); raises ValidationError listing every problem (nothing is saved)."""
    errors, clean = [], {}
    for figure in figures:
        raw = rows.get(figure.pk)
        if raw is None:
            continue
        ind = figure.indicator
        where = f"“{ind.name}”"
        values = {}
        for key, label in (("ytd_value", VALUE_LABEL), ("yoy_pct", YOY_LABEL)):
            try:
                values[key] = parse_decimal(raw.get(key), f"{where}{label}")
            except NotANumber as exc:
                errors.append(str(exc))
                values[key] = None
        unit = str(raw.get("unit") or "").strip() or ind.unit
        if ind.unit and unit != ind.unit and convert(Decimal(1), unit, ind.unit) is None:
            errors.append(f"{where}的单位“{unit}”与指标单位“{ind.unit}”不一致，请改用{ind.unit}"
                          f"（或同一计量的其他单位，如亿元与万元）。")
        errors.extend(negative_values(ind, {"ytd_value": values["ytd_value"]}).values())
        yoy = values["yoy_pct"]
        if yoy is not None and yoy < -100:
            errors.append(f"{where}同比{_fmt(yoy)}%不可能：比上年同期下降不会超过100%。")
        note = str(raw.get("note") or "").strip()
        if len(note) > 500:
            errors.append(f"{where}的说明超过500字。")
        clean[figure.pk] = {**values, "value_unit": unit, "note": note[:500]}
    if errors:
        raise ValidationError(errors)
    return clean


def previous_period(frequency, year, period):
    """(year, observation month) of the period before, in the same year; None for the first period."""
    if frequency == Frequency.YEARLY or period in (None, 1):
        return None
    return year, end_month(frequency, period - 1)


def comparison_figures(filing):
    """{indicator_id: Observation} of last year's same period, and {indicator_id: Observation} of this
    year's previous period (for a 累计 that must not fall): two queries for the whole filing."""
    form = filing.form
    month = observation_month(form.frequency, filing.period)
    ids = [f.indicator_id for f in filing.figures.all()]
    last_year = {o.indicator_id: o for o in Observation.objects.filter(
        zone_id=filing.zone_id, year=filing.year - 1, month=month, indicator_id__in=ids)}
    before = previous_period(form.frequency, filing.year, filing.period)
    previous = {}
    if before:
        previous = {o.indicator_id: o for o in Observation.objects.filter(
            zone_id=filing.zone_id, year=before[0], month=before[1], indicator_id__in=ids)}
    return last_year, previous


def jump_pct(value, unit, base):
    """The change of `value` against last year's observation `base`, in percent; None when not comparable."""
    if value is None or base is None or base.ytd_value in (None, 0):
        return None
    then = convert(base.ytd_value, base.value_unit, unit)
    if not then:
        return None
    return (Decimal(value) - then) / abs(then) * 100


def submit_problems(filing, figures):
    """The messages that stop a filing's submission: a figure left blank, a 累计 below the previous
    period's, a jump beyond the form's threshold without a note."""
    form = filing.form
    last_year, previous = comparison_figures(filing)
    threshold = Decimal(form.jump_pct)
    problems = []
    for figure in figures:
        ind = figure.indicator
        where = f"“{ind.name}”"
        if figure.ytd_value is None and figure.yoy_pct is None:
            problems.append(f"{where}未填写：{VALUE_LABEL}和同比至少填写一项。")
            continue
        before = previous.get(ind.pk)
        if (figure.ytd_value is not None and before is not None and before.ytd_value is not None
                and ind.kind == IndicatorKind.FLOW and not ind.allows_negative):
            then = convert(before.ytd_value, before.value_unit, figure.value_unit)
            if then is not None and Decimal(figure.ytd_value) < then:
                problems.append(f"{where}{VALUE_LABEL}{_fmt(figure.ytd_value)}{figure.value_unit}小于上期累计"
                                f"{_fmt(then)}{figure.value_unit}：累计数不会减少，请核实。")
        if figure.note:
            continue
        change = jump_pct(figure.ytd_value, figure.value_unit, last_year.get(ind.pk))
        if change is not None and abs(change) > threshold:
            problems.append(f"{where}与上年同期（{_fmt(last_year[ind.pk].ytd_value)}{last_year[ind.pk].value_unit}）"
                            f"相比变动{_fmt(change)}%，超过{_fmt(threshold)}%，请填写说明。")
        elif figure.yoy_pct is not None and abs(Decimal(figure.yoy_pct)) > threshold:
            problems.append(f"{where}同比{_fmt(figure.yoy_pct)}%，变动超过{_fmt(threshold)}%，请填写说明。")
    return problems
