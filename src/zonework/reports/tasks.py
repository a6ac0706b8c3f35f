"""Background jobs of the reports app (Celery; eager in the embedded default and in tests)."""

import logging

from zonework.celery import app
from zonework.core import clock

logger = logging.getLogger(__name__)


@app.task(name="reports.run_report_job")
def run_report_job(job_id):
    from .actions import mark, run_job
    from .choices import JobStatus
    from .models import ReportJob

    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None:
        return None
    try:
        run_job(job)
    except Exception as exc:  # noqa: BLE001  - a failed job says why instead of staying "running"
        logger.exception("report job %s failed", job_id)
        mark(job, status=JobStatus.FAILED, finished_at=clock.now(), error=f"生成失败：{exc}")
    return job.status
