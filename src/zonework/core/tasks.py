"""Celery task sending one Delivery; retried with a growing delay until ZONEWORK_DELIVERY_ATTEMPTS."""

from celery import shared_task
from django.conf import settings

from zonework.core.choices import DeliveryStatus
from zonework.core.context import audit_context


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
