"""Committing a read document's projects creates InvestmentProjects with amount and provenance."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from zonework.core import clock
from zonework.investment.actions import commit_document_projects
from zonework.investment.models import InvestmentProject

RECORDS = [
    {"name": "东风雷诺整车项目", "investment": 65, "unit": "亿元",
     "provenance": {"article": 3, "start": 120, "end": 140, "sentence": "总投资65亿元的东风雷诺整车项目开工建设"}},
    {"name": "某外资零部件项目", "investment": 1.5, "unit": "亿美元", "provenance": {"article": 4}},
]


def test_projects_are_created_signed_with_amount_and_provenance(zone, units, admin_user):
    doc = SimpleNamespace(pk=7, zone=zone, report_year=2017, plan_year=2018)
    summary = commit_document_projects(doc, RECORDS, acting_user=admin_user, options={})
    assert summary == "新建招商项目2个"
    p = InvestmentProject.objects.get(name="东风雷诺整车项目")
    assert (p.agreed_investment, p.currency, p.stage, p.unit) == (Decimal(650000), "CNY", "signed", units["invest"])
    assert p.stage_date == datetime.date(2017, 12, 31)
    assert p.provenance["document"] == 7 and p.provenance["sentence"].startswith("总投资65亿元")
    assert p.provenance["amount_text"] == "65亿元"
    usd = InvestmentProject.objects.get(name="某外资零部件项目")
    assert (usd.agreed_investment, usd.currency) == (Decimal(15000), "USD")
    # Committing again does not count the projects twice.
    assert commit_document_projects(doc, RECORDS, acting_user=admin_user, options={}).endswith("已存在未重复导入2个")
    assert InvestmentProject.objects.count() == 2


def test_stage_and_unit_chosen_at_review(zone, units, admin_user):
    doc = SimpleNamespace(pk=8, zone=zone)
    commit_document_projects(doc, RECORDS[:1], acting_user=admin_user,
                             options={"project_stage": "construction", "unit": units["econ"].pk})
    p = InvestmentProject.objects.get()
    assert (p.stage, p.unit, p.stage_date) == ("construction", units["econ"], clock.today())


def test_a_bad_record_saves_nothing(zone, units, admin_user):
    doc = SimpleNamespace(pk=9, zone=zone)
    bad = [*RECORDS, {"name": "坏记录", "investment": -3, "unit": "亿元"}]
    with pytest.raises(ValidationError, match="第3条记录（坏记录）：投资额不能为负数"):
        commit_document_projects(doc, bad, acting_user=admin_user, options={})
    assert not InvestmentProject.objects.exists()


def test_seed_000_yields_dongfeng_renault(zone, units, admin_user, shared_dir):
    try:
        from zonework.reading import read_path
    except ImportError as exc:
        pytest.skip(f"the reader is not ready: {exc}")
    seed = next(iter(sorted((shared_dir / "seeds").glob("000_*.txt"))), None)
    if seed is None:
        pytest.skip("seed 000 is missing")
    result = read_path(seed)
    records = getattr(result, "projects", None)
    if records is None and isinstance(result, dict):
        records = result.get("projects")
    if not records:
        pytest.skip("the reader gives no projects yet")
    commit_document_projects(SimpleNamespace(pk=1, zone=zone), records, acting_user=admin_user, options={})
    p = InvestmentProject.objects.get(name="东风雷诺整车项目")
    assert (p.agreed_investment, p.currency) == (Decimal(650000), "CNY")
    assert InvestmentProject.objects.count() > 1, "among others"


def test_registered_as_the_documents_projects_committer():
    from django.apps import apps

    if not apps.is_installed("zonework.documents"):
        pytest.skip("the documents app is not installed")
    from zonework.documents.committers import committer

    entry = committer("projects")
    assert entry is not None and entry.func is commit_document_projects and entry.label == "招商项目"


def test_plan_document_dates_projects_at_the_start_of_its_year(zone, units, admin_user):
    doc = SimpleNamespace(pk=10, zone=zone, report_year=None, plan_year=2019)
    commit_document_projects(doc, RECORDS[:1], acting_user=admin_user, options={})
    assert InvestmentProject.objects.get().stage_date == datetime.date(2019, 1, 1)
