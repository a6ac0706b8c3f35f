import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_user_logs_in_and_sees_the_chinese_home_page(browser_login, unit_user, artifacts_dir, live_server):
    page = browser_login(unit_user.username, PASSWORD)
    assert page.url == f"{live_server.url}/"
    body = page.inner_text("body")
    assert "欢迎" in body and "招商局" in body and "单位用户" in body
    # The stylesheet is served locally: the header is styled (Bootstrap's primary blue).
    colour = page.eval_on_selector("nav.navbar", "e => getComputedStyle(e).backgroundColor")
    assert colour != "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(artifacts_dir / "core_home_unit_user.png"), full_page=True)


def test_wrong_password_shows_chinese_message(page, live_server, unit_user):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", unit_user.username)
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.inner_text("body")


def test_after_three_failures_the_login_page_shows_a_captcha_image_and_accepts_it(page, live_server, unit_user,
                                                                                  artifacts_dir):
    from captcha.models import CaptchaStore

    for _ in range(3):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", unit_user.username)
        page.fill("#id_password", "wrong-password")
        if page.locator("#id_captcha_1").count():
            key = page.get_attribute("#id_captcha_0", "value")
            page.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=key).response)
        page.click("button[type=submit]")
    page.goto(f"{live_server.url}/login/")
    image = page.locator("#login-captcha img")
    image.wait_for()
    assert page.eval_on_selector("#login-captcha img", "e => e.complete && e.naturalWidth > 0")
    page.screenshot(path=str(artifacts_dir / "core_login_captcha.png"))
    page.fill("#id_username", unit_user.username)
    page.fill("#id_password", PASSWORD)
    page.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=page.get_attribute("#id_captcha_0", "value")).response)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/"


def test_the_change_password_page_is_reached_from_the_header(browser_login, unit_user, live_server):
    page = browser_login(unit_user.username, PASSWORD)
    page.click("#nav-password-change")
    page.fill("#id_old_password", PASSWORD)
    page.fill("#id_new_password", "Browser#Pass2468")
    page.fill("#id_new_password2", "Browser#Pass2468")
    page.click("main button[type=submit]")
    assert "密码已修改" in page.inner_text("body")
