"""What "targets" and "results" read from a document become: Targets and yearly Observations.

Registered with zonework.documents.committers in EconomyConfig.ready(). Each record keeps its
provenance (document, article, span, sentence). Indicator names map to the Indicator table (names
and aliases) and the reader's catalogue; an unknown name is created only when the reviewer chose so
(options["create_indicators"]: names, or True for all), skipped when options["skip_unknown"], and
otherwise refuses the whole commit.
"""

from django.core.exceptions import ValidationError

from zonework.core.numbers import as_decimal
from zonework.documents.committers import Refused

from . import actions
from .catalogue import IndicatorMatcher
from .choices import Bound, ObservationSource, TargetSource
from .models import Indicator


def _indicator(name, matcher, options, *, acting_user, kind_label, number):
    row = matcher.match(name)
    if row is not None:
        return row
    wanted = options.get("create_indicators") or ()
    if wanted is True or name in wanted:
        row = Indicator.objects.filter(name=name).first() or actions.create_indicator(
            {"name": name, "aliases": [], "family": "other"}, acting_user=acting_user)
        matcher.add(row)
        return row
    if options.get("skip_unknown"):
        return None
    raise ValidationError(f"{kind_label}第{number}条：指标“{name}”不在指标库中。请改为已有指标、选择新建该指标，或拒绝这一条。")


def _year(record, fallback, options, *, kind_label, number):
    year = record.get("year") or fallback
    if year:
        return int(year)
    if options.get("skip_incomplete"):
        return None
    raise ValidationError(f"{kind_label}第{number}条（{record.get('indicator')}）：没有年份。请在审阅页填写年份，或拒绝这一条。")


def _provenance(record):
    p = record.get("provenance") or {}
    return {k: p.get(k) for k in ("article", "start", "end", "sentence") if k in p} or None


def _target_items(document, records, matcher, options, acting_user):
    skipped, items = 0, []
    for record in records:
        number = record.get("index", 0) + 1
        indicator = _indicator(record.get("indicator"), matcher, options, acting_user=acting_user,
                               kind_label="预期目标", number=number)
        recurring = bool(record.get("recurring")) and not record.get("year")
        year = None if recurring else _year(record, document.plan_year, options, kind_label="预期目标",
                                            number=number)
        if indicator is None or (not recurring and year is None):
            skipped += 1
            continue
        value = as_decimal(record.get("value"))
        fields = {
            "value": value,
            "value_unit": (record.get("unit") or indicator.unit) if value is not None else "",
            "growth_pct": as_decimal(record.get("growth_pct")),
            "bound": record.get("bound") if record.get("bound") in Bound.values else Bound.EXACT,
            "stretch_pct": as_decimal(record.get("stretch_pct")),
            "source": TargetSource.DOCUMENT,
            "document": document,
            "provenance": _provenance(record),
        }
        items.append((indicator, year, recurring, fields))
    return items, skipped


def _result_items(document, records, matcher, options, acting_user):
    skipped, items = 0, []
    for record in records:
        number = record.get("index", 0) + 1
        indicator = _indicator(record.get("indicator"), matcher, options, acting_user=acting_user,
                               kind_label="实际完成", number=number)
        year = _year(record, document.report_year, options, kind_label="实际完成", number=number)
        if indicator is None or year is None:
            skipped += 1
            continue
        value = as_decimal(record.get("value"))
        fields = {
            "month_value": None,
            "ytd_value": value,
            "value_unit": (record.get("unit") or indicator.unit) if value is not None else "",
            "yoy_pct": as_decimal(record.get("growth_pct")),
            "source": ObservationSource.DOCUMENT,
            "upload": None,
            "document": document,
            "provenance": _provenance(record),
        }
        items.append((indicator, year, None, fields))
    return items, skipped


def _target_key(item):
    indicator, year, recurring, _fields = item
    return (indicator.pk, bool(recurring), None if recurring else year)


def _result_key(item):
    indicator, year, month, _fields = item
    return (indicator.pk, year, month)


def commit_targets(document, records, *, acting_user, options):
    """A document's targets, written together (economy.actions.upsert_targets): one statement per kind of
    write, not three per target."""
    matcher = options.setdefault("_indicator_matcher", IndicatorMatcher())
    items, skipped = _target_items(document, records, matcher, options, acting_user)
    created, updated = actions.upsert_targets(document.zone, items, acting_user=acting_user)
    return _summary(created, updated, skipped)


def commit_results(document, records, *, acting_user, options):
    """A document's results, written together (economy.actions.upsert_observations)."""
    matcher = options.setdefault("_indicator_matcher", IndicatorMatcher())
    items, skipped = _result_items(document, records, matcher, options, acting_user)
    created, updated = actions.upsert_observations(document.zone, items, acting_user=acting_user)
    return _summary(created, updated, skipped)


def _many(entries, options, acting_user, build, key, upsert):
    """Many documents' records in one upsert, each document counted as if committed after the ones
    before it: a key is created by the first document naming it, updated by the later ones."""
    matcher = options.setdefault("_indicator_matcher", IndicatorMatcher())
    built, refusals = [], {}
    for document, records in entries:
        try:
            built.append((document, *build(document, records, matcher, options, acting_user)))
        except ValidationError as exc:
            refusals[document.pk] = exc
    if refusals:
        raise Refused(refusals)
    existed = set()
    upsert(entries[0][0].zone, [item for _d, items, _s in built for item in items], acting_user=acting_user,
           existed=existed)
    seen, out = set(existed), {}
    for document, items, skipped in built:
        keys = list(dict.fromkeys(key(item) for item in items))
        created = sum(k not in seen for k in keys)
        seen.update(keys)
        out[document.pk] = _summary(created, len(keys) - created, skipped)
    return out


def commit_targets_many(entries, *, acting_user, options):
    """The targets of many documents of one zone in one upsert (documents.commit_documents)."""
    return _many(entries, options, acting_user, _target_items, _target_key, actions.upsert_targets)


def commit_results_many(entries, *, acting_user, options):
    """The results of many documents of one zone in one upsert (documents.commit_documents)."""
    return _many(entries, options, acting_user, _result_items, _result_key, actions.upsert_observations)


def _summary(created, updated, skipped):
    text = f"新增{created}条，更新{updated}条"
    if skipped:
        text += f"，跳过{skipped}条（指标不在库中或没有年份）"
    return text
