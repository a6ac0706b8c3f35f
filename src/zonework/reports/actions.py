"""Every change this app makes: creating a report job and recording its run (DESIGN.md action layer)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from zonework.core import clock, scope
from zonework.core.actions import create_object, logs_denials
from zonework.core.audit import record_event
from zonework.core.validation import error_text

from . import charts
from .choices import MONTH_OPTIONAL, MONTHLY, JobStatus, ReportKind
from .common import ReportError, check_period, check_zone
from .models import ReportJob

MAX_ZONES = 500


def job_file_name(job, name):
    """Where a job's file is kept in the file storage. Through the storage API, not a local path, so
    that a file the worker wrote on one host is served by a web process on another (a shared
    directory or an S3-compatible store, deploy/README.md)."""
    return f"reports/jobs/{job.pk}/{name}"


def _store(job, name, data):
    key = job_file_name(job, name)
    if default_storage.exists(key):  # a rerun replaces the file instead of saving "name_x7Yq.docx"
        default_storage.delete(key)
    default_storage.save(key, ContentFile(data))


@logs_denials
@transaction.atomic
def create_job(*, kind, zones, year, month=None, plan_id=None, with_pdf=False, options=None, acting_user):
    """A pending job generating `kind` for each of `zones`; every zone must be in the user's scope.
    `options` (official.DocumentOptions) gives each zone's document its 版头 and 版记."""
    if not scope.can(acting_user, "add", ReportJob):
        raise scope.ScopeDenied("您没有生成报告的权限。")
    if kind not in ReportKind.values:
        raise ReportError(f"未知的报告类型“{kind}”。")
    year, month = check_period(year, month)
    if kind in MONTHLY and month is None:
        raise ReportError(f"{ReportKind(kind).label}须选择月份。")
    zones = list(dict.fromkeys(zones))
    if not zones:
        raise ReportError("请至少选择一个开发区。")
    if len(zones) > MAX_ZONES:
        raise ReportError(f"一次最多生成{MAX_ZONES}个开发区的报告。")
    for zone in zones:
        check_zone(zone, acting_user)
    if options is not None:
        import dataclasses

        options.check()
        options.number = None  # each zone takes its own next number
        options = dataclasses.asdict(options)
    home = acting_user.unit.zone if acting_user.unit_id else zones[0]
    job = create_object(ReportJob, {
        "zone": home, "unit": acting_user.unit if acting_user.unit_id else None, "kind": kind, "year": year,
        "month": month if kind in (*MONTHLY, *MONTH_OPTIONAL) else None, "plan_id": plan_id,
        "zone_ids": [z.pk for z in zones], "progress_total": len(zones), "with_pdf": bool(with_pdf),
        "options": options or {},
    }, acting_user=acting_user)
    record_event("report.job_created", job, message=f"生成{job}")
    return job


def start_job(**kwargs):
    """Create the job and hand it to the worker (run in-process when Celery is eager)."""
    from .tasks import run_report_job

    job = create_job(**kwargs)
    run_report_job.delay(job.pk)
    job.refresh_from_db()
    return job


def mark(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=[*fields, "updated_at"])


def run_job(job):
    """Generate every zone's report, writing files to the job's folder and progress to the row."""
    from zonework.core.models import Zone

    mark(job, status=JobStatus.RUNNING, started_at=clock.now(), progress_current=0, results=[], error="")
    zones = {z.pk: z for z in Zone.objects.filter(pk__in=job.zone_ids)}
    results = []
    user = job.created_by
    with charts.shared_renderer():
        _generate_each(job, zones, results, user)
    failed = all(r["error"] for r in results)
    mark(job, status=JobStatus.FAILED if failed else JobStatus.DONE, finished_at=clock.now(),
         error="所有开发区均未生成报告。" if failed else "")
    return job


def _generate_each(job, zones, results, user):
    from .generate import generate

    for n, zone_id in enumerate(job.zone_ids, start=1):
        zone = zones.get(zone_id)
        entry = {"zone_id": zone_id, "zone": str(zone) if zone else f"#{zone_id}", "files": [], "error": ""}
        started = clock.now()
        try:
            if zone is None:
                raise ReportError("该开发区已不存在。")
            plan = None
            if job.plan_id:
                from zonework.work.models import Plan

                plan = Plan.objects.filter(pk=job.plan_id, zone=zone).first()
            from .official import DocumentOptions

            options = DocumentOptions(**job.options) if job.options else None
            out = generate(job.kind, zone, job.year, job.month, user=user, plan=plan, options=options)
            if options is not None:
                issue_for(zone, out.report, acting_user=user)
            for ext, data in (("docx", out.docx), ("xlsx", out.xlsx)):
                if data is None:
                    continue
                name = out.filename(ext)
                _store(job, name, data)
                entry["files"].append({"name": name, "size": len(data)})
            if job.with_pdf:
                try:
                    data = out.pdf
                except ReportError as exc:  # the Word file stands; the page says why the PDF is missing
                    entry["note"] = error_text(exc)
                else:
                    name = out.filename("pdf")
                    _store(job, name, data)
                    entry["files"].append({"name": name, "size": len(data)})
        except (ReportError, scope.ScopeDenied) as exc:
            entry["error"] = error_text(exc)
        entry["seconds"] = round((clock.now() - started).total_seconds(), 3)
        results.append(entry)
        mark(job, progress_current=n, results=results)


# ---------------------------------------------------------------- 公文 settings and 发文字号
SETTINGS_FIELDS = ("mark", "number_prefix", "printer", "copy_to", "first_number", "first_number_year")


@logs_denials
@transaction.atomic
def save_document_settings(zone, data, *, acting_user):
    """Create or change `zone`'s 公文 settings (the zone must be the user's)."""
    from zonework.core.actions import update_object

    from .models import DocumentSettings

    scope.check_zone(acting_user, "change", DocumentSettings, zone,
                     message=f"您没有权限修改开发区“{zone}”的公文设置：该开发区不在您的数据范围内。")
    values = {k: v for k, v in data.items() if k in SETTINGS_FIELDS}
    existing = DocumentSettings.objects.filter(zone=zone).first()
    if existing is None:
        obj = create_object(DocumentSettings, {"zone": zone, **values}, acting_user=acting_user)
    else:
        obj = update_object(existing, values, acting_user=acting_user)
    record_event("report.document_settings_saved", obj, message=f"保存{obj}")
    return obj


def issue_for(zone, report, *, acting_user):
    """A document with a 版头 takes its 发文字号 when it is downloaded or written by a job."""
    from .official import number_of

    found = number_of(report)
    if found is None:
        return None
    year, number = found
    return issue_number(zone, year, number, title="".join(report.title.lines), text=report.masthead.number,
                        acting_user=acting_user)


@logs_denials
@transaction.atomic
def issue_number(zone, year, number, *, title, text, acting_user):
    """Record that the 发文字号 `number` of `year` went to the document `title`; a reprint of the same
    document keeps its number, another document may not take it."""
    from .models import IssuedNumber

    title = title[:200]
    taken = IssuedNumber.objects.select_for_update().filter(zone=zone, year=year, number=number).first()
    if taken is not None:
        if taken.title == title:
            return taken
        from .official import suggest_number

        raise ReportError(f"发文字号{taken.text}已用于《{taken.title}》，请改用{suggest_number(zone, year)}号。")
    from django.db import IntegrityError

    try:
        with transaction.atomic():  # two downloads at once: the database's unique constraint decides
            issued = create_object(IssuedNumber, {"zone": zone, "year": year, "number": number, "text": text,
                                                  "title": title}, acting_user=acting_user)
    except IntegrityError as exc:
        from .official import suggest_number

        raise ReportError(f"发文字号{text}刚被其他公文使用，请改用{suggest_number(zone, year)}号。") from exc
    record_event("report.number_issued", issued, message=f"发文字号{text}：《{title}》")
    return issued
