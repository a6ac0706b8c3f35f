"""Sending messages through the configured channels (core/channels), after the event has committed.

`queue(messages)` writes a Delivery row per (message, channel) the channel can reach (a group robot:
one row per event) and schedules the Celery task on commit; `attempt(delivery_id)` sends one row
once. A row already sent is never sent again: the task claims the row under a lock first, so a
retry, a duplicate task or the admin's 重试 cannot send a message twice.
"""

import logging

from django.conf import settings
from django.db import transaction

from zonework.core.channels import configured_channels, get_channel
from zonework.core.choices import DeliveryStatus

log = logging.getLogger(__name__)


def max_attempts():
    return max(1, int(getattr(settings, "ZONEWORK_DELIVERY_ATTEMPTS", 3)))


def queue(messages):
    from zonework.core.models import Delivery

    channels = configured_channels()
    if not channels:
        return []
    rows = []
    for channel in channels:
        for message in messages:
            if not channel.wants(message):
                continue
            if channel.per_event and Delivery.objects.filter(channel=channel.name,
                                                             message__event_key=message.event_key).exists():
                continue
            address = channel.address(message)
            status = DeliveryStatus.PENDING if address else DeliveryStatus.SKIPPED
            row, created = Delivery.objects.get_or_create(message=message, channel=channel.name,
                                                          defaults={"address": address[:300], "status": status})
            if created and status == DeliveryStatus.PENDING:
                rows.append(row.pk)
    schedule(rows)
    return rows


def schedule(delivery_ids):
    if not delivery_ids:
        return
    from zonework.core.tasks import deliver_task

    for pk in delivery_ids:
        # robust: a broker that is down must not undo the committed event; the row stays pending.
        transaction.on_commit(lambda pk=pk: deliver_task.delay(pk), robust=True)


def attempt(delivery_id):
    """One try at one delivery; returns the row afterwards (None when there was nothing to send)."""
    from zonework.core import actions
    from zonework.core.models import Message

    row = actions.claim_delivery(delivery_id)
    if row is None:
        return None
    channel = get_channel(row.channel)
    if channel is None:
        return actions.finish_delivery(row, error=f"渠道“{row.channel}”已不在配置（ZONEWORK_CHANNELS）中")
    message = row.message
    if channel.per_event:
        message.event_recipients = [str(m.recipient) for m in Message.objects.filter(event_key=message.event_key)
                                    .select_related("recipient").order_by("recipient__username")]
    try:
        channel.send(message, row.address)
    except Exception as exc:  # any failure of the far end is recorded on the row and retried
        log.warning("delivery %s via %s failed: %s", row.pk, row.channel, exc)
        return actions.finish_delivery(row, error=f"{exc.__class__.__name__}：{exc}")
    return actions.finish_delivery(row)


def failed_deliveries():
    from zonework.core.models import Delivery

    return Delivery.objects.filter(status__in=(DeliveryStatus.FAILED, DeliveryStatus.SENDING)) \
        .select_related("message", "message__recipient").order_by("-updated_at", "-id")
