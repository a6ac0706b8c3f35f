"""三员分立: the system, security and audit administrators, each kept to their own duties; custom
roles made on a page and on record; a zone still referenced refused with a message."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import PASSWORD
from zonework.core import actions
from zonework.core.choices import AuditAction, DataScope, RoleCode
from zonework.core.models import AuditEntry, Role, User, Zone


def roles(*codes):
    return [Role.objects.get(code=c) for c in codes]


# --- who may read the log ---------------------------------------------------------------------


def test_the_auditor_sees_entries_that_belong_to_no_zone(client, login, auditor, unit_user, admin_user, units):
    Client().post("/login/", {"username": "nobody-here", "password": "x"})
    client_admin = Client()
    client_admin.force_login(admin_user)
    client_admin.get("/units/?export=xlsx")
    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED, user_name="nobody-here")
    export = AuditEntry.objects.filter(action=AuditAction.EXPORT, user=admin_user).latest("id")
    assert failed.zone_id is None and export.zone_id is None
    page = login(auditor).get("/audit/", {"q": "nobody-here"}).content.decode()
    assert "nobody-here" in page
    assert client.get(f"/audit/{export.pk}/").status_code == 200
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(auditor)
    ids = {row["id"] for row in api.get("/api/audit-entries/", {"limit": 500}).json()["results"]}
    assert {failed.pk, export.pk} <= ids


def test_the_system_admin_cannot_open_the_audit_log(login, admin_user, units):
    actions.update_object(units["econ"], {"name": "经信局改"}, acting_user=admin_user)
    entry = AuditEntry.objects.latest("id")
    client = login(admin_user)
    response = client.get("/audit/")
    assert response.status_code == 403 and "系统管理员不能查看审计日志" in response.content.decode()
    assert client.get(f"/audit/{entry.pk}/").status_code == 403
    assert client.get("/audit/retention/").status_code == 403
    assert "/audit/" not in client.get("/").content.decode()
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.get("/api/audit-entries/")
    assert response.status_code == 403 or response.json()["count"] == 0


def test_a_superuser_is_kept_out_of_the_audit_log_too(units):
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.force_login(root)
    assert client.get("/audit/").status_code == 403


def test_each_of_the_three_holds_only_its_own_rights(db):
    admin, security, auditor = (set(Role.objects.get(code=c).permissions.values_list(
        "content_type__app_label", "codename")) for c in (RoleCode.ADMIN, RoleCode.SECURITY_ADMIN, RoleCode.AUDITOR))
    assert ("core", "change_zone") in admin and ("core", "add_user") in admin
    assert not {("core", "view_auditentry"), ("core", "change_role"), ("core", "unlock_user")} & admin
    assert {("core", "add_role"), ("core", "change_role"), ("core", "unlock_user")} <= security
    assert not {p for p in security if p[1].split("_")[0] in ("add", "change", "delete")} - {
        ("core", "add_role"), ("core", "change_role"), ("core", "delete_role")}
    assert auditor == {("core", "view_auditentry")}


# --- no one holds two of the three ------------------------------------------------------------


@pytest.mark.parametrize("pair", [(RoleCode.ADMIN, RoleCode.AUDITOR), (RoleCode.ADMIN, RoleCode.SECURITY_ADMIN),
                                  (RoleCode.SECURITY_ADMIN, RoleCode.AUDITOR)])
def test_one_user_cannot_be_given_two_of_the_three(admin_user, units, pair):
    with pytest.raises(ValidationError, match="三员分立"):
        actions.create_user({"username": "both", "unit": units["office"], "roles": roles(*pair)},
                            password="Abcdef-12345!", acting_user=admin_user)
    assert not User.objects.filter(username="both").exists()
    person = actions.create_user({"username": "one", "unit": units["office"], "roles": roles(pair[0])},
                                 password="Abcdef-12345!", acting_user=admin_user)
    with pytest.raises(ValidationError, match="不能由同一用户兼任"):
        actions.update_user(person, {"roles": roles(*pair)}, acting_user=admin_user)
    assert set(person.roles.values_list("code", flat=True)) == {pair[0]}


def test_the_user_page_shows_the_refusal(login, admin_user, auditor):
    client = login(admin_user)
    response = client.post(f"/users/{auditor.pk}/", {
        "username": auditor.username, "unit": auditor.unit_id, "is_active": "on",
        "roles": [r.pk for r in roles(RoleCode.AUDITOR, RoleCode.ADMIN)]})
    assert response.status_code == 200 and "三员分立" in response.content.decode()
    assert set(auditor.roles.values_list("code", flat=True)) == {RoleCode.AUDITOR}


def test_a_leader_can_still_be_given_a_second_role(admin_user, units):
    person = actions.create_user({"username": "two", "unit": units["office"],
                                  "roles": roles(RoleCode.LEADER, RoleCode.SUPERVISOR)},
                                 password="Abcdef-12345!", acting_user=admin_user)
    assert person.roles.count() == 2


# --- custom roles -----------------------------------------------------------------------------


def test_the_security_admin_creates_a_role_on_the_page_and_it_is_on_record(login, security_admin):
    client = login(security_admin)
    page = client.get("/roles/add/").content.decode()
    assert "组织与权限" in page and "查看开发区" in page and "解锁被锁定的用户" in page
    response = client.post("/roles/add/", {"code": "inspector", "name": "巡查员", "data_scope": DataScope.UNIT,
                                           "description": "只看本单位", "permissions": ["core.view_unit", "core.view_zone"]})
    assert response.status_code == 302
    role = Role.objects.get(code="inspector")
    assert role.data_scope == DataScope.UNIT and not role.builtin
    assert sorted(role.permissions.values_list("codename", flat=True)) == ["view_unit", "view_zone"]
    entry = AuditEntry.objects.get(event="role.created", object_id=str(role.pk))
    assert entry.user == security_admin and entry.after["permissions"] == ["core.view_unit", "core.view_zone"]
    assert "巡查员" in client.get("/roles/").content.decode()


def test_the_security_admin_changes_a_roles_scope_on_the_page(login, security_admin):
    role = actions.create_role({"code": "inspector", "name": "巡查员", "data_scope": DataScope.UNIT,
                                "permissions": ["core.view_unit"]}, acting_user=security_admin)
    client = login(security_admin)
    response = client.post(f"/roles/{role.pk}/", {"code": "ignored", "name": "巡查员", "data_scope": DataScope.ALL,
                                                  "permissions": ["core.view_unit", "core.view_park"]})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.code == "inspector" and role.data_scope == DataScope.ALL
    entry = AuditEntry.objects.get(event="role.changed", object_id=str(role.pk))
    assert "数据范围由“本单位”改为“全部”" in entry.message and "core.view_park" in entry.message


@pytest.mark.parametrize("data, message", [
    ({"code": "Bad Code", "name": "x", "data_scope": "unit"}, "代码只能由小写英文字母"),
    ({"code": "leader", "name": "新领导", "data_scope": "unit"}, "已有代码为“leader”的角色"),
    ({"code": "newone", "name": "领导", "data_scope": "unit"}, "已有名称为“领导”的角色"),
    ({"code": "newone", "name": "x", "data_scope": "everything"}, "everything"),
    ({"code": "newone", "name": "x", "data_scope": "unit", "permissions": ["core.fly"]}, "fly"),
])
def test_bad_role_input_is_refused_and_changes_nothing(login, security_admin, data, message):
    count = Role.objects.count()
    response = login(security_admin).post("/roles/add/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert Role.objects.count() == count


def test_built_in_roles_keep_their_declared_permissions_on_the_page(login, security_admin):
    leader = Role.objects.get(code=RoleCode.LEADER)
    held = set(leader.permissions.all())
    response = login(security_admin).post(f"/roles/{leader.pk}/", {"name": "领导", "data_scope": DataScope.UNIT,
                                                                  "permissions": ["core.change_user"]})
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.data_scope == DataScope.UNIT and set(leader.permissions.all()) == held


@pytest.mark.parametrize("who", ["admin_user", "auditor", "unit_user"])
def test_only_the_security_admin_manages_roles(request, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get("/roles/").status_code == 403
    assert client.post("/roles/add/", {"code": "x", "name": "x", "data_scope": "all"}).status_code == 403
    assert not Role.objects.filter(code="x").exists()


# --- deleting a row still referenced ----------------------------------------------------------


def test_deleting_a_zone_with_units_shows_a_message(login, admin_user, zone, units):
    client = login(admin_user)
    response = client.post(f"/zones/{zone.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "仍被其他记录引用" in response.content.decode() and "不能删除" in response.content.decode()
    assert Zone.objects.filter(pk=zone.pk).exists()


def test_deleting_an_empty_zone_works_and_its_entry_keeps_the_name(login, admin_user, auditor):
    zone = actions.create_zone({"name": "空开发区", "level": "other"}, acting_user=admin_user)
    actions.update_zone(zone, {"short_name": "空区"}, acting_user=admin_user)
    response = login(admin_user).post(f"/zones/{zone.pk}/delete/", follow=True)
    assert response.status_code == 200 and "已删除" in response.content.decode()
    assert not Zone.objects.filter(pk=zone.pk).exists()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE, content_type__model="zone", object_id=str(zone.pk))
    assert entry.zone_name == "空开发区"


def test_deleting_a_zone_through_the_api_is_a_clear_refusal(api_client, admin_user, zone, units):
    api_client.force_authenticate(admin_user)
    response = api_client.delete(f"/api/zones/{zone.pk}/")
    assert response.status_code == 400 and "不能删除" in str(response.json())
    assert Zone.objects.filter(pk=zone.pk).exists()


def test_a_delete_the_database_refuses_is_a_message_not_a_500(login, admin_user, zone, units, monkeypatch):
    """A row pointed at by a foreign key the ORM does not know (a restored table, another app's SQL)
    is refused by the database at the constraint check: the page says so and nothing is deleted."""
    from django.db import IntegrityError, connection

    def refuse(*args, **kwargs):
        raise IntegrityError("FOREIGN KEY constraint failed")

    park = actions.create_park({"zone": zone, "name": "被引用的园区"}, acting_user=admin_user)
    client = login(admin_user)
    with monkeypatch.context() as patch:
        patch.setattr(connection, "check_constraints", refuse)
        response = client.post(f"/parks/{park.pk}/delete/", follow=True)
    assert response.status_code == 200 and "仍被其他记录引用" in response.content.decode()
    from zonework.core.models import Park

    assert Park.objects.filter(pk=park.pk).exists()


def test_the_security_admin_reads_a_users_page_but_cannot_edit_the_account(login, security_admin, unit_user):
    client = login(security_admin)
    assert unit_user.username in client.get("/users/").content.decode()
    page = client.get(f"/users/{unit_user.pk}/").content.decode()
    assert "查看用户" in page and "disabled" in page
    response = client.post(f"/users/{unit_user.pk}/", {"username": unit_user.username, "display_name": "改名"})
    assert response.status_code == 403
    unit_user.refresh_from_db()
    assert unit_user.display_name != "改名"
