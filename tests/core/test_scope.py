"""Data scope, model by model and through the API (NetBox's habit): anonymous, no permission,
permitted, and scope-limited users each see exactly what the rule says."""

import pytest
from knox.models import AuthToken

from tests.factories import ParkFactory, RoleFactory, UserFactory
from zonework.core import scope
from zonework.core.choices import DataScope
from zonework.core.models import AuditEntry, Park, Unit, User, Zone

# model, API path, how a row of it is named in the fixtures
CASES = [
    (Zone, "/api/zones/"),
    (Park, "/api/parks/"),
    (Unit, "/api/units/"),
    (User, "/api/users/"),
]


def token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    return api_client


@pytest.fixture
def parks(zone, other_zone, units):
    """A park and a user in each zone, so every model has rows inside and outside a user's zones."""
    UserFactory(unit=units["far"], username="far-away")
    return [ParkFactory(zone=zone, name="商务城"), ParkFactory(zone=other_zone, name="创新园")]


def ids(response):
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("model,url", CASES)
def test_anonymous_user_gets_nothing(client, units, parks, model, url):
    assert client.get(url).status_code in (401, 403)


@pytest.mark.parametrize("model,url", CASES)
def test_user_without_permission_is_refused(api_client, units, parks, model, url):
    nobody = UserFactory(unit=units["invest"], roles=[RoleFactory(data_scope=DataScope.ALL)])
    assert token_client(api_client, nobody).get(url).status_code == 403
    assert not scope.restrict(model.objects.all(), nobody).exists()


@pytest.mark.parametrize("model,url", CASES)
def test_permitted_user_with_scope_all_sees_own_zones_only(api_client, units, parks, zone, model, url):
    role = RoleFactory(data_scope=DataScope.ALL, perms=[scope.perm_name(model, "view")])
    user = UserFactory(unit=units["invest"], roles=[role])
    expected = set(scope.restrict(model.objects.all(), user).values_list("pk", flat=True))
    everything = set(model.objects.values_list("pk", flat=True))
    assert expected and expected != everything, "the other zone's rows must be hidden"
    got = ids(token_client(api_client, user).get(url + "?limit=500"))
    assert got == expected


def test_scope_limited_unit_user_sees_only_its_unit_in_units_api(api_client, unit_user, units):
    got = ids(token_client(api_client, unit_user).get("/api/units/"))
    assert got == {units["invest"].pk}


def test_unit_and_below_scope_includes_children_but_not_siblings(units):
    role = RoleFactory(data_scope=DataScope.UNIT_AND_BELOW, perms=["core.view_unit"])
    user = UserFactory(unit=units["invest"], roles=[role])
    names = set(scope.restrict(Unit.objects.all(), user).values_list("name", flat=True))
    assert names == {"招商局", "招商一科"}


def test_scopes_of_several_roles_are_united(units):
    own = RoleFactory(data_scope=DataScope.UNIT, perms=["core.view_unit"])
    self_only = RoleFactory(data_scope=DataScope.SELF, perms=["core.view_unit"])
    user = UserFactory(unit=units["econ"], roles=[own, self_only])
    mine = Unit.objects.create(zone=units["econ"].zone, name="自建单位", created_by=user)
    visible = set(scope.restrict(Unit.objects.all(), user))
    assert visible == {units["econ"], mine}


def test_self_scope_sees_only_rows_the_user_made(units):
    role = RoleFactory(data_scope=DataScope.SELF, perms=["core.view_unit"])
    user = UserFactory(unit=units["econ"], roles=[role])
    assert not scope.restrict(Unit.objects.all(), user).exists()


def test_granted_zones_widen_a_province_leader(units, zone, other_zone):
    user = UserFactory(unit=units["office"], roles=["leader"])
    assert set(scope.restrict(Zone.objects.all(), user)) == {zone}
    user.zones.add(other_zone)
    user = User.objects.get(pk=user.pk)
    assert set(scope.restrict(Zone.objects.all(), user)) == {zone, other_zone}


def test_system_admin_is_never_filtered(admin_user, units):
    assert scope.restrict(Unit.objects.all(), admin_user).count() == Unit.objects.count()


def test_auditor_reads_audit_log_only(api_client, auditor, units):
    client = token_client(api_client, auditor)
    assert client.get("/api/audit-entries/").status_code == 200
    assert client.get("/api/units/").status_code == 403
    response = client.patch(f"/api/units/{units['invest'].pk}/", {"name": "改名"}, format="json")
    assert response.status_code == 403
    assert Unit.objects.get(pk=units["invest"].pk).name == "招商局"


def test_audit_entries_have_no_write_endpoint(api_client, admin_user, units):
    entry = AuditEntry.objects.first()
    client = token_client(api_client, admin_user)
    count = AuditEntry.objects.count()
    assert client.delete(f"/api/audit-entries/{entry.pk}/").status_code in (403, 405)
    assert client.patch(f"/api/audit-entries/{entry.pk}/", {"message": "x"}, format="json").status_code in (403, 405)
    assert client.post("/api/audit-entries/", {"message": "x"}, format="json").status_code in (403, 405)
    assert AuditEntry.objects.get(pk=entry.pk).message == entry.message
    assert AuditEntry.objects.count() == count


def test_list_pages_show_only_scoped_rows(login, unit_user, units):
    page = login(unit_user).get("/units/").content.decode()
    assert "招商局" in page and "经信局" not in page and "督查室" not in page
