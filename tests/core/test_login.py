"""Login security: lockout after repeated failures, idle expiry, password rules, all in Chinese."""

import datetime
import re
import time
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.factories import PASSWORD
from zonework.core import actions, clock
from zonework.core.auth import lockout_until


def login_data(client, username, password, **extra):
    """What a person types on the login page, including the captcha once the page shows one."""
    page = client.get("/login/", **extra).content.decode()
    data = {"username": username, "password": password}
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page)
    if key:
        from captcha.models import CaptchaStore

        data.update(captcha_0=key.group(1), captcha_1=CaptchaStore.objects.get(hashkey=key.group(1)).response)
    return data


def fail(client, user, times, **extra):
    name = user if isinstance(user, str) else user.username
    for _ in range(times):
        client.post("/login/", login_data(client, name, "wrong-password", **extra), **extra)


def test_five_failures_lock_the_account_even_with_the_right_password(client, unit_user):
    fail(client, unit_user, 5)
    response = client.post("/login/", login_data(client, unit_user.username, PASSWORD))
    assert response.status_code == 200
    assert "账户已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, unit_user):
    fail(client, unit_user, 4)
    response = client.post("/login/", login_data(client, unit_user.username, PASSWORD))
    assert response.status_code == 302


def test_lock_opens_after_the_window(client, unit_user):
    fail(client, unit_user, 5)
    later = clock.now() + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        assert lockout_until(unit_user.username) is None


@override_settings(ZONEWORK_LOCKOUT_ATTEMPTS=2, ZONEWORK_LOCKOUT_MINUTES=60)
def test_lockout_thresholds_are_configurable(client, unit_user):
    fail(client, unit_user, 2)
    until = lockout_until(unit_user.username)
    assert until is not None and until > clock.now() + datetime.timedelta(minutes=59)


def test_wrong_password_message_is_chinese(client, unit_user):
    response = client.post("/login/", {"username": unit_user.username, "password": "nope"})
    assert "用户名或密码错误" in response.content.decode()


def test_api_token_is_refused_while_locked(client, api_client, unit_user):
    fail(client, unit_user, 5)
    response = api_client.post("/api/token/", {"username": unit_user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert "锁定" in str(response.json())


def test_session_expires_after_30_idle_minutes(login, unit_user):
    client = login(unit_user)
    assert client.get("/").status_code == 200
    with mock.patch("zonework.core.middleware.time.time", return_value=time.time() + 31 * 60):
        response = client.get("/units/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    page = client.get(response["Location"]).content.decode()
    assert "未操作" in page
    assert client.get("/").status_code == 302


def test_activity_keeps_the_session_alive(login, unit_user):
    client = login(unit_user)
    now = time.time()
    for minutes in (20, 40, 60):
        with mock.patch("zonework.core.middleware.time.time", return_value=now + minutes * 60):
            assert client.get("/").status_code == 200


@pytest.mark.parametrize("password,message", [
    ("Ab1!short", "至少需要12个字符"),
    ("Ab1!elevenc", "至少需要12个字符"),
    ("alllowercase123", "至少3类"),
    ("ALLUPPERCASE", "至少3类"),
])
def test_weak_passwords_are_refused_in_chinese(admin_user, units, password, message):
    with pytest.raises(ValidationError) as exc:
        actions.create_user({"username": "newbie", "unit": units["econ"]}, password=password, acting_user=admin_user)
    assert message in str(exc.value)


def test_strong_password_is_accepted(admin_user, units):
    user = actions.create_user({"username": "newbie", "unit": units["econ"]}, password="Strong#Pass2026",
                               acting_user=admin_user)
    assert user.check_password("Strong#Pass2026")
