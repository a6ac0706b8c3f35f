"""Roles: every change of a role's data scope or permissions leaves an audit entry, before and after."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from zonework.core import actions
from zonework.core.audit import SYSTEM_ACTOR
from zonework.core.choices import AuditAction, DataScope
from zonework.core.models import AuditEntry, Role
from zonework.core.scope import ScopeDenied


def role_events(role, event=None):
    rows = AuditEntry.objects.filter(content_type__model="role", object_id=str(role.pk))
    return rows.filter(event=event) if event else rows


def codenames(role):
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in role.permissions.select_related("content_type"))


def test_a_security_admin_changing_a_roles_scope_and_permissions_is_on_record(security_admin):
    leader = Role.objects.get(code="leader")
    held = codenames(leader)
    wanted = [p for p in held if p != "core.view_user"] + ["core.change_unit"]
    actions.update_role(leader, {"data_scope": DataScope.UNIT_AND_BELOW, "permissions": wanted},
                        acting_user=security_admin)
    entry = role_events(leader, "role.changed").get()
    assert entry.user == security_admin and entry.action == AuditAction.EVENT
    assert entry.before["data_scope"] == DataScope.ALL and entry.after["data_scope"] == DataScope.UNIT_AND_BELOW
    assert "core.view_user" in entry.before["permissions"] and "core.view_user" not in entry.after["permissions"]
    assert "core.change_unit" in entry.after["permissions"] and "core.change_unit" not in entry.before["permissions"]
    assert "数据范围由“全部”改为“本单位及下级”" in entry.message
    assert "新增权限1项：core.change_unit" in entry.message and "移除权限1项：core.view_user" in entry.message
    assert {"field": "data_scope", "before": "all", "after": "unit_and_below"} in entry.changes
    assert codenames(Role.objects.get(pk=leader.pk)) == sorted(wanted)


def test_saving_a_role_unchanged_writes_nothing(security_admin):
    leader = Role.objects.get(code="leader")
    count = AuditEntry.objects.count()
    actions.update_role(leader, {"data_scope": leader.data_scope, "permissions": codenames(leader)},
                        acting_user=security_admin)
    assert AuditEntry.objects.count() == count


def test_a_user_without_the_right_cannot_change_a_role_and_the_attempt_is_logged(unit_user):
    leader = Role.objects.get(code="leader")
    before = codenames(leader)
    with pytest.raises(ScopeDenied, match="角色"):
        actions.update_role(leader, {"permissions": ["core.change_user"]}, acting_user=unit_user)
    assert codenames(Role.objects.get(pk=leader.pk)) == before
    assert not role_events(leader, "role.changed").exists()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, event="update_role", user=unit_user).exists()


@pytest.mark.parametrize("data, message", [
    ({"permissions": ["core.fly_to_the_moon"]}, "没有这些权限：core.fly_to_the_moon"),
    ({"data_scope": "everything"}, "everything"),
    ({"builtin": False}, "这些字段不能直接修改：builtin"),
])
def test_bad_role_changes_are_refused_and_change_nothing(security_admin, data, message):
    leader = Role.objects.get(code="leader")
    before = (leader.data_scope, leader.builtin, codenames(leader))
    with pytest.raises(ValidationError, match=message):
        actions.update_role(leader, data, acting_user=security_admin)
    leader = Role.objects.get(pk=leader.pk)
    assert (leader.data_scope, leader.builtin, codenames(leader)) == before
    assert not role_events(leader, "role.changed").exists()


def test_a_new_role_is_logged_with_its_scope_and_permissions(security_admin):
    role = actions.create_role({"code": "inspector", "name": "巡查员", "data_scope": DataScope.UNIT,
                                "permissions": ["core.view_unit", "core.view_zone"]}, acting_user=security_admin)
    entry = role_events(role, "role.created").get()
    assert entry.user == security_admin and entry.before is None
    assert entry.after["permissions"] == ["core.view_unit", "core.view_zone"]
    assert entry.after["data_scope"] == DataScope.UNIT and "巡查员" in entry.message


def test_a_migrate_that_changes_nothing_writes_no_entry(db):
    count = AuditEntry.objects.count()
    call_command("migrate", verbosity=0)
    assert AuditEntry.objects.count() == count


def test_migrate_restores_a_built_in_roles_permission_as_the_system(security_admin):
    leader = Role.objects.get(code="leader")
    actions.update_role(leader, {"permissions": [p for p in codenames(leader) if p != "core.view_zone"]},
                        acting_user=security_admin)
    call_command("migrate", verbosity=0)
    assert "core.view_zone" in codenames(Role.objects.get(pk=leader.pk))
    [entry] = role_events(leader, "role.synced")
    assert entry.user is None and entry.user_name == SYSTEM_ACTOR and entry.source == "migrate"
    assert "core.view_zone" in entry.after["permissions"] and "core.view_zone" not in entry.before["permissions"]
    assert "新增权限1项：core.view_zone" in entry.message


def test_the_demo_statisticians_role_is_made_through_the_actions(security_admin):
    from zonework.economy.demo import STATISTICIAN_PERMS, statistician_role

    role = statistician_role(security_admin)
    entry = role_events(role, "role.created").get()
    assert entry.user == security_admin and set(STATISTICIAN_PERMS) <= set(entry.after["permissions"])
    count = AuditEntry.objects.count()
    statistician_role(security_admin)  # the demo runs twice: the second time changes nothing
    assert AuditEntry.objects.count() == count
