"""领导驾驶舱: the leader's home shows the zone's year on one screen, with the same figures as the pages
its figures link to, in a bounded number of queries; other roles keep the ordinary home."""

import re

import pytest
from django.urls import reverse

from tests.cockpit_demo import load_cockpit_demo

PASSWORD = "Zonework@2026"


@pytest.fixture
def demo(db):
    return load_cockpit_demo()


def _leader(client):
    from zonework.core.models import User

    user = User.objects.get(username="leader")
    client.force_login(user)
    return user


def _figure(html, block, light):
    """The count a block shows for a light, as the leader reads it in the legend."""
    section = html.split(f'id="cockpit-{block}"', 1)[1]
    match = re.search(rf'data-light="{light}"><span[^>]*></span>[^<]*<b>(\d+)</b>', section)
    return int(match.group(1))


def test_the_leaders_home_is_the_cockpit_with_every_block(demo, client):
    _leader(client)
    html = client.get("/").content.decode()
    for block in ("indicators", "tasks", "investment", "requests"):
        assert f'id="cockpit-{block}"' in html
    assert "vendor/echarts/echarts.min.js" in html and "cdn" not in html.lower()
    # The dashboard's own cards, the same lights as the dashboard the block links to.
    dashboard = client.get(reverse("economy:dashboard")).content.decode()
    cards = re.findall(r'data-indicator="([^"]+)" data-light="(\w+)"', html)
    assert len(cards) == 4
    assert cards == re.findall(r'data-indicator="([^"]+)" data-light="(\w+)"', dashboard)


def test_a_unit_user_keeps_the_ordinary_home(demo, client):
    from zonework.core.models import User

    client.force_login(User.objects.get(username="supervisor"))
    html = client.get("/").content.decode()
    assert 'id="home-todos"' in html and 'id="cockpit-tasks"' not in html


def test_task_lights_agree_with_the_board_they_link_to(demo, client):
    _leader(client)
    html = client.get("/").content.decode()
    red = _figure(html, "tasks", "red")
    link = re.search(r'href="(/work/\?plan=\d+&amp;light=red)"', html).group(1).replace("&amp;", "&")
    board = client.get(link).content.decode()
    assert red > 0  # the demo keeps a late task on any date
    assert board.count('data-light="red"') >= red


def test_request_lights_agree_with_the_filtered_list(demo, client):
    from zonework.enterprises.choices import RequestState
    from zonework.enterprises.filtersets import ServiceRequestFilterSet
    from zonework.enterprises.models import ServiceRequest

    leader = _leader(client)
    html = client.get("/").content.decode()
    open_requests = ServiceRequest.objects.filter(zone=leader.unit.zone).exclude(state=RequestState.CLOSED)
    total = 0
    for light in ("red", "yellow", "green"):
        shown = _figure(html, "requests", light)
        total += shown
        assert shown == sum(1 for r in open_requests if r.status_light == light)
        # The list the figure links to holds the same requests.
        listed = ServiceRequestFilterSet({"light": light}, queryset=open_requests).qs
        assert listed.count() == shown
        assert f'href="/enterprises/requests/?light={light}"' in html
    assert total == open_requests.count() > 0
    assert client.get("/enterprises/requests/?light=red").status_code == 200


def test_signings_are_the_figures_pages_in_yi(demo, client):
    from zonework.core import clock
    from zonework.investment import figures
    from zonework.investment.models import InvestmentProject

    leader = _leader(client)
    html = client.get("/").content.decode()
    year = clock.today().year
    date_from, date_to = figures.year_period(year)
    projects = InvestmentProject.objects.filter(zone=leader.unit.zone)
    total = figures.compute(projects, date_from, min(date_to, clock.today()))[0]
    shown = int(re.search(r'id="signed-count">(\d+)<', html).group(1))
    assert shown == total.signed
    amount = re.search(r'id="signed-amount">([^<]+)<', html).group(1)
    assert "亿" in amount and "万元" not in amount


def test_screen_mode_is_dark_full_screen_and_refreshes(demo, client):
    _leader(client)
    html = client.get("/cockpit/?screen=1").content.decode()
    assert 'data-bs-theme="dark"' in html
    assert '<meta http-equiv="refresh" content="300">' in html
    assert "zw-header" not in html  # no site header on the meeting-room screen


def test_the_cockpit_costs_a_bounded_number_of_queries(demo, client, django_assert_max_num_queries):
    _leader(client)
    client.get("/")  # warm the per-process caches (reverse prefixes, margins)
    # 32 on the demo: a constant per block (the 批示 block adds four), not one per task, project or request.
    with django_assert_max_num_queries(34):
        assert client.get("/").status_code == 200


def test_a_user_without_a_zone_sees_a_message_not_an_error(db, client):
    from tests.factories import UnitFactory, role_user

    client.force_login(role_user("leader", UnitFactory()))
    response = client.get("/cockpit/")
    assert response.status_code == 200


def test_a_leader_ticks_red_tasks_on_the_cockpit_and_reminds_them_after_a_confirmation(demo, client):
    from zonework.work.models import Reminder

    _leader(client)
    html = client.get("/").content.decode()
    action = re.search(r'<form method="get" action="([^"]+)" id="cockpit-remind"', html).group(1)
    ticked = re.findall(r'name="task" value="(\d+)" form="cockpit-remind"', html)
    assert ticked, "each red task has a box to tick"
    page = client.get(action, {"action": "remind", "task": ticked[:2]}).content.decode()
    assert f"将催办以下 {len(ticked[:2])} 项任务" in page
    client.post(action, {"action": "remind", "task": ticked[:2], "confirm": "1"})
    assert Reminder.objects.filter(kind="manual", task__in=ticked[:2]).count() == len(ticked[:2])
