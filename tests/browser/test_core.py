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
