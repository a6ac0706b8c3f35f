"""The leaders' dashboard: cards, lights, charts, plan against actual, links to sources, few queries."""

import json
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zonework.economy import actions

from .factories import ObservationFactory, TargetFactory, indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2013(zone, admin_user):
    """Two 2013 targets (one growth, one level) with monthly figures to May, and 2012 history."""
    output, fai = indicator("industrial_output_above_scale"), indicator("fixed_asset_investment")
    TargetFactory(zone=zone, indicator=output, year=2013, growth_pct=D(20), bound="min")
    TargetFactory(zone=zone, indicator=fai, year=2013, value=D(300), value_unit="亿元", growth_pct=None, bound="exact")
    for month, yoy, ytd in ((2, "22", "60"), (5, "17", "100")):
        ObservationFactory(zone=zone, indicator=output, month=month, yoy_pct=D(yoy), ytd_value=D(900))
        ObservationFactory(zone=zone, indicator=fai, month=month, yoy_pct=D(5), ytd_value=D(ytd))
    TargetFactory(zone=zone, indicator=output, year=2012, growth_pct=D(15), bound="min")
    ObservationFactory(zone=zone, indicator=output, year=2012, month=None, ytd_value=D(2020), yoy_pct=D(20))
    return output, fai


def cards(page):
    return dict(re.findall(r'data-indicator="([^"]+)" data-light="(\w+)"', page))


def test_leader_sees_one_card_per_target_with_its_light(login, leader, zone, year_2013):
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2013").content.decode()
    # 规上工业总产值 grows 17% against a floor of 20%: 3 points short is red; investment is at
    # 100/300 = 33.3% after May against a time share of 41.7%: 8.3 points behind is red too.
    assert cards(page) == {"规模以上工业总产值": "red", "固定资产投资": "red"}
    assert "增长不低于20%" in page and "300亿元" in page and "33.3%" in page
    assert "1-5月" in page
    assert "时序进度" in page  # the rule in words


def test_charts_carry_the_monthly_path(login, leader, zone, year_2013):
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2013&animation=0").content.decode()
    data = json.loads(re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page, re.S)[1])
    fai = next(d for d in data if d["name"] == "固定资产投资")
    assert fai["ytd"][1] == 60 and fai["ytd"][4] == 100 and fai["ytd"][0] is None  # no January
    assert fai["path"][5] == 150  # 300 × 6/12
    assert fai["path"][0] == 24.99  # 300 × 8.33%: the same 时序进度 the light is judged against
    assert "animation = false" in page or "var animation = false" in page
    assert "vendor/echarts/echarts.min.js" in page


def test_plan_against_actual_across_years(login, leader, zone, year_2013):
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2013").content.decode()
    table = page[page.index('id="plan-actual"'):]
    assert "2012年" in table and "2020亿元，增长20%" in table and "✔ 完成" in table


def test_figures_link_to_their_sources(login, leader, zone, year_2013, statistician):
    from zonework.documents.models import SourceDocument

    output, _ = year_2013
    doc = SourceDocument.objects.create(zone=zone, filename="2013年工作要点.txt", sha256="x" * 64, status="committed")
    actions.upsert_target(zone, output, year=2013, fields={"document": doc, "source": "document",
                                                          "provenance": {"article": 0, "start": 10, "end": 20}},
                          acting_user=statistician)
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2013").content.decode()
    assert f"/documents/{doc.pk}/?start=10&amp;end=20#span-10" in page
    assert "/economy/observations/" in page  # figures entered by hand link to their row


def test_dashboard_runs_in_few_queries(login, leader, zone, year_2013):
    client = login(leader)
    client.get(f"/economy/?zone={zone.pk}&year=2013")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/economy/?zone={zone.pk}&year=2013").status_code == 200
    assert len(ctx.captured_queries) <= 25, [q["sql"][:120] for q in ctx.captured_queries]


def test_recurring_target_applies_to_every_year(login, leader, zone):
    TargetFactory(zone=zone, indicator=indicator("gdp"), year=None, recurring=True, growth_pct=D(8), bound="approx")
    ObservationFactory(zone=zone, indicator=indicator("gdp"), year=2020, month=6, yoy_pct=D("7.8"))
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2020").content.decode()
    assert cards(page) == {"地区生产总值": "green"} and "每年" in page


def test_a_year_without_targets_says_so(login, leader, zone):
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2030").content.decode()
    assert "2030年还没有预期目标" in page


def test_anonymous_and_unpermitted_users_are_kept_out(client, login, auditor, zone):
    assert client.get("/economy/").status_code == 302
    assert login(auditor).get("/economy/").status_code == 403


def test_a_zone_outside_scope_is_not_found(login, leader, other_zone):
    assert login(leader).get(f"/economy/?zone={other_zone.pk}").status_code == 404


def test_amounts_in_wan_read_in_yi_on_the_cards(login, leader, zone):
    """A figure kept in 万元 reads as a report writes it: 1100000万元 is 110亿元, 8500万元 stays."""
    big, small = indicator("fixed_asset_investment"), indicator("industrial_output_above_scale")
    TargetFactory(zone=zone, indicator=big, year=2013, value=D(2400000), value_unit="万元", growth_pct=None,
                  bound="min")
    ObservationFactory(zone=zone, indicator=big, month=6, ytd_value=D(1100000), value_unit="万元")
    TargetFactory(zone=zone, indicator=small, year=2013, value=D(9000), value_unit="万元", growth_pct=None,
                  bound="exact")
    ObservationFactory(zone=zone, indicator=small, month=6, ytd_value=D(8500), value_unit="万元")
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2013").content.decode()
    assert ">110亿元</a>" in page and "不低于240亿元" in page
    assert ">8500万元</a>" in page and "9000万元" in page
    assert "1100000万元" not in page


def test_a_years_reported_result_wins_over_decembers_figure(login, leader, zone):
    """The card shows the figure the work summary reports for the year, not December's year-to-date."""
    output = indicator("industrial_output_above_scale")
    TargetFactory(zone=zone, indicator=output, year=2013, value=D(2000), value_unit="亿元", growth_pct=None,
                  bound="min")
    ObservationFactory(zone=zone, indicator=output, month=12, ytd_value=D(1990), yoy_pct=D(19))
    ObservationFactory(zone=zone, indicator=output, month=None, ytd_value=D(2020), yoy_pct=D(20))
    page = login(leader).get(f"/economy/?zone={zone.pk}&year=2013").content.decode()
    assert ">2020亿元</a>" in page and ">1990亿元</a>" not in page
    assert cards(page) == {"规模以上工业总产值": "green"}
