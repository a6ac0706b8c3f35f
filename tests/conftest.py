"""Shared fixtures: one zone with a small unit tree, and a user per built-in role.

    zone ── 党政办公室 ── 督查室
         ├─ 招商局 ── 招商一科
         └─ 经信局
    other_zone ── 招商局
"""

import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD, UnitFactory, ZoneFactory, role_user

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ZONEWORK_SHARED", REPO.parent / "shared"))
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def shared_dir():
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SHARED


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def zone(db):
    return ZoneFactory(name="武汉经济技术开发区", short_name="武汉经开区")


@pytest.fixture
def other_zone(db):
    return ZoneFactory(name="宁波国家高新区", short_name="宁波高新区", province="浙江省", city="宁波市")


@pytest.fixture
def units(zone, other_zone):
    office = UnitFactory(zone=zone, name="党政办公室", kind="office")
    supervision = UnitFactory(zone=zone, name="督查室", kind="office", parent=office)
    invest = UnitFactory(zone=zone, name="招商局", aliases=["投资促进局"])
    invest_sub = UnitFactory(zone=zone, name="招商一科", parent=invest)
    econ = UnitFactory(zone=zone, name="经信局", aliases=["经济和信息化局"])
    far = UnitFactory(zone=other_zone, name="招商局")
    return {"office": office, "supervision": supervision, "invest": invest, "invest_sub": invest_sub,
            "econ": econ, "far": far}


@pytest.fixture
def admin_user(units):
    return role_user("admin", units["office"], username="admin1")


@pytest.fixture
def leader(units):
    return role_user("leader", units["office"], username="leader1")


@pytest.fixture
def supervisor(units):
    return role_user("supervisor", units["supervision"], username="supervisor1")


@pytest.fixture
def unit_user(units):
    return role_user("unit_user", units["invest"], username="zhaoshang1")


@pytest.fixture
def auditor(units):
    return role_user("auditor", units["office"], username="auditor1")


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in through the real login page."""

    def do(user):
        response = client.post("/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:500]
        return client

    return do


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
