"""Every link a demo user sees in the sidebar and in a module's tab bar opens, and no list page of the
URL configuration fails, whatever the role: admin, leader, supervisor, two unit users, auditor, the
统计员 and the province's leader who sees several zones."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from tests.core.pages import links, list_urls
from zonework.core.models import User

# The demo's logins (README): one per built-in role, the statistician, and the multi-zone leader.
DEMO_USERS = ["admin", "leader", "supervisor", "zhaoshang", "jingxin", "auditor", "security", "tongji",
              "province"]
SIDEBAR = r'<aside class="[^"]*zw-sidebar.*?</aside>'
TABS = r'<ul class="nav nav-tabs.*?</ul>'


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):
    # The demo a user gets from the repository alone (no seed reports): fast and the same everywhere.
    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports"))
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    return {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)}


def open_page(client, url):
    response = client.get(url)
    error = repr(response.exc_info[1]) if response.status_code >= 500 and response.exc_info else ""
    return response, error


def test_the_demo_has_every_kind_of_user(demo):
    assert sorted(demo) == sorted(DEMO_USERS)
    assert demo["tongji"].roles.filter(name="统计员").exists()
    assert demo["province"].zones.count() > 1


def test_no_link_a_user_sees_fails_or_is_forbidden(demo):
    failures = []
    seen_pages = 0
    for username in DEMO_USERS:
        client = Client(raise_request_exception=False)
        client.force_login(demo[username])
        home, error = open_page(client, "/")
        assert home.status_code == 200, (username, error)
        sidebar = links(home.content.decode(), SIDEBAR)
        assert sidebar, f"{username} sees no sidebar"
        tabs = []
        for url in sidebar:
            response, error = open_page(client, url)
            seen_pages += 1
            if response.status_code != 200:
                failures.append((username, "sidebar", url, response.status_code, error))
            else:
                tabs += links(response.content.decode(), TABS)
        for url in dict.fromkeys(tabs):
            response, error = open_page(client, url)
            seen_pages += 1
            if response.status_code != 200:
                failures.append((username, "tab", url, response.status_code, error))
        # Pages a user reaches by address: refused (403) or absent (404) where right, never an error.
        for url in list_urls():
            response, error = open_page(client, url)
            seen_pages += 1
            if response.status_code >= 500:
                failures.append((username, "list", url, response.status_code, error))
    assert not failures, "\n".join(map(str, failures))
    assert seen_pages > 100


def test_a_unit_user_sees_no_admin_links_and_is_refused_them(demo):
    client = Client()
    client.force_login(demo["zhaoshang"])
    sidebar = links(client.get("/").content.decode(), SIDEBAR)
    assert "/users/" not in sidebar and "/audit/" not in sidebar
    assert client.get("/users/").status_code == 403


def test_a_reader_follows_a_records_link_and_sees_it_read_only(demo):
    """Lists link each record's name to its page: a leader who may not change it sees it, not a 403."""
    client = Client()
    client.force_login(demo["leader"])
    for list_url in ("/economy/targets/", "/units/"):
        record_links = [u for u in links(client.get(list_url).content.decode(), r"<table.*?</table>")
                        if u.rstrip("/").split("/")[-1].isdigit()]
        assert record_links, list_url
        response = client.get(record_links[0])
        page = response.content.decode()
        assert response.status_code == 200 and "查看" in page and "disabled" in page
        assert ">保存<" not in page and "删除" not in page.split("<main", 1)[1]
        assert client.post(record_links[0], {}).status_code == 403  # still not a way to change it
