"""The demo shows enterprises in every zone and requests in several states, and loads again unchanged
(with the enterprises app alone: it needs only core)."""

import io

from django.apps import apps

from zonework.core import demo
from zonework.enterprises.models import Enterprise, ServiceRequest


def _load():
    context = demo.load()
    apps.get_app_config("enterprises").load_demo(context, io.StringIO())
    return context


def test_demo_is_idempotent_and_shows_every_state(db):
    _load()
    counts = (Enterprise.objects.count(), ServiceRequest.objects.count())
    assert all(e.credit_code and len(e.credit_code) == 18 for e in Enterprise.objects.all())
    assert Enterprise.objects.values("zone").distinct().count() == 5
    assert Enterprise.objects.filter(industry__isnull=False).exists()
    lights = {r.status_light for r in ServiceRequest.objects.all()}
    assert {"red", "yellow", "green"} <= lights
    assert set(ServiceRequest.objects.values_list("state", flat=True)) >= {"received", "replied", "handling", "closed"}
    _load()
    assert counts == (Enterprise.objects.count(), ServiceRequest.objects.count())
