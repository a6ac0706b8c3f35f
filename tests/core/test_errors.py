"""With DEBUG off a user never sees Django's technical pages: a missing page or a failing view gives the
product's own Chinese page, without settings, URL lists or a traceback."""

import subprocess
import sys

import pytest
from django.test import Client

from zonework.core.views import home as home_view

pytestmark = pytest.mark.django_db

TECHNICAL = ("Traceback", "settings", "urlpatterns", "SECRET_KEY", "DEBUG = True", "Using the URLconf")


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def assert_no_insides(page):
    leaked = [word for word in TECHNICAL if word in page]
    assert not leaked, leaked


def test_a_missing_page_gives_the_chinese_404_page(production, leader):
    production.force_login(leader)
    response = production.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面或记录不存在（404）" in page and "返回首页" in page
    assert 'class="nav-link' in page  # the signed-in user keeps the sidebar to go on from
    assert_no_insides(page)


def test_a_record_outside_ones_scope_gives_the_views_chinese_reason(production, leader):
    production.force_login(leader)
    response = production.get("/economy/?zone=999999")
    page = response.content.decode()
    assert response.status_code == 404 and "没有这个开发区，或它不在您的数据范围内。" in page
    assert_no_insides(page)


def test_djangos_english_not_found_text_is_not_shown(production, admin_user):
    production.force_login(admin_user)
    page = production.get("/economy/targets/999999/").content.decode()
    assert "页面或记录不存在" in page and "matches the given query" not in page


def test_a_failing_view_gives_the_chinese_500_page(production, supervisor, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("settings are broken: urlpatterns of zonework.settings")

    monkeypatch.setattr(home_view, "render", fail)
    production.force_login(supervisor)  # the ordinary home (a leader's is the cockpit)
    response = production.get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "系统出现错误（500）" in page and "返回首页" in page
    assert_no_insides(page)
    assert "RuntimeError" not in page and "broken" not in page


def test_the_demo_setting_turns_debug_off_and_serves_the_local_hosts():
    """run.sh starts the demo with ZONEWORK_DEBUG=0: DEBUG is off and 127.0.0.1 / localhost are allowed."""
    code = "from zonework import settings as s; print(s.DEBUG, '127.0.0.1' in s.ALLOWED_HOSTS, 'localhost' in s.ALLOWED_HOSTS)"
    out = subprocess.run([sys.executable, "-c", code], env={"ZONEWORK_DEBUG": "0", "PATH": "/usr/bin:/bin",
                                                                 "ZONEWORK_SECRET_KEY": "k" * 50},
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True", "True"]


def test_an_expired_form_and_an_unknown_host_get_chinese_pages(settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "页面已过期，未保存" in response.content.decode()
    response = client.get("/login/", HTTP_HOST="intranet.example")
    assert response.status_code == 400 and "请求无效（400）" in response.content.decode()
    assert_no_insides(response.content.decode())
