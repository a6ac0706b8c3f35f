"""The demo loads, shows a pipeline in 武汉 and requests in several states, and loads again unchanged."""

import io

from django.apps import apps

from zonework.core import demo
from zonework.enterprises.models import Enterprise, ServiceRequest
from zonework.investment.models import InvestmentProject, MajorProject, StageChange


def _load():
    context = demo.load()
    out = io.StringIO()
    apps.get_app_config("investment").load_demo(context, out)
    apps.get_app_config("enterprises").load_demo(context, out)
    return context


def test_demo_is_idempotent_and_shows_every_state(db):
    _load()
    counts = (InvestmentProject.objects.count(), StageChange.objects.count(), MajorProject.objects.count(),
              Enterprise.objects.count(), ServiceRequest.objects.count())
    assert InvestmentProject.objects.values("stage").distinct().count() >= 8
    assert all(e.credit_code and len(e.credit_code) == 18 for e in Enterprise.objects.all())
    assert Enterprise.objects.values("zone").distinct().count() == 5
    lights = {r.status_light for r in ServiceRequest.objects.all()}
    assert {"red", "yellow", "green"} <= lights
    assert set(ServiceRequest.objects.values_list("state", flat=True)) >= {"received", "replied", "handling", "closed"}
    _load()
    assert counts == (InvestmentProject.objects.count(), StageChange.objects.count(), MajorProject.objects.count(),
                      Enterprise.objects.count(), ServiceRequest.objects.count())
