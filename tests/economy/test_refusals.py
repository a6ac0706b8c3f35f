"""The future and the impossible are refused: statistics of a month not over or a year not begun, and
negative levels. Each way in (the observation form, the monthly template upload, its commit, manual
entry, the API) shows the Chinese message and stores nothing; next year's targets stay allowed."""

import datetime
import importlib
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from zonework.core import clock
from zonework.economy import actions
from zonework.economy.catalogue import may_be_negative
from zonework.economy.models import Indicator, Observation, StatisticsUpload, Target

from .factories import TrackedIndicatorFactory, indicator
from .test_statistics import download, errors_after, fill, upload

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Days where "this month" and "this year" are easy to get wrong: the last day of a year, the first
# minutes of the next (already 01-01 in the zone while UTC is still on 12-31), and a leap day.
EDGE_DAYS = [
    datetime.datetime(2026, 12, 31, 23, 0, tzinfo=SHANGHAI),
    datetime.datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI),
    datetime.datetime(2028, 2, 29, 10, 0, tzinfo=SHANGHAI),
]


@pytest.fixture(params=EDGE_DAYS, ids=lambda d: d.date().isoformat())
def frozen(request):
    with time_machine.travel(request.param, tick=False):
        yield clock.today()


def previous_month(today):
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


# --- the rule, at the action every way in goes through ---------------------------------------


def test_this_months_figure_is_refused_and_last_months_accepted(frozen, statistician, zone):
    gdp = indicator("gdp")
    with pytest.raises(ValidationError) as refused:
        actions.upsert_observation(zone, gdp, year=frozen.year, month=frozen.month,
                                   fields={"ytd_value": D("10")}, acting_user=statistician)
    assert f"{frozen.year}年{frozen.month}月尚未结束" in " ".join(refused.value.messages)
    assert not Observation.objects.exists()
    year, month = previous_month(frozen)
    actions.upsert_observation(zone, gdp, year=year, month=month, fields={"ytd_value": D("10")},
                               acting_user=statistician)
    assert Observation.objects.filter(year=year, month=month).count() == 1


def test_a_result_for_a_year_not_begun_is_refused_but_the_years_own_summary_may_report_it(frozen, statistician,
                                                                                           zone):
    gdp = indicator("gdp")
    with pytest.raises(ValidationError) as refused:
        actions.upsert_observation(zone, gdp, year=frozen.year + 1, month=None, fields={"ytd_value": D("10")},
                                   acting_user=statistician)
    assert f"{frozen.year + 1}年尚未到来" in " ".join(refused.value.messages)
    assert not Observation.objects.exists()
    # The 工作总结 written in December states the year's result before the year is out.
    actions.upsert_observation(zone, gdp, year=frozen.year, month=None, fields={"ytd_value": D("10")},
                               acting_user=statistician)
    assert Observation.objects.filter(year=frozen.year, month__isnull=True).count() == 1


def test_next_years_targets_may_be_set_ahead(frozen, api_client, supervisor, zone):
    api_client.force_authenticate(supervisor)
    response = api_client.post("/api/economy/targets/", {"zone": zone.pk, "indicator": indicator("gdp").pk,
                                                         "year": frozen.year + 1, "growth_pct": "8"}, format="json")
    assert response.status_code == 201, response.content.decode()
    assert Target.objects.filter(year=frozen.year + 1).count() == 1


# --- the observation form --------------------------------------------------------------------


def test_the_observation_form_refuses_this_month_and_next_year(frozen, login, statistician, zone):
    client = login(statistician)
    gdp = indicator("gdp")
    page = client.post("/economy/observations/add/", {"zone": zone.pk, "indicator": gdp.pk, "year": frozen.year,
                                                      "month": frozen.month, "ytd_value": "12"}).content.decode()
    assert f"{frozen.year}年{frozen.month}月尚未结束" in page
    page = client.post("/economy/observations/add/", {"zone": zone.pk, "indicator": gdp.pk,
                                                      "year": frozen.year + 1, "ytd_value": "12"}).content.decode()
    assert f"{frozen.year + 1}年尚未到来" in page
    assert not Observation.objects.exists()


# --- the monthly template: preview, commit, manual entry -------------------------------------


def test_uploading_this_months_template_is_refused_before_the_preview(frozen, login, statistician, zone, tracked):
    client = login(statistician)
    wb = fill(download(client, zone, frozen.year, frozen.month), {5: (410, 1018, 21.5)})
    page = errors_after(client, upload(client, zone, frozen.year, frozen.month, wb))
    assert f"{frozen.year}年{frozen.month}月尚未结束" in page and "未保存任何数据" in page
    assert not StatisticsUpload.objects.exists() and not Observation.objects.exists()


def test_committing_an_upload_of_a_month_not_over_is_refused(login, statistician, zone, tracked):
    """An upload staged by an older version, or written by hand, cannot be committed early either."""
    today = clock.today()
    staged = StatisticsUpload.objects.create(zone=zone, year=today.year, month=today.month, rows=[
        {"row": 5, "indicator_id": tracked[0].pk, "indicator": tracked[0].name, "unit": "亿元",
         "month_value": "1", "ytd_value": "2", "yoy_pct": "3"}])
    client = login(statistician)
    response = client.post(f"/economy/uploads/{staged.pk}/", follow=True)
    assert f"{today.year}年{today.month}月尚未结束" in response.content.decode()
    staged.refresh_from_db()
    assert staged.status == "staged" and not Observation.objects.exists()


def test_the_statistics_page_of_this_month_offers_no_entry_and_refuses_a_post(frozen, login, statistician, zone,
                                                                             tracked):
    client = login(statistician)
    url = f"/economy/statistics/{frozen.year}/{frozen.month}/?zone={zone.pk}"
    page = client.get(url).content.decode()
    assert 'id="not-yet"' in page and 'id="upload-form"' not in page
    page = client.post(url, {"zone": zone.pk, f"ytd_value-{tracked[0].pk}": "5"}).content.decode()
    assert f"{frozen.year}年{frozen.month}月尚未结束" in page
    assert not Observation.objects.exists()


def test_the_statistics_page_opens_on_the_last_month_gone_by(frozen, login, statistician, zone, tracked):
    year, month = previous_month(frozen)
    page = login(statistician).get(f"/economy/statistics/?zone={zone.pk}").content.decode()
    assert f"{year}年{month}月" in page or f"{year}年1-{month}月" in page
    assert 'id="not-yet"' not in page and 'id="upload-form"' in page


# --- the API ---------------------------------------------------------------------------------


def test_the_api_refuses_this_months_figure_with_a_chinese_message(frozen, api_client, statistician, zone):
    api_client.force_authenticate(statistician)
    response = api_client.post("/api/economy/observations/", {
        "zone": zone.pk, "indicator": indicator("gdp").pk, "year": frozen.year, "month": frozen.month,
        "ytd_value": "120.5"}, format="json")
    assert response.status_code == 400
    assert f"{frozen.year}年{frozen.month}月尚未结束" in response.json()["month"][0]
    response = api_client.post("/api/economy/observations/", {
        "zone": zone.pk, "indicator": indicator("gdp").pk, "year": frozen.year + 1, "ytd_value": "1"}, format="json")
    assert response.status_code == 400 and "尚未到来" in response.json()["year"][0]
    assert not Observation.objects.exists()


# --- negative values -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "unit", "expected"), [
    ("规模以上工业增加值增速", "", True),
    ("固定资产投资同比增长", "", True),
    ("研发经费投入强度", "%", True),
    ("规模以上工业总产值", "亿元", False),
    ("高新技术企业数", "家", False),
])
def test_which_indicators_may_be_negative(name, unit, expected):
    assert may_be_negative(name, unit) is expected


def test_seeded_levels_refuse_negatives_and_new_rates_accept_them(admin_user):
    assert Indicator.objects.filter(code="industrial_output_above_scale", allows_negative=False).exists()
    rate = actions.create_indicator({"name": "工业投资增速", "unit": "%"}, acting_user=admin_user)
    assert rate.allows_negative is True


def test_the_data_migration_marks_existing_rate_indicators():
    migration = importlib.import_module("zonework.economy.migrations.0002_indicator_allows_negative")
    rate = Indicator.objects.create(name="出口增速", unit="%", allows_negative=False)
    level = Indicator.objects.create(name="出口企业数", unit="家", allows_negative=False)
    migration.mark_rates(django_apps, None)
    rate.refresh_from_db()
    level.refresh_from_db()
    assert (rate.allows_negative, level.allows_negative) == (True, False)


def test_the_observation_form_refuses_a_negative_level_naming_the_indicator(login, statistician, zone):
    client = login(statistician)
    output = indicator("industrial_output_above_scale")
    page = client.post("/economy/observations/add/", {"zone": zone.pk, "indicator": output.pk, "year": 2013,
                                                      "month": 6, "ytd_value": "-5", "yoy_pct": "-3"}).content.decode()
    assert "“规模以上工业总产值”不能为负数" in page and "1-N月累计填了-5" in page
    assert not Observation.objects.exists()


def test_a_decline_and_a_negative_rate_are_accepted(login, statistician, zone, admin_user):
    """同比 below zero is a decline, not an error; a rate indicator may itself be below zero."""
    client = login(statistician)
    output = indicator("industrial_output_above_scale")
    rate = actions.create_indicator({"name": "工业投资增速", "unit": "%"}, acting_user=admin_user)
    for ind, data in ((output, {"ytd_value": "5", "yoy_pct": "-3"}), (rate, {"ytd_value": "-4.2"})):
        response = client.post("/economy/observations/add/", {"zone": zone.pk, "indicator": ind.pk, "year": 2013,
                                                              "month": 6, **data})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Observation.objects.get(indicator=rate).ytd_value == D("-4.2")
    assert Observation.objects.get(indicator=output).yoy_pct == D("-3")


def test_the_template_upload_refuses_a_negative_level_by_row(login, statistician, zone, tracked):
    client = login(statistician)
    wb = fill(download(client, zone, 2013, 5), {5: (410, 1018, 21.5), 6: (-12, 120, -4)})
    page = errors_after(client, upload(client, zone, 2013, 5, wb))
    assert "第6行：“固定资产投资”不能为负数（本月填了-12）" in page
    assert not StatisticsUpload.objects.exists() and not Observation.objects.exists()


def test_manual_entry_refuses_a_negative_level(login, statistician, zone, tracked):
    client = login(statistician)
    page = client.post(f"/economy/statistics/2013/5/?zone={zone.pk}", {
        "zone": zone.pk, f"ytd_value-{tracked[1].pk}": "-1"}).content.decode()
    assert "“固定资产投资”不能为负数" in page
    assert not Observation.objects.exists()


def test_the_api_refuses_a_negative_level_naming_the_indicator(api_client, statistician, zone):
    api_client.force_authenticate(statistician)
    response = api_client.post("/api/economy/observations/", {
        "zone": zone.pk, "indicator": indicator("fixed_asset_investment").pk, "year": 2013, "month": 6,
        "month_value": "-3", "ytd_value": "30"}, format="json")
    assert response.status_code == 400
    assert "“固定资产投资”不能为负数" in response.json()["month_value"][0]
    assert not Observation.objects.exists()


def test_a_negative_target_level_is_refused(api_client, supervisor, zone):
    api_client.force_authenticate(supervisor)
    response = api_client.post("/api/economy/targets/", {
        "zone": zone.pk, "indicator": indicator("fixed_asset_investment").pk, "year": 2013, "value": "-100"},
        format="json")
    assert response.status_code == 400 and "不能为负数" in response.json()["value"][0]
    assert not Target.objects.exists()


def test_the_indicator_page_lets_an_admin_allow_negatives(login, admin_user, zone):
    client = login(admin_user)
    page = client.get("/economy/indicators/add/").content.decode()
    assert "可为负数" in page
    TrackedIndicatorFactory(zone=zone, indicator=indicator("tax_revenue"))
    tax = indicator("tax_revenue")
    response = client.post(f"/economy/indicators/{tax.pk}/", {
        "name": tax.name, "code": tax.code, "aliases": "、".join(tax.aliases), "family": tax.family,
        "unit": tax.unit, "kind": tax.kind, "price_basis": tax.price_basis, "higher_is_better": "on",
        "allows_negative": "on", "sort_order": tax.sort_order})
    assert response.status_code == 302
    tax.refresh_from_db()
    assert tax.allows_negative is True


# --- the leaders' dashboard opens on a year that has begun -----------------------------------


@pytest.mark.parametrize("moment", [datetime.datetime(2026, 12, 15, 9, 0, tzinfo=SHANGHAI),
                                    datetime.datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI)],
                         ids=["december", "new-years-day"])
def test_the_dashboard_opens_on_this_year_not_on_next_years_targets(moment, login, leader, zone):
    from .factories import ObservationFactory, TargetFactory

    with time_machine.travel(moment, tick=False):
        this_year = clock.today().year
        gdp = indicator("gdp")
        for year in (this_year - 1, this_year, this_year + 1):
            TargetFactory(zone=zone, indicator=gdp, year=year)
        ObservationFactory(zone=zone, indicator=gdp, year=this_year - 1, month=12)
        page = login(leader).get(f"/economy/?zone={zone.pk}").content.decode()
    assert f"{zone.name} {this_year}年 领导驾驶舱" in page
    assert f'<option value="{this_year + 1}"' in page  # next year's plan can still be chosen


def test_the_dashboard_opens_on_the_latest_year_gone_by_when_this_year_is_empty(login, leader, zone):
    """The demo's zone has 2013's figures and, say, next year's targets: it opens on 2013."""
    from .factories import ObservationFactory, TargetFactory

    with time_machine.travel(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI), tick=False):
        gdp = indicator("gdp")
        TargetFactory(zone=zone, indicator=gdp, year=2013)
        ObservationFactory(zone=zone, indicator=gdp, year=2013, month=12)
        TargetFactory(zone=zone, indicator=gdp, year=2028)
        page = login(leader).get(f"/economy/?zone={zone.pk}").content.decode()
    assert f"{zone.name} 2013年 领导驾驶舱" in page


def test_the_upload_records_tab_opens_for_the_statistician_and_the_admin(login, statistician, admin_user, zone):
    for user in (statistician, admin_user):
        response = login(user).get("/economy/uploads/")
        assert response.status_code == 200
        assert 'href="/economy/statistics/"' in response.content.decode()  # 新增 leads to the upload page
