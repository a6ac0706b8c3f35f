"""The Content-Security-Policy breaks no page: charts draw, selects submit, and the browser reports no
blocked script or style on the pages that run script."""

import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zonework@2026"
PAGES = ["/", "/economy/", "/work/", "/work/statistics/", "/work/unit/", "/investment/funnel/", "/api/docs/"]


@pytest.fixture
def demo(transactional_db, tmp_path, monkeypatch, settings):
    from django.core.management import call_command

    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports"))
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())


def test_pages_that_run_script_break_no_rule_of_the_policy(demo, browser_login, page, live_server):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    browser_login("admin", PASSWORD)
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert response.ok and "script-src 'self'" in response.headers["content-security-policy"], path
    assert violations == []
    # The charts fed by json_script are drawn (ECharts renders into a canvas).
    page.goto(f"{live_server.url}/work/statistics/")
    page.wait_for_selector("#stats-chart canvas")
    page.goto(f"{live_server.url}/investment/funnel/")
    page.wait_for_selector("#funnel-chart canvas")
    # The Swagger UI's own script runs (loaded from a URL, not inline).
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info")
    assert violations == []


def test_a_select_marked_autosubmit_still_submits(demo, browser_login, page, live_server):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    browser_login("province", PASSWORD)
    switcher = page.locator("select[name=zone]")
    options = switcher.locator("option").all()
    assert len(options) > 1
    target = [o.get_attribute("value") for o in options if o.get_attribute("selected") is None][0]
    with page.expect_navigation():
        switcher.select_option(target)
    assert page.locator("select[name=zone]").input_value() == target
    assert violations == []
