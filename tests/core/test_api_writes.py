"""Writes through the API: within scope they work and are audited; outside scope they are a 403,
nothing is saved, and the attempt is logged."""

import pytest
from knox.models import AuthToken

from tests.factories import RoleFactory, UserFactory
from zonework.core.choices import AuditAction, DataScope
from zonework.core.models import AuditEntry, Unit


@pytest.fixture
def unit_editor(units):
    """A unit user who may edit units, limited to 本单位及下级 (招商局 and 招商一科)."""
    role = RoleFactory(data_scope=DataScope.UNIT_AND_BELOW,
                       perms=["core.view_unit", "core.change_unit", "core.add_unit", "core.view_zone"])
    return UserFactory(unit=units["invest"], roles=[role], username="editor")


def as_user(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    return api_client


def test_api_change_in_scope_is_saved_and_audited_with_before_and_after(api_client, unit_editor, units):
    client = as_user(api_client, unit_editor)
    response = client.patch(f"/api/units/{units['invest_sub'].pk}/", {"name": "招商二科"}, format="json")
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(units["invest_sub"].pk),
                                      content_type__model="unit").latest("id")
    assert entry.user_name == "editor" and entry.source == "api" and entry.request_id
    assert {"field": "name", "before": "招商一科", "after": "招商二科"} in entry.changes


def test_api_change_outside_scope_is_403_unsaved_and_logged(api_client, unit_editor, units):
    client = as_user(api_client, unit_editor)
    # 经信局 is visible to nobody in this scope: the API does not even admit it exists.
    assert client.patch(f"/api/units/{units['econ'].pk}/", {"name": "x"}, format="json").status_code == 404
    # Moving an own unit under 经信局 would take it out of scope: refused.
    response = client.patch(f"/api/units/{units['invest_sub'].pk}/", {"parent": units["econ"].pk}, format="json")
    assert response.status_code == 403
    assert "数据范围" in response.json()["detail"]
    assert Unit.objects.get(pk=units["invest_sub"].pk).parent == units["invest"]
    denied = AuditEntry.objects.filter(action=AuditAction.DENIED).latest("id")
    assert denied.user_name == "editor" and denied.object_id == str(units["invest_sub"].pk)


def test_api_create_outside_scope_is_refused(api_client, unit_editor, units, zone):
    client = as_user(api_client, unit_editor)
    response = client.post("/api/units/", {"zone": zone.pk, "name": "新单位", "kind": "bureau"}, format="json")
    assert response.status_code == 403
    assert not Unit.objects.filter(name="新单位").exists()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, user_name="editor").exists()


def test_api_create_within_scope(api_client, unit_editor, units, zone):
    client = as_user(api_client, unit_editor)
    response = client.post("/api/units/", {"zone": zone.pk, "name": "招商三科", "kind": "office",
                                           "parent": units["invest"].pk, "aliases": ["三科"]}, format="json")
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(name="招商三科")
    assert unit.path == f"{units['invest'].path}{unit.pk}/"
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(unit.pk),
                                     content_type__model="unit").count() == 1


def test_api_duplicate_name_gets_chinese_message(api_client, admin_user, units, zone):
    client = as_user(api_client, admin_user)
    response = client.post("/api/units/", {"zone": zone.pk, "name": "招商局", "kind": "bureau"}, format="json")
    assert response.status_code == 400
    assert "同名单位" in str(response.json())
