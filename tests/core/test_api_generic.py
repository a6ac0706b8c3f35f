"""Every API list endpoint of every app, driven by the URL configuration (NetBox's habit): an
anonymous caller is refused and a user without permissions gets nothing."""

import pytest
from django.urls import get_resolver
from knox.models import AuthToken
from rest_framework.viewsets import ViewSetMixin

from tests.factories import RoleFactory, UserFactory
from zonework.core.choices import DataScope


def list_endpoints():
    found = []

    def walk(patterns, prefix):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, prefix + str(p.pattern))
                continue
            callback = p.callback
            cls = getattr(callback, "cls", None)
            actions = getattr(callback, "actions", {}) or {}
            route = prefix + str(p.pattern)
            if (cls and issubclass(cls, ViewSetMixin) and actions.get("get") == "list"
                    and route.startswith("api/") and "<" not in route and "(?P" not in route):
                found.append("/" + route.replace("^", "").replace("$", ""))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


ENDPOINTS = list_endpoints()


def test_every_app_exposes_its_api():
    assert "/api/units/" in ENDPOINTS and len(ENDPOINTS) >= 10, ENDPOINTS


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_caller_is_refused(client, url):
    assert client.get(url).status_code in (401, 403)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_user_without_permissions_gets_nothing(api_client, units, url):
    nobody = UserFactory(unit=units["invest"], roles=[RoleFactory(data_scope=DataScope.ALL)])
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(nobody)[1]}")
    response = api_client.get(url)
    if response.status_code == 200:
        body = response.json()
        rows = body.get("results", body) if isinstance(body, dict) else body
        assert not rows, f"{url} showed rows to a user without permissions"
    else:
        assert response.status_code in (403, 404)


@pytest.mark.django_db
def test_with_data_in_every_table_the_scope_rule_still_holds(api_client, tmp_path, monkeypatch, settings):
    """With the demo loaded, every list has rows: the system admin sees them (the auditor the audit log,
    which 三员分立 keeps from the admin), a user without permissions sees none and an anonymous caller is
    refused — so "sees nothing" above is not an empty table."""
    import io

    from django.core.management import call_command

    from zonework.core.models import User

    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports-here"))
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    auditor = User.objects.get(username="auditor")
    _fill_what_the_demo_leaves_empty(admin)
    nobody = UserFactory(unit=admin.unit, roles=[RoleFactory(data_scope=DataScope.ALL)])
    empty, leaked, open_to_anyone = [], [], []
    for url in ENDPOINTS:
        api_client.force_authenticate(auditor if url.startswith("/api/audit-") else admin)
        body = api_client.get(url).json()
        if not (body.get("count") if isinstance(body, dict) else len(body)):
            empty.append(url)
        api_client.force_authenticate(nobody)
        response = api_client.get(url)
        if response.status_code == 200:
            body = response.json()
            if body.get("results", body) if isinstance(body, dict) else body:
                leaked.append(url)
        api_client.force_authenticate(None)
        if api_client.get(url).status_code not in (401, 403):
            open_to_anyone.append(url)
    assert not leaked, f"rows shown to a user without permissions: {leaked}"
    assert not open_to_anyone, f"lists open to anonymous callers: {open_to_anyone}"
    # Lists the demo leaves empty by design (nothing has happened yet) would make the test vacuous again.
    assert not empty, f"the demo leaves these lists empty, so the scope test above proves nothing: {empty}"


def _fill_what_the_demo_leaves_empty(admin):
    """A report uploaded, a month's statistics staged and a report job queued, each by its own action."""
    from django.apps import apps
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zonework.core.models import Zone

    zone = Zone.objects.get(name="武汉经济技术开发区")
    if apps.is_installed("zonework.documents"):
        from zonework.documents import actions as documents

        documents.upload_document(zone, "要点.txt", "2013年工作要点\n地区生产总值增长10%。".encode(), acting_user=admin)
    if apps.is_installed("zonework.economy"):
        from zonework.economy import actions as economy
        from zonework.economy import statistics

        data = statistics.template_bytes(zone, 2013, 5)
        economy.stage_statistics_upload(zone, 2013, 5, SimpleUploadedFile("x.xlsx", data), acting_user=admin)
    if apps.is_installed("zonework.reports"):
        from zonework.reports import actions as reports

        reports.create_job(kind="summary", zones=[zone], year=2013, acting_user=admin)
