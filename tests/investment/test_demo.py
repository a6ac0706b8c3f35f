"""The demo loads a pipeline in 武汉 with every stage, and loads again unchanged."""

import io

from django.apps import apps

from zonework.core import demo
from zonework.investment.models import InvestmentProject, MajorProject, StageChange


def _load():
    context = demo.load()
    apps.get_app_config("investment").load_demo(context, io.StringIO())
    return context


def _counts():
    return InvestmentProject.objects.count(), StageChange.objects.count(), MajorProject.objects.count()


def test_demo_is_idempotent_and_shows_every_stage(db):
    _load()
    counts = _counts()
    assert InvestmentProject.objects.values("stage").distinct().count() >= 8
    assert MajorProject.objects.exists()
    _load()
    assert _counts() == counts
