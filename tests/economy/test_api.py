"""The economy API: the same data scope as the pages; filters by zone, year and indicator."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from zonework.documents.models import SourceDocument

from .factories import ObservationFactory, TargetFactory, indicator

pytestmark = pytest.mark.django_db


def test_targets_filter_by_zone_year_and_indicator(api_client, leader, zone):
    TargetFactory(zone=zone, indicator=indicator("gdp"), year=2013)
    TargetFactory(zone=zone, indicator=indicator("gdp"), year=2014)
    TargetFactory(zone=zone, indicator=indicator("tax_revenue"), year=2013)
    api_client.force_authenticate(leader)
    rows = api_client.get(f"/api/economy/targets/?zone={zone.pk}&year=2013").json()["results"]
    assert sorted(r["indicator_name"] for r in rows) == ["地区生产总值", "税收收入"]
    rows = api_client.get("/api/economy/targets/?indicator_name=地区生产总值").json()["results"]
    assert [r["year"] for r in rows] == [2014, 2013]


def test_observations_respect_the_data_scope(api_client, unit_user, zone, other_zone):
    ObservationFactory(zone=zone, indicator=indicator("gdp"))
    ObservationFactory(zone=other_zone, indicator=indicator("gdp"))
    api_client.force_authenticate(unit_user)
    rows = api_client.get("/api/economy/observations/").json()["results"]
    assert [r["zone"] for r in rows] == [zone.pk]
    assert api_client.get("/api/economy/observations/?yearly=true").json()["count"] == 0


def test_unit_users_may_not_write_through_the_api(api_client, unit_user, zone):
    api_client.force_authenticate(unit_user)
    response = api_client.post("/api/economy/targets/", {"zone": zone.pk, "indicator": indicator("gdp").pk,
                                                         "year": 2013, "growth_pct": "8"}, format="json")
    assert response.status_code == 403


def test_statistician_posts_an_observation_with_chinese_errors(api_client, statistician, zone):
    api_client.force_authenticate(statistician)
    url = "/api/economy/observations/"
    response = api_client.post(url, {"zone": zone.pk, "indicator": indicator("gdp").pk, "year": 2013, "month": 6,
                                     "ytd_value": "120.5", "yoy_pct": "8.1"}, format="json")
    assert response.status_code == 201, response.content
    assert D(response.json()["ytd_value"]) == D("120.5")
    response = api_client.post(url, {"zone": zone.pk, "indicator": indicator("gdp").pk, "year": 2013, "month": 6,
                                     "ytd_value": "1"}, format="json")
    assert response.status_code == 400 and "已有数据" in response.content.decode()


def test_indicators_are_listed(api_client, leader):
    api_client.force_authenticate(leader)
    names = [r["name"] for r in api_client.get("/api/economy/indicators/?limit=100").json()["results"]]
    assert "规模以上工业总产值" in names


def test_seed_000_import_lists_the_seven_2013_targets(api_client, shared_dir, admin_user, leader, zone, capsys):
    seed = next((shared_dir / "seeds").glob("000_*.txt"))
    call_command("import", str(seed), zone="武汉经济技术开发区", commit=True)
    assert SourceDocument.objects.get().status == "committed"
    api_client.force_authenticate(leader)
    rows = api_client.get(f"/api/economy/targets/?zone={zone.pk}&year=2013").json()["results"]
    assert len(rows) == 7
    output = next(r for r in rows if r["indicator_name"] == "规模以上工业总产值")
    assert D(output["growth_pct"]) == 20 and output["bound"] == "min" and output["value"] is None
    assert output["provenance"]["sentence"].startswith("2013年开发区经济社会发展主要预期目标")
    assert output["source_url"].startswith(f"/documents/{output['document']}/?start=")
    # The 2012 results arrive as yearly observations, growth as reported.
    rows = api_client.get(f"/api/economy/observations/?zone={zone.pk}&year=2012&yearly=true").json()["results"]
    by_name = {r["indicator_name"]: r for r in rows}
    assert D(by_name["规模以上工业总产值"]["ytd_value"]) == 2020 and D(by_name["规模以上工业总产值"]["yoy_pct"]) == 20

