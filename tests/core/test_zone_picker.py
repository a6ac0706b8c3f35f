"""A province with many zones: past ZONE_LIST_LIMIT the header and the zone filters show the chosen zone
and a search, not every zone; the search finds the user's zones only, and the page's cost does not
grow with the zones."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ZoneFactory, role_user
from zonework.core.zone_picker import ZONE_LIST_LIMIT

pytestmark = pytest.mark.django_db


def many_zones(user, n, start=0):
    zones = [ZoneFactory(name=f"测试{i:03d}经济开发区", short_name=f"测试{i:03d}", city="襄阳市" if i % 2 else "宜昌市")
             for i in range(start, start + n)]
    user.zones.add(*zones)
    return zones


@pytest.fixture
def province(units):
    return role_user("leader", units["office"], username="province9")


def filter_field(page):
    """The list's own zone filter (the header's switcher is a zone select too)."""
    form = page.split("zw-filter", 1)[1]
    return form.split('name="zone"', 1)[1].split("</select>", 1)[0]


def page_cost(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).content.decode()
    return page, len(ctx.captured_queries)


def test_a_few_zones_are_listed_in_the_header(login, province, other_zone):
    province.zones.add(other_zone)
    page = login(province).get("/todos/").content.decode()
    switcher = page.split('id="zone-switcher"', 1)[1].split("</form>", 1)[0]
    assert "宁波国家高新区" in switcher and "data-zone-search" not in switcher


def test_past_the_limit_the_header_searches_and_costs_the_same_at_more_zones(login, province, zone):
    many_zones(province, ZONE_LIST_LIMIT + 5)
    client = login(province)
    page, few = page_cost(client, "/todos/")
    switcher = page.split('id="zone-switcher"', 1)[1].split("</form>", 1)[0]
    assert "data-zone-search" in switcher
    assert switcher.count("<option") == 2  # 全部开发区 and the current zone
    assert "测试003经济开发区" not in switcher
    many_zones(province, 60, start=100)
    _page, many = page_cost(client, "/todos/")
    assert many == few


def test_the_search_finds_the_users_zones_by_name_or_city(login, province, zone, other_zone):
    many_zones(province, ZONE_LIST_LIMIT + 5)
    client = login(province)
    hits = client.get("/zone/search/", {"q": "测试00"}).json()["results"]
    assert [h["name"] for h in hits] == [f"测试00{i}经济开发区" for i in range(10)]
    by_city = client.get("/zone/search/", {"q": "襄阳"}).json()["results"]
    assert by_city and all(h["city"] == "襄阳市" for h in by_city)
    # 宁波 is not one of this user's zones
    assert client.get("/zone/search/", {"q": "宁波"}).json()["results"] == []


def test_a_one_zone_user_finds_only_their_zone(login, leader, zone, other_zone):
    hits = login(leader).get("/zone/search/", {"q": ""}).json()["results"]
    assert [h["name"] for h in hits] == [zone.name]


def test_a_zone_filter_holds_only_the_chosen_zone_and_still_filters(login, province, zone):
    zones = many_zones(province, ZONE_LIST_LIMIT + 5)
    client = login(province)
    client.post("/zone/switch/", {"zone": "all", "next": "/"})
    chosen = zones[7]
    page = client.get("/economy/observations/", {"zone": chosen.pk}).content.decode()
    field = filter_field(page)
    assert "data-zone-search" in field and "selected" in field and chosen.name in field
    assert zones[8].name not in field
    # a zone outside the user's scope is refused by the filter, not shown
    outsider = ZoneFactory(name="外省开发区")
    page = client.get("/economy/observations/", {"zone": outsider.pk}).content.decode()
    assert "外省开发区" not in filter_field(page)
