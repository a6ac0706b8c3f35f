"""领导驾驶舱 in Chromium: the leader's home at 1400 px and on a phone (390 px), and the meeting-room
screen at 1920×1080 in the dark theme. Every chart is drawn from the local ECharts; a click on a figure
opens its list. Screenshots under test-artifacts/."""


import pytest

from tests.cockpit_demo import load_cockpit_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zonework@2026"
CHARTS = ("#chart-indicators", "#chart-tasks", "#chart-funnel", "#chart-requests")


@pytest.fixture
def demo(transactional_db):
    return load_cockpit_demo()


def _drawn(page, selector):
    return page.evaluate(f"!!document.querySelector('{selector} svg')")


def _clipped_labels(page):
    """Chart labels (SVG text) that stick out of their chart's box: the reader sees them cut off."""
    return page.evaluate("""() => {
      const out = [];
      for (const chart of document.querySelectorAll('.zw-cockpit-chart')) {
        const box = chart.getBoundingClientRect();
        for (const t of chart.querySelectorAll('svg text')) {
          const r = t.getBoundingClientRect();
          if (!t.textContent.trim() || r.width === 0) continue;
          if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
            out.push(chart.id + ': ' + t.textContent);
        }
      }
      return out;
    }""")


def test_the_leaders_cockpit_on_a_desktop_a_phone_and_the_meeting_room_screen(
        demo, browser_login, page, live_server, artifacts_dir, browser):
    page = browser_login("leader", PASSWORD)
    assert page.locator("#cockpit-tasks").is_visible()
    for chart in CHARTS:
        assert _drawn(page, chart), chart
    # The blocks sit two by two at 1400 px: the first two share a row.
    tops = page.evaluate("[...document.querySelectorAll('#cockpit ~ .row > div')].map(e => e.getBoundingClientRect().top)")
    assert tops[0] == tops[1]
    assert _clipped_labels(page) == []
    page.screenshot(path=str(artifacts_dir / "cockpit_desktop.png"), full_page=True)

    # A figure is a link to its list, filtered.
    page.click("#cockpit-tasks a[data-light='red']")
    page.wait_for_load_state("networkidle")
    assert "/work/" in page.url and "light=red" in page.url

    page.goto(f"{live_server.url}/?screen=1")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert page.locator(".zw-header").count() == 0
    for chart in CHARTS:
        assert _drawn(page, chart), chart
    # One screen: nothing below 1080 px that the room cannot see.
    bottom = page.evaluate("Math.max(...[...document.querySelectorAll('.card')].map(e => e.getBoundingClientRect().bottom))")
    assert bottom <= 1080
    assert _clipped_labels(page) == []
    page.screenshot(path=str(artifacts_dir / "cockpit_screen_1920.png"))

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(f"{live_server.url}/login/")
    mobile.fill("#id_username", "leader")
    mobile.fill("#id_password", PASSWORD)
    mobile.click("button[type=submit]")
    mobile.wait_for_load_state("networkidle")
    assert mobile.locator("#cockpit-requests").count() == 1
    wide = mobile.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390  # no sideways scrolling on a phone
    assert _clipped_labels(mobile) == []
    mobile.screenshot(path=str(artifacts_dir / "cockpit_phone.png"), full_page=True)
    phone.close()
