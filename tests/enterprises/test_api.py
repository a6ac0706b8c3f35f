"""The enterprises API: scope, credit codes, and request steps as POST actions."""


import pytest

from tests.enterprises.factories import make_enterprise, make_request
from zonework.core import clock

TODAY = clock.today()


@pytest.fixture
def enterprise(zone, units, unit_user):
    return make_enterprise(unit_user, zone, units["invest"], credit_code="91420100MA4K5C2A7H")


def test_invalid_credit_code_is_400_in_chinese(api_client, unit_user, zone, units):
    api_client.force_authenticate(unit_user)
    response = api_client.post("/api/enterprises/enterprises/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "某公司", "credit_code": "91420100MA4K5C2A7J"},
        format="json")
    assert response.status_code == 400 and "校验位错误" in response.json()["credit_code"][0]


def test_request_steps(api_client, unit_user, enterprise, units):
    api_client.force_authenticate(unit_user)
    response = api_client.post("/api/enterprises/requests/", {
        "zone": enterprise.zone_id, "unit": units["invest"].pk, "enterprise": enterprise.pk, "title": "招工难",
        "category": "labour", "received_date": TODAY.isoformat()}, format="json")
    assert response.status_code == 201 and response.json()["state"] == "received"
    pk = response.json()["id"]
    base = f"/api/enterprises/requests/{pk}/"
    assert api_client.post(base + "close/", {}, format="json").status_code == 400
    assert api_client.post(base + "assign/", {"unit": units["invest"].pk}, format="json").json()["state"] == "assigned"
    assert api_client.post(base + "reply/", {"reply": "已对接人社局招聘会"}, format="json").json()["state"] == "replied"
    body = api_client.post(base + "close/", {"satisfaction": 4}, format="json").json()
    assert body["state"] == "closed" and body["light"]["light"] == "green"
    figures = api_client.get("/api/enterprises/requests/figures/").json()
    assert figures["total"]["received"] == 1 and figures["total"]["on_time_rate"] == "100.0"


def test_other_units_requests_are_hidden(api_client, unit_user, admin_user, enterprise, units):
    make_request(admin_user, enterprise, units["econ"], title="经信局的诉求")
    api_client.force_authenticate(unit_user)
    assert api_client.get("/api/enterprises/requests/").json()["count"] == 0


def test_auditor_sees_nothing(api_client, auditor, enterprise):
    api_client.force_authenticate(auditor)
    assert api_client.get("/api/enterprises/enterprises/").status_code == 403


def test_schema_names_the_request_steps(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/enterprises/requests/{id}/assign/" in response.content
