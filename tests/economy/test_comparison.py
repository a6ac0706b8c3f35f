"""开发区对比: zones side by side, the same lights as the dashboard, scope, sorting, grouping, Excel, queries."""

import io
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import ZoneFactory, role_user

from .factories import ObservationFactory, TargetFactory, indicator

pytestmark = pytest.mark.django_db


def figures(zone, output, fai, yoy, ytd):
    """A growth target of 20% on output and 300亿元 on investment, with May's figures."""
    TargetFactory(zone=zone, indicator=output, year=2013, growth_pct=D(20), bound="min")
    TargetFactory(zone=zone, indicator=fai, year=2013, value=D(300), value_unit="亿元", growth_pct=None)
    ObservationFactory(zone=zone, indicator=output, month=5, yoy_pct=D(yoy), ytd_value=D(900))
    ObservationFactory(zone=zone, indicator=fai, month=5, yoy_pct=D(5), ytd_value=D(ytd))


@pytest.fixture
def three(zone, other_zone, units):
    """Three zones: 武汉 (behind), 宁波 (高新区, ahead), 温州 (in 浙江 too, between)."""
    output, fai = indicator("industrial_output_above_scale"), indicator("fixed_asset_investment")
    third = ZoneFactory(name="温州经济技术开发区", short_name="温州经开区", province="浙江省", city="温州市")
    other_zone.kind = "hightech"
    other_zone.save()
    figures(zone, output, fai, "17", "100")      # 33.3% after May: red
    figures(other_zone, output, fai, "25", "150")  # 50%: green
    figures(third, output, fai, "19", "120")       # 40%: within 5 points, yellow
    return {"zones": [zone, other_zone, third], "output": output, "fai": fai}


@pytest.fixture
def province(units, three):
    user = role_user("leader", units["office"], username="province1")
    user.zones.add(*three["zones"])
    return user


def table_rows(page):
    body = page[page.index('id="comparison"'):]
    return re.findall(r'<td data-rank>(\d+)</td><th class="text-nowrap">([^<]+)</th>', body)


def test_province_sees_every_zone_with_the_dashboards_lights(login, province, three):
    fai = three["fai"]
    page = login(province).get(f"/economy/comparison/?year=2013&indicator={fai.pk}&sort={fai.pk}:progress"
                               f"&dir=desc").content.decode()
    assert table_rows(page) == [("1", "宁波国家高新区"), ("2", "温州经济技术开发区"), ("3", "武汉经济技术开发区")]
    lights = re.findall(r'data-light="(\w+)"', page[page.index('id="comparison"'):])
    assert lights == ["green", "yellow", "red"]
    assert "33.3%" in page and ">50%<" in page  # 完成进度 as the dashboard says it
    assert "vendor/echarts/echarts.min.js" in page and '"heat"' in page
    # The same zone's dashboard says red too: one rule, not two.
    dash = login(province).get(f"/economy/?zone={three['zones'][0].pk}&year=2013").content.decode()
    assert 'data-indicator="固定资产投资" data-light="red"' in dash


def test_sorting_turns_round_and_ranks(login, province, three):
    fai = three["fai"]
    page = login(province).get(f"/economy/comparison/?year=2013&indicator={fai.pk}&sort={fai.pk}:value"
                               f"&dir=asc").content.decode()
    assert [z for _, z in table_rows(page)] == ["武汉经济技术开发区", "温州经济技术开发区", "宁波国家高新区"]
    page = login(province).get("/economy/comparison/?year=2013&sort=zone&dir=asc").content.decode()
    assert [r for r, _ in table_rows(page)] == ["1", "2", "3"]


def test_grouping_by_kind_ranks_within_each_group(login, province, three):
    output = three["output"]
    page = login(province).get(f"/economy/comparison/?year=2013&indicator={output.pk}&group=kind"
                               f"&sort={output.pk}:growth").content.decode()
    groups = re.findall(r'data-group="([^"]+)"', page)
    assert groups == ["经济技术开发区", "高新技术产业开发区"]
    assert table_rows(page) == [("1", "温州经济技术开发区"), ("2", "武汉经济技术开发区"), ("1", "宁波国家高新区")]


def test_a_cell_opens_that_zones_dashboard_on_that_indicator(login, province, three):
    fai, ningbo = three["fai"], three["zones"][1]
    page = login(province).get(f"/economy/comparison/?year=2013&indicator={fai.pk}").content.decode()
    url = f"/economy/?zone={ningbo.pk}&amp;year=2013&amp;indicator={fai.pk}"
    assert url in page
    dash = login(province).get(url.replace("&amp;", "&")).content.decode()
    assert re.search(r'<option value="\d+" selected>固定资产投资</option>', dash)


def test_excel_has_the_tables_layout(login, province, three):
    fai, output = three["fai"], three["output"]
    response = login(province).get(f"/economy/comparison/?year=2013&indicator={output.pk}&indicator={fai.pk}"
                                   f"&sort={fai.pk}:progress&format=xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == ("排名", "开发区", "规模以上工业总产值（亿元）", "规模以上工业总产值 同比(%)",
                           "规模以上工业总产值 完成进度(%)", "规模以上工业总产值 灯")
    assert rows[0][6] == "固定资产投资（亿元）"
    assert rows[1][:2] == (1, "宁波国家高新区") and rows[1][-1] == "绿灯"
    assert rows[3][1] == "武汉经济技术开发区" and rows[3][-1] == "红灯" and rows[3][-2] == pytest.approx(33.33)


def test_sidebar_links_the_page_only_for_several_zones(client, login, province, leader, three):
    assert "/economy/comparison/" in login(province).get("/").content.decode()
    client.logout()
    assert "/economy/comparison/" not in login(leader).get("/").content.decode()


def api_rows(client, user, query="year=2013"):
    client.force_authenticate(user)
    response = client.get(f"/api/economy/comparison/?{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_api_scope_province_one_zone_and_other_zone(api_client, province, leader, units, three):
    rows = api_rows(api_client, province)["results"]
    assert {r["zone_name"] for r in rows} == {"武汉经济技术开发区", "宁波国家高新区", "温州经济技术开发区"}
    assert len(rows) == 6
    mine = api_rows(api_client, leader)["results"]
    assert {r["zone_name"] for r in mine} == {"武汉经济技术开发区"}
    wuhan_fai = next(r for r in mine if r["indicator_name"] == "固定资产投资")
    assert wuhan_fai["light"] == "red" and D(wuhan_fai["progress"]) == D("33.33") and wuhan_fai["month"] == 5
    far = role_user("leader", units["far"], username="far1")
    assert {r["zone_name"] for r in api_rows(api_client, far)["results"]} == {"宁波国家高新区"}


def test_api_filters_indicator_and_month_and_refuses_bad_input(api_client, province, three):
    fai = three["fai"]
    rows = api_rows(api_client, province, f"year=2013&month=4&indicator={fai.pk}")["results"]
    assert {r["indicator_name"] for r in rows} == {"固定资产投资"}
    assert all(r["value"] is None and r["light"] == "grey" for r in rows)  # nothing by April
    api_client.force_authenticate(province)
    response = api_client.get("/api/economy/comparison/?year=2013&month=13")
    assert response.status_code == 400 and "月份" in response.content.decode()
    assert api_client.get("/api/economy/comparison/").status_code == 400


def test_api_is_in_the_schema(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    schema = api_client.get("/api/schema/?format=json").content.decode()
    assert "/api/economy/comparison/" in schema


def _queries(client, login, user, n, output, fai):
    for k in range(n):
        z = ZoneFactory(name=f"对比开发区{n}-{k}", city=f"城市{k % 3}")
        figures(z, output, fai, "18", "110")
        user.zones.add(z)
    client.logout()
    login(user)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(f"/economy/comparison/?year=2013&indicator={output.pk}&indicator={fai.pk}&group=city")
    assert page.status_code == 200
    return len(ctx.captured_queries), len(table_rows(page.content.decode()))


def test_query_count_does_not_grow_with_the_zones(client, login, units, three):
    output, fai = three["output"], three["fai"]
    few = role_user("leader", units["office"], username="few1")
    many = role_user("leader", units["office"], username="many1")
    small, shown_small = _queries(client, login, few, 3, output, fai)
    large, shown_large = _queries(client, login, many, 10, output, fai)
    assert shown_small == 4 and shown_large == 11  # their own zone too
    assert large == small, (small, large)


def test_api_query_count_does_not_grow_with_the_zones(api_client, units, three):
    output, fai = three["output"], three["fai"]
    counts = []
    for n in (3, 10):
        user = role_user("leader", units["office"], username=f"api{n}")
        for k in range(n):
            z = ZoneFactory(name=f"接口开发区{n}-{k}")
            figures(z, output, fai, "18", "110")
            user.zones.add(z)
        api_client.force_authenticate(user)
        with CaptureQueriesContext(connection) as ctx:
            body = api_client.get("/api/economy/comparison/?year=2013").json()
        assert body["count"] == 2 * (n + 1)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_api_pages_give_the_same_rows_as_one_page(api_client, province, three):
    api_client.force_authenticate(province)
    whole = api_client.get("/api/economy/comparison/?year=2013&limit=100").json()
    paged, offset = [], 0
    while True:
        body = api_client.get(f"/api/economy/comparison/?year=2013&limit=4&offset={offset}").json()
        assert body["count"] == whole["count"]
        if not body["results"]:
            break
        paged += body["results"]
        offset += 4
    assert paged == whole["results"] and len(paged) == whole["count"] == 6
