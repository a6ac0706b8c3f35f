"""Issue 12 (login): the lockout bypass, lockout of the admin by a stranger, captcha, tokens, throttling,
two factors and the password policy, each as an attacker or a user would meet it."""

import datetime
import re

import pytest
import time_machine
from django.test import Client, override_settings
from knox.models import AuthToken

from tests.core.test_login import fail, login_data
from tests.factories import PASSWORD, role_user
from zonework.core import actions, clock
from zonework.core.auth import lockout_until
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry, User

HOME = "10.0.0.7"
STRANGER = "203.0.113.9"
NEW_PLACE = "198.51.100.4"


def at(ip):
    return {"REMOTE_ADDR": ip}


def page_login(client, username, password, ip="127.0.0.1"):
    return client.post("/login/", login_data(client, username, password, **at(ip)), **at(ip))


# --- one spelling of a name --------------------------------------------------------------------------


@pytest.mark.parametrize("variant", [" {}", "{}  ", "\t{}", "ｘ{}"])
def test_a_respelled_name_is_locked_with_the_account(client, api_client, unit_user, variant):
    spelled = variant.format(unit_user.username).replace("ｘ", "")
    # The attacker fails with a respelled name, then tries the right password with another spelling.
    for _ in range(5):
        api_client.post("/api/token/", {"username": spelled, "password": "wrong-password"})
    for name in (unit_user.username, f" {unit_user.username}", unit_user.username.upper().lower() + " "):
        response = api_client.post("/api/token/", {"username": name, "password": PASSWORD})
        assert response.status_code == 400, name
        assert "锁定" in str(response.json())
    assert not AuthToken.objects.filter(user=unit_user).exists()
    response = page_login(client, f" {unit_user.username}", PASSWORD)
    assert "账户已锁定" in response.content.decode()


def test_full_width_name_counts_as_the_account(api_client, unit_user):
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in unit_user.username)
    for _ in range(5):
        api_client.post("/api/token/", {"username": full_width, "password": "wrong-password"})
    failures = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, user_name=unit_user.username)
    assert failures.count() == 5
    response = api_client.post("/api/token/", {"username": unit_user.username, "password": PASSWORD})
    assert response.status_code == 400


def test_a_space_padded_name_logs_in_as_the_account(client, unit_user):
    response = page_login(client, f"  {unit_user.username} ", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(unit_user.pk)


# --- a stranger cannot keep the admin out ------------------------------------------------------------


def test_a_stranger_locking_the_admin_does_not_stop_the_admin_at_a_known_address(admin_user):
    own = Client()
    assert page_login(own, admin_user.username, PASSWORD, HOME).status_code == 302
    own.post("/logout/", **at(HOME))
    stranger = Client()
    fail(stranger, admin_user, 8, **at(STRANGER))
    # The stranger, even with the right password now, is refused, and so is any new address ...
    assert "账户已锁定" in page_login(stranger, admin_user.username, PASSWORD, STRANGER).content.decode()
    assert "账户已锁定" in page_login(Client(), admin_user.username, PASSWORD, NEW_PLACE).content.decode()
    # ... but the admin at the office's address logs in.
    response = page_login(own, admin_user.username, PASSWORD, HOME)
    assert response.status_code == 302
    assert own.get("/", **at(HOME)).status_code == 200


def test_failures_at_the_known_address_still_lock_it(admin_user):
    own = Client()
    assert page_login(own, admin_user.username, PASSWORD, HOME).status_code == 302
    own.post("/logout/", **at(HOME))
    fail(own, admin_user, 5, **at(HOME))
    assert "账户已锁定" in page_login(own, admin_user.username, PASSWORD, HOME).content.decode()


def test_the_lock_doubles_with_each_further_failure(client, unit_user):
    fail(client, unit_user, 5)
    # The first lock is the base 15 minutes ...
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=16), tick=False):
        fail(client, unit_user, 1)
        # ... one more failure after it opened locks for 30: still shut after 20 minutes, open after 31.
        with time_machine.travel(clock.now() + datetime.timedelta(minutes=20), tick=False):
            assert lockout_until(unit_user.username) is not None
        with time_machine.travel(clock.now() + datetime.timedelta(minutes=31), tick=False):
            assert page_login(Client(), unit_user.username, PASSWORD).status_code == 302


def test_one_address_trying_many_names_is_locked(client, units):
    victim = role_user("unit_user", units["econ"], username="victim")
    for n in range(20):
        client.post("/login/", login_data(client, f"guess{n}", "wrong-password"))
    response = page_login(client, victim.username, PASSWORD)
    assert "锁定" in response.content.decode()
    # The victim elsewhere is not affected.
    assert page_login(Client(), victim.username, PASSWORD, NEW_PLACE).status_code == 302


def test_the_security_admin_unlocks_from_the_user_page(login, security_admin, unit_user):
    fail(Client(), unit_user, 5, **at(STRANGER))
    admin = login(security_admin)
    page = admin.get(f"/users/{unit_user.pk}/").content.decode()
    assert "解除登录锁定" in page and "已锁定至" in page
    response = admin.post(f"/users/{unit_user.pk}/unlock/")
    assert response.status_code == 302
    assert "当前未锁定" in admin.get(f"/users/{unit_user.pk}/").content.decode()
    assert page_login(Client(), unit_user.username, PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(event="user.unlocked")
    assert entry.user == security_admin and entry.object_id == str(unit_user.pk)


def test_unlock_needs_the_permission(login, leader, unit_user):
    fail(Client(), unit_user, 5, **at(STRANGER))
    response = login(leader).post(f"/users/{unit_user.pk}/unlock/")
    assert response.status_code == 403
    assert "账户已锁定" in page_login(Client(), unit_user.username, PASSWORD).content.decode()


# --- captcha -----------------------------------------------------------------------------------------


def test_captcha_appears_after_three_failures(client, unit_user):
    fail(client, unit_user, 2)
    assert 'name="captcha_1"' not in client.get("/login/").content.decode()
    fail(client, unit_user, 1)
    page = client.get("/login/").content.decode()
    assert 'name="captcha_1"' in page and "验证码" in page
    image = re.search(r'src="(/captcha/image/[0-9a-f]+/)"', page).group(1)
    png = client.get(image)
    assert png.status_code == 200 and png["Content-Type"] == "image/png"


def test_a_wrong_captcha_is_refused_even_with_the_right_password(client, unit_user):
    fail(client, unit_user, 3)
    data = login_data(client, unit_user.username, PASSWORD)
    data["captcha_1"] = "wrong"
    response = client.post("/login/", data)
    assert response.status_code == 200
    assert "验证码错误" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.post("/login/", login_data(client, unit_user.username, PASSWORD)).status_code == 302


# --- tokens ------------------------------------------------------------------------------------------


def get_token(api_client, user, **extra):
    response = api_client.post("/api/token/", {"username": user.username, "password": PASSWORD, **extra})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def test_the_token_is_not_stored_in_plain_text(api_client, unit_user):
    token = get_token(api_client, unit_user)
    row = AuthToken.objects.get(user=unit_user)
    assert token not in (row.digest, row.token_key)
    assert len(token) > len(row.token_key) and token not in str(list(AuthToken.objects.values()))
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/units/").status_code == 200


def test_an_unused_token_expires_like_a_session(api_client, unit_user):
    token = get_token(api_client, unit_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=29), tick=False):
        assert api_client.get("/api/units/").status_code == 200
    with time_machine.travel(clock.now() + datetime.timedelta(minutes=29 + 31), tick=False):
        assert api_client.get("/api/units/").status_code in (401, 403)


def test_a_token_in_use_still_expires_after_8_hours(api_client, unit_user):
    token = get_token(api_client, unit_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    start = clock.now()
    for minutes in range(20, 8 * 60, 20):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert api_client.get("/api/units/").status_code == 200, minutes
    with time_machine.travel(start + datetime.timedelta(hours=8, minutes=1), tick=False):
        assert api_client.get("/api/units/").status_code in (401, 403)


def test_a_revoked_token_stops_working(api_client, unit_user):
    first, second = get_token(api_client, unit_user), get_token(api_client, unit_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api_client.post("/api/token/revoke/").json() == {"revoked": 1}
    assert api_client.get("/api/units/").status_code in (401, 403)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert api_client.get("/api/units/").status_code == 200
    assert api_client.post("/api/token/revoke-all/").json() == {"revoked": 1}
    assert api_client.get("/api/units/").status_code in (401, 403)
    assert AuditEntry.objects.filter(event="token.revoked", object_id=str(unit_user.pk)).count() == 2


def test_a_password_change_revokes_the_tokens(api_client, unit_user):
    token = get_token(api_client, unit_user)
    actions.change_own_password(unit_user, PASSWORD, "Another#Pass2468", acting_user=unit_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/units/").status_code in (401, 403)


def test_token_logins_are_audited(api_client, unit_user):
    api_client.post("/api/token/", {"username": unit_user.username, "password": "wrong-password"},
                    REMOTE_ADDR=STRANGER)
    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (failed.user_name, failed.source, failed.ip) == (unit_user.username, "api", STRANGER)
    get_token(api_client, unit_user)
    ok = AuditEntry.objects.get(action=AuditAction.LOGIN, event="token.created")
    assert ok.user == unit_user and ok.source == "api" and "令牌" in ok.message


def test_token_logins_are_throttled(api_client, unit_user, settings):
    settings.ZONEWORK_THROTTLE_RATES = {**settings.ZONEWORK_THROTTLE_RATES, "login": "3/min"}
    for _ in range(3):
        api_client.post("/api/token/", {"username": "nobody", "password": "x"})
    response = api_client.post("/api/token/", {"username": unit_user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert not AuthToken.objects.exists()


def test_writes_are_throttled_reads_are_not(api_client, admin_user, zone, settings):
    settings.ZONEWORK_THROTTLE_RATES = {**settings.ZONEWORK_THROTTLE_RATES, "writes": "2/min"}
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {get_token(api_client, admin_user)}")
    codes = [api_client.post("/api/parks/", {"zone": zone.pk, "name": f"园区{n}"}, format="json").status_code
             for n in range(3)]
    assert codes == [201, 201, 429]
    assert all(api_client.get("/api/parks/").status_code == 200 for _ in range(5))


def test_bad_token_requests_get_a_chinese_400(db, api_client):
    for body in ([], "text", {"username": ["a"], "password": {"x": 1}}, {"username": "a\x00b", "password": "p"}):
        response = api_client.post("/api/token/", body, format="json")
        assert response.status_code == 400, body


# --- two factors -------------------------------------------------------------------------------------


def current_code(user):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def otp_on(settings):
    settings.ZONEWORK_OTP_REQUIRED = True
    settings.ZONEWORK_OTP_ROLES = ("admin", "security_admin", "auditor")


def test_the_admin_must_enrol_a_second_factor_when_required(otp_on, login, admin_user):
    client = login(admin_user)
    response = client.get("/units/")
    assert response.status_code == 302 and response["Location"].startswith("/account/otp/")
    assert client.get("/api/units/").status_code == 403
    page = client.get(response["Location"]).content.decode()
    assert "绑定动态口令" in page and "<svg" in page
    secret = re.search(r'id="otp-secret"[^>]*>([A-Z2-7]+)<', page).group(1)
    assert len(secret) >= 32
    wrong = client.post("/account/otp/", {"token": "000000"}).content.decode()
    assert "动态口令不正确" in wrong
    # django-otp makes a device wait a little after each wrong code (1 s, then doubling).
    assert "稍后再试" in client.post("/account/otp/", {"token": current_code(admin_user)}).content.decode()
    with time_machine.travel(clock.now() + datetime.timedelta(seconds=5)):
        done = client.post("/account/otp/", {"token": current_code(admin_user), "next": "/units/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/units/").status_code == 200
    assert AuditEntry.objects.filter(event="user.otp_enrolled", object_id=str(admin_user.pk)).exists()


def test_an_enrolled_admin_verifies_with_a_code_or_a_recovery_code_once(otp_on, login, admin_user):
    client = login(admin_user)
    client.get("/account/otp/")
    done = client.post("/account/otp/", {"token": current_code(admin_user)})
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())[0]
    client.post("/logout/")
    client = login(admin_user)
    assert client.get("/").status_code == 302
    assert "动态口令验证" in client.get("/account/otp/").content.decode()
    assert client.post("/account/otp/", {"token": recovery, "next": "/units/"})["Location"] == "/units/"
    assert client.get("/units/").status_code == 200
    client.post("/logout/")
    client = login(admin_user)
    page = client.post("/account/otp/", {"token": recovery}).content.decode()
    assert "不正确" in page
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, event="otp.failed",
                                     user_name=admin_user.username).count() == 1
    assert client.get("/").status_code == 302


def test_other_roles_and_the_demo_setting_need_no_second_factor(login, admin_user, unit_user, settings):
    assert login(admin_user).get("/units/").status_code == 200
    settings.ZONEWORK_OTP_REQUIRED = True
    assert Client().post("/login/", {"username": unit_user.username, "password": PASSWORD}).status_code == 302
    other = Client()
    other.post("/login/", {"username": unit_user.username, "password": PASSWORD})
    assert other.get("/").status_code == 200


def test_a_lost_phone_is_reset_by_the_security_admin_and_enrolled_again(otp_on, login, admin_user, units):
    client = login(admin_user)
    client.get("/account/otp/")
    client.post("/account/otp/", {"token": current_code(admin_user)})
    other = role_user("security_admin", units["office"], username="secadmin")
    helper = Client()
    helper.post("/login/", {"username": other.username, "password": PASSWORD})
    helper.get("/account/otp/")
    helper.post("/account/otp/", {"token": current_code(other)})
    assert "重置动态口令" in helper.get(f"/users/{admin_user.pk}/").content.decode()
    assert helper.post(f"/users/{admin_user.pk}/reset-otp/").status_code == 302
    client.post("/logout/")
    client = login(admin_user)
    assert "绑定动态口令" in client.get("/account/otp/").content.decode()
    assert AuditEntry.objects.filter(event="user.otp_reset", object_id=str(admin_user.pk), user=other).exists()


def test_a_token_for_the_admin_needs_the_code_when_required(otp_on, login, admin_user, api_client):
    client = login(admin_user)
    client.get("/account/otp/")
    client.post("/account/otp/", {"token": current_code(admin_user)})
    response = api_client.post("/api/token/", {"username": admin_user.username, "password": PASSWORD})
    assert response.status_code == 400 and "动态口令" in str(response.json())
    assert AuditEntry.objects.filter(event="token.otp_failed").exists()


# --- passwords ---------------------------------------------------------------------------------------


def change(client, old, new):
    return client.post("/account/password/", {"old_password": old, "new_password": new, "new_password2": new})


def test_the_header_links_to_the_change_password_page(login, unit_user):
    client = login(unit_user)
    assert 'href="/account/password/"' in client.get("/").content.decode()
    page = client.get("/account/password/").content.decode()
    assert "修改密码" in page and "原密码" in page


def test_a_password_of_the_last_five_is_refused(login, unit_user):
    client = login(unit_user)
    passwords = [PASSWORD, *[f"Fresh#Pass{n}2468" for n in range(5)]]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert change(client, old, new).status_code == 302
    for reused in passwords[1:]:
        response = change(client, passwords[-1], reused)
        assert "最近5次" in response.content.decode(), reused
    # The sixth back is allowed again.
    assert change(client, passwords[-1], PASSWORD).status_code == 302


def test_a_wrong_old_password_or_a_weak_new_one_changes_nothing(login, unit_user):
    client = login(unit_user)
    assert "原密码不正确" in change(client, "not-it", "Fresh#Pass2468").content.decode()
    assert "至少需要12个字符" in change(client, PASSWORD, "Ab1!short").content.decode()
    unit_user.refresh_from_db()
    assert unit_user.check_password(PASSWORD)


def test_a_new_account_changes_its_password_at_first_login(admin_user, units):
    user = actions.create_user({"username": "newbie", "unit": units["econ"]}, password="Given#Pass2468",
                               acting_user=admin_user)
    client = Client()
    assert client.post("/login/", {"username": "newbie", "password": "Given#Pass2468"}).status_code == 302
    response = client.get("/units/")
    assert response.status_code == 302 and response["Location"] == "/account/password/"
    page = client.get("/account/password/").content.decode()
    assert "须先修改密码" in page
    assert client.get("/api/units/").status_code == 403
    assert change(client, "Given#Pass2468", "Own#Password2468").status_code == 302
    assert client.get("/").status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password


def test_a_reset_by_the_admin_forces_a_change(admin_user, unit_user, api_client):
    actions.set_password(unit_user, "Reset#Pass24680", acting_user=admin_user)
    client = Client()
    client.post("/login/", {"username": unit_user.username, "password": "Reset#Pass24680"})
    assert client.get("/")["Location"] == "/account/password/"
    response = api_client.post("/api/token/", {"username": unit_user.username, "password": "Reset#Pass24680"})
    assert response.status_code == 400 and "修改密码" in str(response.json())
    assert AuditEntry.objects.filter(event="user.password_reset", object_id=str(unit_user.pk)).exists()


def test_passwords_expire_after_90_days_as_shipped():
    from zonework import settings as shipped

    assert shipped.ZONEWORK_PASSWORD_MAX_AGE_DAYS == 90


@override_settings(ZONEWORK_PASSWORD_MAX_AGE_DAYS=90)
def test_an_expired_password_leads_to_the_change_page(unit_user):
    with time_machine.travel(clock.now() + datetime.timedelta(days=89), tick=False):
        client = Client()
        client.post("/login/", {"username": unit_user.username, "password": PASSWORD})
        assert client.get("/").status_code == 200
    with time_machine.travel(clock.now() + datetime.timedelta(days=91), tick=False):
        client = Client()
        assert client.post("/login/", {"username": unit_user.username, "password": PASSWORD}).status_code == 302
        response = client.get("/")
        assert response["Location"] == "/account/password/"
        assert "超过90天" in client.get("/account/password/").content.decode()
        assert change(client, PASSWORD, "Renewed#Pass2468").status_code == 302
        assert client.get("/").status_code == 200


def test_password_history_keeps_only_hashes(admin_user, unit_user):
    actions.set_password(unit_user, "Reset#Pass24680", acting_user=admin_user)
    stored = list(User.objects.get(pk=unit_user.pk).password_history.values_list("password", flat=True))
    assert stored and all("Reset#Pass24680" not in h for h in stored)


@pytest.mark.parametrize("request_id", ["x" * 65, "a b", "<script>", "\u4e2d" * 10])
def test_an_odd_request_id_does_not_let_a_failure_go_unrecorded(client, unit_user, request_id):
    response = client.post("/login/", {"username": unit_user.username, "password": "wrong-password"},
                           HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.request_id != request_id and len(entry.request_id) <= 64
    assert response["X-Request-ID"] == entry.request_id
