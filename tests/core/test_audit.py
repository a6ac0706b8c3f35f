"""The audit log: one entry per change, whichever way the change came, with before and after."""

import pytest
from knox.models import AuthToken

from zonework.core import actions
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry, Unit
from zonework.core.models.audit import AuditImmutable


def entries_for(obj, action=AuditAction.UPDATE):
    return AuditEntry.objects.filter(action=action, object_id=str(obj.pk), content_type__model=obj._meta.model_name)


def test_change_through_a_page_leaves_one_entry(login, admin_user, units):
    u = units["econ"]
    client = login(admin_user)
    response = client.post(f"/units/{u.pk}/", {"zone": u.zone_id, "name": "经济和信息化局", "kind": u.kind,
                                                "aliases": "经信局", "sort_order": 0})
    assert response.status_code == 302
    [entry] = entries_for(u)
    assert entry.source == "web" and entry.user_name == admin_user.username and entry.ip == "127.0.0.1"
    changed = {c["field"]: (c["before"], c["after"]) for c in entry.changes}
    assert changed["name"] == ("经信局", "经济和信息化局")
    assert changed["aliases"] == (["经济和信息化局"], ["经信局"])


def test_change_through_the_api_leaves_one_entry(api_client, admin_user, units):
    _, token = AuthToken.objects.create(admin_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.patch(f"/api/units/{units['econ'].pk}/", {"sort_order": 7}, format="json")
    assert response.status_code == 200
    [entry] = entries_for(units["econ"])
    assert entry.source == "api" and entry.user_name == admin_user.username
    assert entry.request_id == response["X-Request-ID"]
    assert entry.changes == [{"field": "sort_order", "before": 0, "after": 7}]


def test_change_through_an_action_leaves_one_entry(admin_user, units):
    actions.update_object(units["econ"], {"kind": "office"}, acting_user=admin_user)
    [entry] = entries_for(units["econ"])
    assert entry.user == admin_user
    assert entry.before["kind"] == "bureau" and entry.after["kind"] == "office"


def test_create_and_delete_are_logged_with_the_row(admin_user, zone):
    unit = actions.create_unit({"zone": zone, "name": "临时单位"}, acting_user=admin_user)
    created = entries_for(unit, AuditAction.CREATE).get()
    assert created.after["name"] == "临时单位" and created.zone == zone
    pk = unit.pk
    actions.delete_object(unit, acting_user=admin_user)
    deleted = AuditEntry.objects.get(action=AuditAction.DELETE, object_id=str(pk), content_type__model="unit")
    assert deleted.before["name"] == "临时单位" and deleted.zone == zone
    assert not Unit.objects.filter(pk=pk).exists()


def test_saving_without_changes_writes_nothing(admin_user, units):
    count = AuditEntry.objects.count()
    actions.update_object(units["econ"], {"name": "经信局"}, acting_user=admin_user)
    assert AuditEntry.objects.count() == count


def test_role_changes_are_logged_field_by_field(admin_user, unit_user):
    from zonework.core.models import Role

    leader = Role.objects.get(code="leader")
    actions.update_user(unit_user, {"roles": [leader]}, acting_user=admin_user)
    entry = AuditEntry.objects.filter(object_id=str(unit_user.pk), changes__0__field="roles").latest("id")
    assert entry.after == {"roles": [leader.pk]}


def test_entries_cannot_be_edited_or_deleted(admin_user, units):
    entry = AuditEntry.objects.first()
    entry.message = "篡改"
    with pytest.raises(AuditImmutable):
        entry.save()
    with pytest.raises(AuditImmutable):
        entry.delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.update(message="x")


def test_logins_failures_and_logouts_are_logged(client, unit_user):
    client.post("/login/", {"username": unit_user.username, "password": "wrong"})
    client.post("/login/", {"username": unit_user.username, "password": "Test@Pass1234"})
    client.post("/logout/")
    actions_seen = list(AuditEntry.objects.filter(user_name=unit_user.username)
                        .order_by("id").values_list("action", flat=True))
    assert actions_seen[-3:] == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN, AuditAction.LOGOUT]


def test_auditor_filters_and_exports_the_log(login, auditor, admin_user, units):
    actions.update_object(units["econ"], {"sort_order": 3}, acting_user=admin_user)
    client = login(auditor)
    page = client.get("/audit/?action=update").content.decode()
    assert "经信局" in page
    response = client.get("/audit/?action=update&export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, user_name=auditor.username).exists()


def test_auditor_cannot_change_data_through_pages(login, auditor, units):
    client = login(auditor)
    assert client.get(f"/units/{units['econ'].pk}/").status_code in (403, 404)
    response = client.post(f"/units/{units['econ'].pk}/delete/")
    assert response.status_code in (403, 404)
    assert Unit.objects.filter(pk=units["econ"].pk).exists()


def test_unit_user_cannot_open_the_audit_log(login, unit_user):
    assert login(unit_user).get("/audit/").status_code == 403


def test_a_number_saved_again_in_other_digits_is_not_an_edit(db, zone, units, admin_user):
    """2.1000 read back from the database and 2.1 typed are one figure: no false edit in the log."""
    from zonework.core.audit import diff
    from zonework.economy.models import Target

    assert diff({"value": "2.1000"}, {"value": "2.1"}, Target) == []
    assert diff({"value": "2.1000"}, {"value": "2.2"}, Target) == [{"field": "value", "before": "2.1000",
                                                                    "after": "2.2"}]
    # A text field keeps its exact text: "001" is not "1".
    assert diff({"title": "001"}, {"title": "1"}, Target) != []


def test_the_viewer_speaks_chinese_names_and_labels(db, zone, units, unit_user, client):
    from tests.enterprises.factories import make_enterprise, make_request
    from tests.factories import role_user
    from zonework.core.audit import change_rows
    from zonework.enterprises import actions

    firm = make_enterprise(unit_user, zone, units["invest"])
    req = make_request(unit_user, firm, units["invest"])
    actions.assign_request(req, units["invest"], acting_user=unit_user)
    entry = AuditEntry.objects.filter(action="update", object_id=str(req.pk)).order_by("pk").last()
    rows = change_rows(entry)
    assert {"field": "状态", "before": "受理", "after": "交办"} in rows
    auditor = role_user("auditor", units["office"], username="auditor9")
    client.force_login(auditor)
    page = client.get(f"/audit/{entry.pk}/").content.decode()
    assert "状态" in page and "受理" in page and "交办" in page and "state" not in page
    listing = client.get("/audit/").content.decode()
    assert "状态：受理 → 交办" in listing


def test_detail_pages_show_the_objects_own_change_record(db, zone, units, unit_user, client):
    from tests.enterprises.factories import make_enterprise, make_request
    from zonework.enterprises import actions

    firm = make_enterprise(unit_user, zone, units["invest"])
    req = make_request(unit_user, firm, units["invest"])
    actions.assign_request(req, units["invest"], acting_user=unit_user)
    client.force_login(unit_user)
    page = client.get(f"/enterprises/requests/{req.pk}/").content.decode()
    section = page.split('id="audit-history"', 1)[1]
    assert "变更记录" in page and "状态：受理 → 交办" in section
    company = client.get(f"/enterprises/companies/{firm.pk}/").content.decode()
    assert 'id="audit-history"' in company and "新增" in company.split('id="audit-history"', 1)[1]


def test_saving_the_same_figure_in_other_digits_writes_no_entry(db, zone, admin_user):
    from decimal import Decimal

    from zonework.core import clock
    from zonework.economy import actions as economy_actions
    from zonework.economy.models import Indicator, Target

    indicator = Indicator.objects.filter(kind="level").first() or Indicator.objects.first()
    year = clock.today().year
    target, _ = economy_actions.upsert_target(zone, indicator, year=year, fields={"value": Decimal("2.1000")},
                                              acting_user=admin_user)
    before = AuditEntry.objects.filter(action="update").count()
    economy_actions.upsert_target(zone, indicator, year=year, fields={"value": Decimal("2.1")}, acting_user=admin_user)
    assert AuditEntry.objects.filter(action="update").count() == before
    assert Target.objects.get(pk=target.pk).value == Decimal("2.1")
