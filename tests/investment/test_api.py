"""The investment API: data scope as on the pages; stage moves and paid-in through the same actions."""


import pytest

from tests.investment.factories import make_project
from zonework.core import clock
from zonework.investment.choices import Stage

TODAY = clock.today()
START = TODAY.replace(month=1, day=1)


@pytest.fixture
def projects(zone, units, admin_user):
    mine = make_project(admin_user, zone, units["invest"], "本单位项目", [(START, Stage.SIGNED)], amount=1000)
    other = make_project(admin_user, zone, units["econ"], "他单位项目", [(START, Stage.SIGNED)], amount=2000)
    return mine, other


def test_list_is_limited_to_scope(api_client, unit_user, leader, projects):
    api_client.force_authenticate(unit_user)
    names = [p["name"] for p in api_client.get("/api/investment/projects/").json()["results"]]
    assert names == ["本单位项目"]
    api_client.force_authenticate(leader)
    assert api_client.get("/api/investment/projects/").json()["count"] == 2
    assert api_client.get(f"/api/investment/projects/{projects[1].pk}/").status_code == 200


def test_other_units_project_is_a_404(api_client, unit_user, projects):
    api_client.force_authenticate(unit_user)
    assert api_client.get(f"/api/investment/projects/{projects[1].pk}/").status_code == 404


def test_change_stage_action(api_client, unit_user, projects):
    mine, _ = projects
    api_client.force_authenticate(unit_user)
    url = f"/api/investment/projects/{mine.pk}/change-stage/"
    response = api_client.post(url, {"to_stage": "lead"}, format="json")
    assert response.status_code == 400 and "须填写原因" in str(response.json())
    response = api_client.post(url, {"to_stage": "construction", "date": TODAY.isoformat(), "reason": "利用原有厂房"}, format="json")
    assert response.status_code == 201 and response.json()["from_stage"] == "signed"
    figures = api_client.get(f"/api/investment/projects/figures/?year={TODAY.year}").json()
    assert figures["total"]["signed"] == 1 and figures["total"]["construction_rate"] == "100.0"
    funnel = api_client.get(f"/api/investment/projects/funnel/?year={TODAY.year}").json()
    assert {s["stage"]: s["count"] for s in funnel["stages"]}["construction"] == 1


def test_paid_in_action_refuses_another_currency(api_client, unit_user, projects):
    mine, _ = projects
    api_client.force_authenticate(unit_user)
    url = f"/api/investment/projects/{mine.pk}/paid-in/"
    response = api_client.post(url, {"month": START.strftime("%Y-%m"), "amount": "10", "currency": "USD"},
                               format="json")
    assert response.status_code == 400 and "不一致" in str(response.json())
    response = api_client.post(url, {"month": START.strftime("%Y-%m"), "amount": "10"}, format="json")
    assert response.status_code == 201 and response.json()["currency"] == "CNY"


def test_create_with_negative_amount_is_400(api_client, unit_user, zone, units):
    api_client.force_authenticate(unit_user)
    response = api_client.post("/api/investment/projects/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "新项目", "agreed_investment": "-1"}, format="json")
    assert response.status_code == 400
    response = api_client.post("/api/investment/projects/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "新项目", "agreed_investment": "100",
        "initial_stage": "signed", "initial_stage_date": START.isoformat()}, format="json")
    assert response.status_code == 201 and response.json()["stage"] == "signed"


def test_leader_cannot_move_stage(api_client, leader, projects):
    api_client.force_authenticate(leader)
    response = api_client.post(f"/api/investment/projects/{projects[0].pk}/change-stage/",
                               {"to_stage": "registered"}, format="json")
    assert response.status_code == 403


def test_industries_and_stalled(api_client, unit_user, projects):
    api_client.force_authenticate(unit_user)
    industries = api_client.get("/api/investment/industries/?level=section").json()
    assert [i["code"] for i in industries][:3] == ["A", "B", "C"] and len(industries) == 20
    assert api_client.get("/api/investment/projects/stalled/").status_code == 200
    assert api_client.get("/api/investment/projects/figures/?year=abc").status_code == 400


def test_schema_builds(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/investment/projects/{id}/change-stage/" in response.content


def test_stalled_is_a_paginated_list_longest_stalled_first(api_client, unit_user, zone, units):
    import datetime

    today = clock.today()
    for months, name in ((7, "七个月未动"), (5, "五个月未动"), (4, "四个月未动")):
        make_project(unit_user, zone, units["invest"], name, [(today - datetime.timedelta(days=31 * months),
                                                                Stage.NEGOTIATING)])
    api_client.force_authenticate(unit_user)
    body = api_client.get("/api/investment/projects/stalled/?limit=2").json()
    assert body["count"] == 3
    assert [(p["name"], p["light"]) for p in body["results"]] == [("七个月未动", "red"), ("五个月未动", "red")]
    rest = api_client.get("/api/investment/projects/stalled/?limit=2&offset=2").json()["results"]
    assert [p["name"] for p in rest] == ["四个月未动"]
