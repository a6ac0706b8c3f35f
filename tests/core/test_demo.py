"""The demo on a user's machine: the repository only, no seed reports beside it."""

import io

import pytest
from django.core.management import call_command

from zonework.core.models import User, Zone


@pytest.mark.django_db
def test_demo_builds_every_module_without_the_seed_reports_and_runs_twice(tmp_path, monkeypatch, settings):
    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports-here"))
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())
    text = out.getvalue()
    assert "zhaoshang" in text and "Zonework@2026" in text
    assert Zone.objects.filter(name="武汉经济技术开发区").exists()
    assert User.objects.filter(username="auditor", roles__code="auditor").exists()
    from django.apps import apps

    wuhan = Zone.objects.get(name="武汉经济技术开发区")
    if apps.is_installed("zonework.economy"):
        from zonework.economy.models import Observation, Target

        assert Target.objects.filter(zone=wuhan).exists()
        assert Observation.objects.filter(zone=wuhan, year=2013, month__isnull=False).exists()
    if apps.is_installed("zonework.work"):
        from zonework.work.models import Plan

        plan = Plan.objects.get(zone=wuhan)
        assert plan.tasks.filter(parent__isnull=True).count() == 14
    if apps.is_installed("zonework.investment"):
        from zonework.investment.models import InvestmentProject

        assert InvestmentProject.objects.filter(zone=wuhan).count() >= 10


@pytest.mark.django_db
def test_every_printed_demo_login_works_in_one_step(tmp_path, monkeypatch, settings):
    from django.test import Client

    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports-here"))
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ZONEWORK_PASSWORD_MAX_AGE_DAYS = 90
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "首次登录时修改密码" in text
    logins = [line.split()[:2] for line in text.splitlines() if "Zonework@2026" in line and line.startswith("  ")]
    assert len(logins) >= 8
    for username, password in logins:
        client = Client()
        assert client.post("/login/", {"username": username, "password": password}).status_code == 302, username
        assert client.get("/").status_code == 200, username
