"""Background jobs: long work (Excel imports, reading) runs in a Celery worker, never in the web
request; eager (in-process) in the embedded default and in tests, as settings.CELERY_TASK_ALWAYS_EAGER.

    @jobs.job("导入企业")
    def import_enterprises(file, *, zone, acting_user): ...

    job = jobs.submit(import_enterprises, upload, zone=zone, acting_user=user, return_url=...)

The function runs with the job's file, zone and submitter; it may call `jobs.progress(done, total)`
(a no-op outside a job); a ValidationError or a refused permission fails the job with its Chinese
messages. The watchdog (`zonework watchdog`, Celery beat every few minutes) fails a job, or a
document, that made no progress for ZONEWORK_JOB_TIMEOUT_MINUTES: a worker that died leaves nothing
"in progress" for ever.
"""

import contextvars
import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.module_loading import import_string

from zonework.core import clock
from zonework.core.models import Job, JobStatus
from zonework.core.validation import error_messages

log = logging.getLogger(__name__)

_current = contextvars.ContextVar("zonework_job", default=None)
_watchdogs = []
# Progress is written at most this often (a 20,000-row import would otherwise write 20,000 times).
PROGRESS_EVERY = datetime.timedelta(seconds=1)


def job(label):
    """Mark a function as runnable as a job: only marked functions are ever run by name."""

    def mark(func):
        func.job_label = label
        func.job_kind = f"{func.__module__}.{func.__qualname__}"
        return func

    return mark


def timeout():
    return datetime.timedelta(minutes=getattr(settings, "ZONEWORK_JOB_TIMEOUT_MINUTES", 30))


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) and user.pk else None


def submit(func, upload=None, *, zone=None, acting_user=None, params=None, return_url=""):
    """Queue `func` as a job and return the Job (already finished when Celery is eager)."""
    kind = getattr(func, "job_kind", None)
    if kind is None:
        raise TypeError(f"{func!r} is not marked with @jobs.job")
    record = Job(kind=kind, label=func.job_label, zone=zone, created_by=_user(acting_user),
                 params=dict(params or {}), return_url=return_url[:300])
    if upload is not None:
        name = (getattr(upload, "name", "") or "文件").rsplit("/", 1)[-1]
        record.filename = name[:255]
        if hasattr(upload, "seek"):
            upload.seek(0)
        record.file.save(name[-100:], ContentFile(upload.read()), save=False)
    record.save()
    from zonework.core.tasks import run_job_task

    if transaction.get_connection().in_atomic_block and not settings.CELERY_TASK_ALWAYS_EAGER:
        # A worker must not look for the row before it is committed.
        transaction.on_commit(lambda: run_job_task.delay(record.pk))
    else:
        run_job_task.delay(record.pk)
    record.refresh_from_db()
    return record


def _set(record, **fields):
    Job.objects.filter(pk=record.pk).update(**fields)
    for name, value in fields.items():
        setattr(record, name, value)


def progress(done, total):
    """Report how far the current job got (nothing happens outside a job)."""
    state = _current.get()
    if state is None:
        return
    record, last = state
    now = clock.now()
    if last is not None and now - last < PROGRESS_EVERY and done < total:
        return
    _current.set((record, now))
    _set(record, progress=min(99, max(1, int(done * 100 / max(total, 1)))), heartbeat_at=now)


def run(job_id):
    """Run a queued job (the body of the Celery task). Never raises: a failure is the job's state."""
    from zonework.core.models import User

    started = clock.now()
    # Claimed in one statement, so that a task delivered twice runs once.
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=started, heartbeat_at=started, progress=1)
    if not claimed:
        return None  # already run, or failed by the watchdog
    record = Job.objects.get(pk=job_id)
    token = _current.set((record, None))
    try:
        func = import_string(record.kind)
        if getattr(func, "job_kind", None) != record.kind:
            raise PermissionDenied(f"“{record.kind}”不是可运行的后台任务。")
        acting_user = User.objects.filter(pk=record.created_by_id).first() if record.created_by_id else None
        kwargs = {"zone": record.zone, "acting_user": acting_user, **record.params}
        if record.file:
            # Under the name it was uploaded with, which the messages quote.
            with record.file.storage.open(record.file.name, "rb") as raw:
                result = func(File(raw, name=record.filename), **kwargs)
        else:
            result = func(**kwargs)
    except (ValidationError, PermissionDenied) as exc:
        _finish(record, JobStatus.FAILED, errors=error_messages(exc), message="未完成，未保存任何数据。")
    except Exception as exc:  # a bug must fail the job, not leave it 进行中
        log.exception("job %s (%s) failed", record.pk, record.kind)
        _finish(record, JobStatus.FAILED, errors=[f"处理时出错：{exc.__class__.__name__}：{exc}"],
                message="未完成，未保存任何数据。")
    else:
        result = result if isinstance(result, dict) else {"result": result}
        message = result.get("message") or (
            f"完成：新增{result['created']}条，更新{result['updated']}条。" if {"created", "updated"} <= set(result)
            else "完成。")
        _finish(record, JobStatus.DONE, result=_plain(result), message=message)
    finally:
        _current.reset(token)
        if record.file:
            # The uploaded sheet was only the job's input; what it changed is in the audit log.
            record.file.delete(save=False)
            Job.objects.filter(pk=record.pk).update(file="")
    return record


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def _finish(record, status, **fields):
    now = clock.now()
    _set(record, status=status, progress=100, finished_at=now, heartbeat_at=now, **fields)


def register_watchdog(func):
    """`func(older_than)` fails what is stuck since before `older_than`; returns how many."""
    if func not in _watchdogs:
        _watchdogs.append(func)
    return func


def fail_stuck_jobs(older_than):
    minutes = int(timeout().total_seconds() // 60)
    count = 0
    for record in Job.objects.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING)):
        last = record.heartbeat_at or record.created_at
        if last < older_than:
            reason = (f"超过{minutes}分钟没有进展（处理进程可能已中断），已标记为失败；"
                      f"没有保存任何数据，请重新提交。")
            updated = Job.objects.filter(pk=record.pk, status=record.status).update(
                status=JobStatus.FAILED, errors=[reason], message="已超时。", finished_at=clock.now())
            count += updated
    return count


def watchdog():
    """Fail every job and document stuck past the timeout; returns {what: how many}."""
    older_than = clock.now() - timeout()
    counts = {"后台任务": fail_stuck_jobs(older_than)}
    for func in _watchdogs:
        counts[getattr(func, "watchdog_label", func.__name__)] = func(older_than)
    return counts
