"""全部开发区: a user with several zones sees every zone's rows in one list, with a zone column."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.economy.factories import ObservationFactory, indicator
from tests.factories import UnitFactory, ZoneFactory, role_user
from tests.investment.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(units, zone, other_zone):
    user = role_user("leader", units["office"], username="province1")
    user.zones.add(other_zone)
    return user


def switch(client, value):
    response = client.post("/zone/switch/", {"zone": value, "next": "/"})
    assert response.status_code == 302


def test_projects_of_every_zone_with_a_zone_column(client, login, province, admin_user, units, zone, other_zone):
    make_project(admin_user, zone, units["invest"], "武汉光谷项目")
    make_project(admin_user, other_zone, units["far"], "宁波港项目")
    login(province)
    page = client.get("/investment/projects/").content.decode()
    assert "武汉光谷项目" in page and "宁波港项目" not in page  # the current zone only
    assert 'value="all"' in page and "全部开发区" in page
    switch(client, "all")
    page = client.get("/investment/projects/").content.decode()
    assert "武汉光谷项目" in page and "宁波港项目" in page
    header = page[page.index("<thead"):page.index("</thead>")]
    assert "开发区" in header
    assert re.search(r"宁波国家高新区.{0,400}宁波港项目|宁波港项目.{0,2000}宁波国家高新区", page, re.S)
    # Choosing one zone again narrows the list back.
    switch(client, other_zone.pk)
    page = client.get("/investment/projects/").content.decode()
    assert "宁波港项目" in page and "武汉光谷项目" not in page


def test_a_one_zone_user_is_not_offered_all_zones(client, login, leader):
    page = login(leader).get("/").content.decode()
    assert 'value="all"' not in page


def test_all_zones_never_widens_the_data_scope(client, login, leader, admin_user, units, other_zone):
    make_project(admin_user, other_zone, units["far"], "宁波港项目")
    login(leader)
    switch(client, "all")
    assert "宁波港项目" not in client.get("/investment/projects/").content.decode()


def _observation_queries(client, login, user, units, n):
    ind = indicator("fixed_asset_investment")
    for k in range(n):
        z = ZoneFactory(name=f"列表开发区{n}-{k}")
        UnitFactory(zone=z, name="经信局")
        ObservationFactory(zone=z, indicator=ind, month=k % 12 + 1)
        user.zones.add(z)
    client.logout()
    login(user)
    switch(client, "all")
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/economy/observations/")
    assert page.status_code == 200
    return len(ctx.captured_queries)


def test_all_zones_list_queries_do_not_grow_with_the_zones(client, login, units):
    few = role_user("leader", units["office"], username="few1")
    many = role_user("leader", units["office"], username="many1")
    assert _observation_queries(client, login, few, units, 3) == _observation_queries(client, login, many, units, 10)
