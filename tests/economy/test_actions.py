"""Indicators, targets and observations: the catalogue, the rules, the audit trail, the data scope."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from zonework.core.models import AuditEntry
from zonework.core.scope import ScopeDenied, restrict
from zonework.economy import actions
from zonework.economy.catalogue import IndicatorMatcher, sync_catalogue
from zonework.economy.models import Indicator, Observation, Target, TrackedIndicator

from .factories import TargetFactory, indicator

pytestmark = pytest.mark.django_db


def test_catalogue_is_seeded_with_price_basis_and_aliases():
    gdp = indicator("gdp")
    assert gdp.name == "地区生产总值" and gdp.price_basis == "comparable" and "GDP" in gdp.aliases
    assert indicator("fixed_asset_investment").price_basis == "current"
    assert indicator("energy_per_gdp").higher_is_better is False
    assert sync_catalogue() == 0  # already in step: a second sync writes nothing


def test_admin_changes_survive_a_sync(admin_user):
    gdp = indicator("gdp")
    actions.update_indicator(gdp, {"aliases": ["本区GDP"], "unit": "万元"}, acting_user=admin_user)
    sync_catalogue()
    gdp.refresh_from_db()
    assert gdp.unit == "万元" and "本区GDP" in gdp.aliases and "地区GDP" in gdp.aliases


def test_names_as_written_map_to_indicators():
    m = IndicatorMatcher()
    assert m.match("地方一般预算收入").code == "general_budget_revenue"
    assert m.match("全区规上工业总产值").code == "industrial_output_above_scale"
    assert m.match("幸福指数") is None


def test_admin_adds_an_indicator(admin_user):
    row = actions.create_indicator({"name": "高新技术产业产值", "aliases": ["高新产值"], "unit": "亿元"},
                                   acting_user=admin_user)
    assert IndicatorMatcher().match("高新产值") == row
    with pytest.raises(ValidationError) as exc:
        actions.create_indicator({"name": "高新技术产业产值"}, acting_user=admin_user)
    assert "已有同名指标" in str(exc.value)


def test_target_needs_a_year_and_a_value_or_rate(admin_user, zone):
    with pytest.raises(ValidationError) as exc:
        actions.create_target({"zone": zone, "indicator": indicator("gdp"), "year": None}, acting_user=admin_user)
    assert "请填写目标年份" in str(exc.value) and "至少填写一项" in str(exc.value)


def test_creating_a_target_tracks_its_indicator_and_is_audited(admin_user, zone):
    t = actions.create_target({"zone": zone, "indicator": indicator("gdp"), "year": 2013, "growth_pct": D(10),
                               "bound": "min"}, acting_user=admin_user)
    assert TrackedIndicator.objects.filter(zone=zone, indicator=t.indicator).exists()
    entry = AuditEntry.objects.filter(object_id=str(t.pk), action="create").latest("pk")
    assert entry.user == admin_user


def test_one_target_per_zone_indicator_and_year(admin_user, zone):
    TargetFactory(zone=zone, indicator=indicator("gdp"), year=2013)
    with pytest.raises(ValidationError) as exc:
        actions.create_target({"zone": zone, "indicator": indicator("gdp"), "year": 2013, "growth_pct": D(9)},
                              acting_user=admin_user)
    assert "已有这一年" in str(exc.value)


def test_observation_month_must_be_a_month(admin_user, zone):
    with pytest.raises(ValidationError) as exc:
        actions.create_observation({"zone": zone, "indicator": indicator("gdp"), "year": 2013, "month": 13,
                                    "ytd_value": D(1)}, acting_user=admin_user)
    assert "12" in str(exc.value)
    assert Observation.objects.count() == 0


def test_growth_is_stored_as_reported(admin_user, zone):
    obs, _ = actions.upsert_observation(zone, indicator("gdp"), year=2013, month=6, fields={
        "ytd_value": D(100), "yoy_pct": D("7.6")}, acting_user=admin_user)
    obs, created = actions.upsert_observation(zone, indicator("gdp"), year=2013, month=6, fields={
        "ytd_value": D(120)}, acting_user=admin_user)
    assert not created and obs.yoy_pct == D("7.6")  # never recomputed from the values


def test_writes_outside_the_users_zones_are_refused_and_logged(statistician, other_zone):
    with pytest.raises(ScopeDenied):
        actions.upsert_observation(other_zone, indicator("gdp"), year=2013, month=6, fields={"ytd_value": D(1)},
                                   acting_user=statistician)
    assert Observation.objects.count() == 0
    assert AuditEntry.objects.filter(action="denied", event="upsert_observation").exists()


def test_zone_level_figures_are_visible_to_unit_users_of_the_zone_only(unit_user, zone, other_zone):
    TargetFactory(zone=zone, indicator=indicator("gdp"))
    TargetFactory(zone=other_zone, indicator=indicator("gdp"))
    assert list(restrict(Target.objects.all(), unit_user).values_list("zone", flat=True)) == [zone.pk]


def test_unit_users_cannot_write_targets(unit_user, zone):
    with pytest.raises(ScopeDenied):
        actions.create_target({"zone": zone, "indicator": indicator("gdp"), "year": 2013, "growth_pct": D(9)},
                              acting_user=unit_user)


def test_indicator_pages_list_and_edit(login, admin_user):
    client = login(admin_user)
    assert "地区生产总值" in client.get("/economy/indicators/").content.decode()
    response = client.post("/economy/indicators/add/", {"name": "专利授权量", "unit": "件", "kind": "stock",
                                                        "sort_order": 1, "aliases": "发明专利、专利数"})
    assert response.status_code == 302
    assert Indicator.objects.get(name="专利授权量").aliases == ["发明专利", "专利数"]


def test_target_and_observation_pages(login, admin_user, zone):
    client = login(admin_user)
    gdp = indicator("gdp")
    response = client.post("/economy/targets/add/", {"zone": zone.pk, "indicator": gdp.pk, "year": 2014,
                                                     "growth_pct": "9", "bound": "approx"})
    assert response.status_code == 302
    assert Target.objects.filter(zone=zone, indicator=gdp, year=2014, growth_pct=9).exists()
    listed = client.get("/economy/targets/").content.decode()
    assert "地区生产总值" in listed and "2014" in listed
    response = client.post("/economy/observations/add/", {"zone": zone.pk, "indicator": gdp.pk, "year": 2014,
                                                          "month": 13, "ytd_value": "5"})
    assert response.status_code == 200 and Observation.objects.count() == 0
    export = client.get("/economy/observations/?export=xlsx")
    assert export.status_code == 200
