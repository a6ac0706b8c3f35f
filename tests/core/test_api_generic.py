"""Every API list endpoint of every app, driven by the URL configuration (NetBox's habit): an
anonymous caller is refused and a user without permissions gets nothing."""

import pytest
from django.urls import get_resolver
from rest_framework.authtoken.models import Token
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
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=nobody).key}")
    response = api_client.get(url)
    if response.status_code == 200:
        body = response.json()
        rows = body.get("results", body) if isinstance(body, dict) else body
        assert not rows, f"{url} showed rows to a user without permissions"
    else:
        assert response.status_code in (403, 404)
