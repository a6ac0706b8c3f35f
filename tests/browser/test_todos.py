"""待办 in a real browser: the supervisor's bell leads to the completion request waiting in the demo;
approving it takes it off the list. Desktop and phone (390 px) screenshots."""

import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zonework@2026"


@pytest.fixture
def demo(transactional_db):
    from django.apps import apps

    from zonework.core import demo as core_demo

    context = core_demo.load()
    apps.get_app_config("work").load_demo(context, io.StringIO())
    return context


def test_the_bell_leads_the_supervisor_to_a_completion_request(demo, browser_login, page, live_server,
                                                                artifacts_dir, browser):
    from zonework.work.choices import TaskStatus
    from zonework.work.models import Task

    waiting = Task.objects.get(status=TaskStatus.COMPLETION_REQUESTED)
    page = browser_login("supervisor", PASSWORD)
    count = int(page.inner_text("#todo-count"))
    assert count >= 2  # the completion request and the demo's red tasks
    page.click("#todo-bell")
    page.wait_for_load_state("networkidle")
    item = page.locator(".zw-todos a[data-kind='work.approve_completion']")
    assert item.count() == 1 and waiting.title in item.inner_text()
    assert page.locator(".zw-todos a[data-light='red']").count() >= 1
    page.screenshot(path=str(artifacts_dir / "todos_supervisor.png"), full_page=True)

    item.click()
    page.wait_for_load_state("networkidle")
    page.click("button:text-is('通过，办结')")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/todos/")
    assert page.locator(".zw-todos a[data-kind='work.approve_completion']").count() == 0
    assert int(page.inner_text("#todo-count")) == count - 1

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(f"{live_server.url}/login/")
    mobile.fill("#id_username", "zhaoshang")
    mobile.fill("#id_password", PASSWORD)
    mobile.click("button[type=submit]")
    mobile.goto(f"{live_server.url}/todos/")
    assert mobile.locator(".zw-todos a").count() >= 1
    width = mobile.evaluate("document.querySelector('.zw-todos').getBoundingClientRect().right")
    assert width <= 390  # the list fits the phone's width
    mobile.screenshot(path=str(artifacts_dir / "todos_unit_phone.png"), full_page=True)
    # On a phone the header is one line: the menu and the account open on demand, 退出 within reach.
    assert mobile.evaluate("document.querySelector('.zw-header').getBoundingClientRect().height") < 80
    assert not mobile.locator("#zw-sidebar a:text-is('督查督办')").is_visible()
    mobile.click("#sidebar-toggle")
    mobile.locator("#zw-sidebar.show a:text-is('督查督办')").wait_for(state="visible")
    mobile.wait_for_timeout(400)  # the slide-in transition, so the screenshot shows the open menu
    mobile.screenshot(path=str(artifacts_dir / "phone_menu.png"))
    mobile.click("#zw-sidebar .btn-close")
    mobile.locator("#zw-sidebar a:text-is('督查督办')").wait_for(state="hidden")
    mobile.click("#account-toggle")
    logout = mobile.locator("form[action='/logout/'] button")
    logout.wait_for(state="visible")
    assert logout.bounding_box()["x"] + logout.bounding_box()["width"] <= 390
    phone.close()
