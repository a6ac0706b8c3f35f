"""Every change of economy data: indicators, targets, observations, monthly statistics uploads.

Each function is atomic, takes `acting_user`, checks permission and data scope, validates with the
models' Chinese messages and leaves its trail in the audit log (field changes automatically, named
events with record_event).
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from zonework.core import clock, jobs, scope
from zonework.core.actions import create_object, delete_object, logs_denials, update_object
from zonework.core.audit import record_event

from .choices import ObservationSource, UploadStatus
from .models import (
    Indicator,
    Observation,
    StatisticsUpload,
    Target,
    TrackedIndicator,
    month_label,
    refuse_unfinished_period,
)

__all__ = [
    "commit_statistics_job", "commit_statistics_upload", "create_indicator", "create_observation", "create_target", "delete_observation",
    "delete_target", "save_monthly_statistics", "stage_statistics_upload", "track_indicators", "untrack_indicator",
    "update_indicator", "update_observation", "update_target", "upsert_observation", "upsert_target",
]


def check_zone(user, action, model, zone):
    """Refuse unless `user` may `action` rows of `model` in `zone` (permission + zone scope)."""
    scope.check_zone(user, action, model, zone, f"您没有权限修改开发区“{zone}”的{model._meta.verbose_name}。")


# --- indicators ------------------------------------------------------------------------------


def create_indicator(data, *, acting_user):
    """A new indicator; unless told, a rate (增速, 同比, unit %) may be negative and a level may not."""
    if "allows_negative" not in data:
        from .catalogue import may_be_negative

        data = {**data, "allows_negative": may_be_negative(data.get("name"), data.get("unit"))}
    return create_object(Indicator, data, acting_user=acting_user)


def update_indicator(indicator, data, *, acting_user):
    return update_object(indicator, data, acting_user=acting_user)


@logs_denials
@transaction.atomic
def track_indicators(zone, indicators, *, acting_user):
    """Add indicators to the zone's monthly template (those already tracked are left alone)."""
    check_zone(acting_user, "add", TrackedIndicator, zone)
    have = set(TrackedIndicator.objects.filter(zone=zone).values_list("indicator_id", flat=True))
    order = TrackedIndicator.objects.filter(zone=zone).count()
    added = []
    for indicator in indicators:
        if indicator.pk in have:
            continue
        order += 1
        row = TrackedIndicator(zone=zone, indicator=indicator, sort_order=order * 10, created_by=_user(acting_user))
        row.save()
        have.add(indicator.pk)
        added.append(row)
    return added


def untrack_indicator(tracked, *, acting_user):
    return delete_object(tracked, acting_user=acting_user)


# --- targets ---------------------------------------------------------------------------------


@logs_denials
@transaction.atomic
def create_target(data, *, acting_user):
    target = create_object(Target, data, acting_user=acting_user)
    _track_quietly(target.zone, [target.indicator], acting_user)
    return target


def update_target(target, data, *, acting_user):
    return update_object(target, data, acting_user=acting_user)


def delete_target(target, *, acting_user):
    return delete_object(target, acting_user=acting_user)


@logs_denials
@transaction.atomic
def upsert_target(zone, indicator, *, year, recurring=False, fields, acting_user):
    """The zone's target for (indicator, year) set to `fields`: updated if it exists, else created.

    Returns (target, created)."""
    existing = Target.objects.filter(zone=zone, indicator=indicator, recurring=recurring)
    if not recurring:
        existing = existing.filter(year=year)
    target = existing.first()
    if target is None:
        check_zone(acting_user, "add", Target, zone)
        target = Target(zone=zone, indicator=indicator, year=None if recurring else year, recurring=recurring,
                        created_by=_user(acting_user))
        created = True
    else:
        check_zone(acting_user, "change", Target, zone)
        created = False
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    _track_quietly(zone, [indicator], acting_user)
    return target, created


# --- observations ----------------------------------------------------------------------------


@logs_denials
@transaction.atomic
def create_observation(data, *, acting_user):
    obs = create_object(Observation, data, acting_user=acting_user)
    _track_quietly(obs.zone, [obs.indicator], acting_user)
    return obs


def update_observation(obs, data, *, acting_user):
    return update_object(obs, data, acting_user=acting_user)


def delete_observation(obs, *, acting_user):
    return delete_object(obs, acting_user=acting_user)


@logs_denials
@transaction.atomic
def upsert_observation(zone, indicator, *, year, month, fields, acting_user):
    """The zone's figure for (indicator, year, month) set to `fields`; month None = the yearly figure.

    Returns (observation, created)."""
    obs = Observation.objects.filter(zone=zone, indicator=indicator, year=year, month=month).first()
    if obs is None:
        check_zone(acting_user, "add", Observation, zone)
        obs = Observation(zone=zone, indicator=indicator, year=year, month=month, created_by=_user(acting_user))
        created = True
    else:
        check_zone(acting_user, "change", Observation, zone)
        created = False
    for name, value in fields.items():
        setattr(obs, name, value)
    obs.full_clean()
    obs.save()
    return obs, created


def _bulk_upsert(model, zone, rows, *, key, lookup, make, fields, acting_user, progress=False, existed=None):
    """Upsert many rows of one zone set-based: one read of what is there, one INSERT, one executemany
    UPDATE and one INSERT of audit entries per batch (core.audit.record_bulk, before-snapshots from the
    rows as loaded). `rows` is [(key, fields dict)]; a later row with the same key wins, as upserting one
    by one would. Each row is checked with full_clean except the foreign keys (objects the caller
    holds) and uniqueness (one row per key, here and by the database's constraint). Nothing is written
    before every row has passed. With `progress`, a background job's bar moves at each write.
    `existed`, a set, receives the keys that were there before (a batch of documents counts its own
    created and updated from them). Returns (created, updated)."""
    from zonework.core.audit import record_bulk, update_rows

    wanted = {}
    for k, values in rows:
        wanted[k] = values  # dict keeps the first position, the last values
    existing = {key(obj): obj for obj in lookup()}
    if existed is not None:
        existed.update(k for k in wanted if k in existing)
    if any(k not in existing for k in wanted):
        check_zone(acting_user, "add", model, zone)
    if any(k in existing for k in wanted):
        check_zone(acting_user, "change", model, zone)
    now = clock.now()
    new, changed, trail = [], [], []
    foreign = [f.name for f in model._meta.concrete_fields if f.is_relation]
    for k, values in wanted.items():
        obj = existing.get(k)
        before = None
        if obj is None:
            obj = make(k)
            obj.created_by = _user(acting_user)
            new.append(obj)
        else:
            before = obj.snapshot()
            changed.append(obj)
        for name, value in values.items():
            setattr(obj, name, value)
        obj.zone = zone  # the audit entry files the row under its zone without a query per row
        obj.updated_at = now  # bulk writes do not run auto_now
        obj.unique_checked = True  # one row per key: checked above (clean() would query per row)
        obj.full_clean(validate_unique=False, validate_constraints=False, exclude=foreign)
        trail.append((obj, before, before is None))
    steps = [lambda: model.objects.bulk_create(new, batch_size=_BATCH),
             lambda: update_rows(model, changed, sorted({*fields, "updated_at"}), batch_size=_BATCH),
             lambda: record_bulk(trail, batch_size=_BATCH)]
    for n, step in enumerate(steps, start=1):
        if progress:
            jobs.progress(n, len(steps) + 1)
        step()
    return len(new), len(changed)


@logs_denials
@transaction.atomic
def upsert_targets(zone, items, *, acting_user, existed=None):
    """Many targets of one zone (a document's, say) set to their fields at once: items are
    (indicator, year, recurring, fields) with year None for a recurring target. Returns (created, updated);
    `existed` (a set) receives the keys (indicator pk, recurring, year) that were already there."""
    items = list(items)
    indicators = {i.pk: i for i, *_rest in items}
    names = sorted({name for *_rest, values in items for name in values})

    def key(target):
        return (target.indicator_id, target.recurring, None if target.recurring else target.year)

    def make(k):
        return Target(zone=zone, indicator=indicators[k[0]], recurring=k[1], year=k[2])

    rows = [((ind.pk, bool(recurring), None if recurring else year), values) for ind, year, recurring, values in items]
    counts = _bulk_upsert(Target, zone, rows, key=key, make=make, fields=names, acting_user=acting_user, existed=existed,
                          lookup=lambda: Target.objects.filter(zone=zone, indicator__in=list(indicators)))
    _track_quietly(zone, list(indicators.values()), acting_user)
    return counts


@logs_denials
@transaction.atomic
def upsert_observations(zone, items, *, acting_user, existed=None):
    """Many figures of one zone at once: items are (indicator, year, month, fields), month None for a
    yearly figure. Returns (created, updated); `existed` (a set) receives the keys (indicator pk, year,
    month) that were already there."""
    items = list(items)
    indicators = {i.pk: i for i, *_rest in items}
    names = sorted({name for *_rest, values in items for name in values})

    def key(obs):
        return (obs.indicator_id, obs.year, obs.month)

    def make(k):
        return Observation(zone=zone, indicator=indicators[k[0]], year=k[1], month=k[2])

    rows = [((ind.pk, year, month), values) for ind, year, month, values in items]
    years = sorted({year for _i, year, _m, _v in items})
    return _bulk_upsert(Observation, zone, rows, key=key, make=make, fields=names, acting_user=acting_user,
                        existed=existed,
                        lookup=lambda: Observation.objects.filter(zone=zone, indicator__in=list(indicators),
                                                                  year__in=years))


# --- monthly statistics ----------------------------------------------------------------------


@logs_denials
@transaction.atomic
def stage_statistics_upload(zone, year, month, uploaded_file, *, acting_user):
    """Read a filled monthly template and stage it for preview. Bad input raises ValidationError with
    row-numbered Chinese messages and saves nothing."""
    from .statistics import parse_template

    check_zone(acting_user, "add", Observation, zone)
    refuse_unfinished_period(year, month)
    data = uploaded_file.read()
    rows = parse_template(data, zone=zone, year=year, month=month)
    upload = StatisticsUpload(zone=zone, year=year, month=month, unit=getattr(acting_user, "unit", None),
                              filename=getattr(uploaded_file, "name", "") or "", sha256=hashlib.sha256(data).hexdigest(),
                              rows=rows, status=UploadStatus.STAGED, created_by=_user(acting_user))
    from django.core.files.base import ContentFile

    upload.file.save(f"{zone.pk}-{year}-{month:02d}.xlsx", ContentFile(data), save=False)
    upload.full_clean()
    upload.save()
    return upload


@logs_denials
@transaction.atomic
def commit_statistics_upload(upload, *, acting_user):
    """Write a staged upload's rows as the month's observations, all or nothing. Re-uploading a month
    updates its rows."""
    upload = StatisticsUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status == UploadStatus.COMMITTED:
        raise ValidationError(f"“{upload}”已经入库，不能重复提交。")
    summary = _write_month(upload.zone, upload.year, upload.month, upload.rows, acting_user=acting_user,
                           source=ObservationSource.STATISTICS, upload=upload)
    upload.status = UploadStatus.COMMITTED
    upload.committed_at = clock.now()
    upload.save()
    record_event("statistics.committed", upload, message=f"{upload}入库：{summary}",
                 after={"rows": len(upload.rows)})
    return upload


@jobs.job("读取统计月报")
def stage_statistics_job(file, *, zone, acting_user, year, month):
    """Reading the workbook as a background job (eager in the demo and tests): a template of any
    size never holds the request. The preview page is the job's next step."""
    from django.urls import reverse

    upload = stage_statistics_upload(zone, year, month, file, acting_user=acting_user)
    return {"message": f"已读取“{upload}”，共{len(upload.rows)}项指标，请核对后确认入库。", "upload": upload.pk,
            "next_url": reverse("economy:upload_detail", args=[upload.pk]), "next_label": "核对并入库"}


@jobs.job("统计月报入库")
def commit_statistics_job(*, zone, acting_user, upload_id):
    """The commit as a background job (eager in the demo and tests): a month of any size never holds
    the request. The upload is looked up in the acting user's scope, as the page does."""
    found = scope.restrict(StatisticsUpload.objects.all(), acting_user, "view").filter(pk=upload_id).first()
    if found is None:
        raise ValidationError("找不到该统计月报上传记录（或不在您的数据范围内）。")
    upload = commit_statistics_upload(found, acting_user=acting_user)
    return {"message": f"{upload}已入库（{len(upload.rows)}项指标）。", "upload": upload.pk}


@logs_denials
@transaction.atomic
def save_monthly_statistics(zone, year, month, rows, *, acting_user):
    """Manual entry of one month (the form shows the same columns as the template)."""
    from .statistics import validate_rows

    check_zone(acting_user, "add", Observation, zone)
    clean = validate_rows(rows, zone=zone, year=year, month=month)
    summary = _write_month(zone, year, month, clean, acting_user=acting_user, source=ObservationSource.MANUAL)
    record_event("statistics.entered", zone, message=f"{zone}{year}年{month_label(month)}统计数据手工录入：{summary}")
    return summary


def _write_month(zone, year, month, rows, *, acting_user, source, upload=None):
    """Upsert the month's rows, set-based (_bulk_upsert): the rows are already checked
    (statistics.validate_rows), so the month costs one read of what is there, one INSERT, one UPDATE
    (executemany) and one INSERT of audit entries per batch, whatever the number of rows."""
    from zonework.core.numbers import as_decimal as dec

    # A month's upload adds and changes rows as it goes: the user needs both, whatever this upload holds.
    check_zone(acting_user, "add", Observation, zone)
    check_zone(acting_user, "change", Observation, zone)
    # Checked again at commit: an upload staged before this rule existed must not slip through.
    refuse_unfinished_period(year, month)
    indicators = Indicator.objects.in_bulk([r["indicator_id"] for r in rows])
    items = [(row["indicator_id"], {
        "month_value": dec(row.get("month_value")), "ytd_value": dec(row.get("ytd_value")),
        "yoy_pct": dec(row.get("yoy_pct")), "value_unit": row.get("unit") or "",
        "source": source, "upload": upload, "document": None, "provenance": None}) for row in rows]
    created, updated = _bulk_upsert(
        Observation, zone, items, key=lambda obs: obs.indicator_id, fields=_MONTH_FIELDS, acting_user=acting_user,
        lookup=lambda: Observation.objects.filter(zone=zone, year=year, month=month).select_related("indicator"),
        make=lambda pk: Observation(zone=zone, indicator=indicators[pk], year=year, month=month), progress=True)
    return f"新增{created}条，更新{updated}条"


_BATCH = 500
_MONTH_FIELDS = ["month_value", "ytd_value", "yoy_pct", "value_unit", "source", "upload", "document",
                 "provenance", "updated_at"]


def _track_quietly(zone, indicators, acting_user):
    """Keep the monthly template in step with the zone's targets (no permission of its own needed)."""
    from zonework.core.audit import record_bulk

    have = set(TrackedIndicator.objects.filter(zone=zone).values_list("indicator_id", flat=True))
    order, new = len(have), []
    for indicator in indicators:
        if indicator.pk not in have:
            order += 1
            new.append(TrackedIndicator(zone=zone, indicator=indicator, sort_order=order * 10,
                                        created_by=_user(acting_user)))
            have.add(indicator.pk)
    # One INSERT and one of audit entries, not a save each: a document's figures name many indicators.
    TrackedIndicator.objects.bulk_create(new)
    record_bulk([(row, None, True) for row in new])


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) and user.pk else None

