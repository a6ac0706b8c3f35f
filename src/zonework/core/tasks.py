"""Background tasks of core: run a submitted job, the watchdog (Celery beat), and sending one Delivery
(retried with a growing delay until ZONEWORK_DELIVERY_ATTEMPTS)."""

from celery import shared_task
from django.conf import settings

from zonework.celery import app
from zonework.core.choices import DeliveryStatus
from zonework.core.context import audit_context


@app.task(name="core.run_job")
def run_job_task(job_id):
    from zonework.core import jobs

    record = jobs.run(job_id)
    return {"id": job_id, "status": getattr(record, "status", None)}


@app.task(name="core.watchdog")
def watchdog_task():
    from zonework.core import jobs

    return jobs.watchdog()


@shared_task(bind=True, name="core.deliver_message", max_retries=None)
def deliver_task(self, delivery_id):
    from zonework.core import delivery

    with audit_context(source="celery"):
        while True:
            row = delivery.attempt(delivery_id)
            if row is None or row.status != DeliveryStatus.FAILED or row.attempts >= delivery.max_attempts():
                return row.status if row is not None else None
            if not self.request.is_eager:
                raise self.retry(countdown=getattr(settings, "ZONEWORK_DELIVERY_RETRY_SECONDS", 60) * row.attempts)
            # Eager (demo, tests): no worker to come back later, so the retries follow at once.
