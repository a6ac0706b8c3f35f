"""In a real Chromium: an officer moves a project from 签约 to 开工 on the board and the funnel and
开工率 change; an enterprise request passes its time limit and turns red."""

import os
import shutil

import pytest

from tests.enterprises.factories import make_enterprise, make_request
from tests.factories import PASSWORD
from tests.investment.factories import make_project
from zonework.core import clock
from zonework.enterprises import limits
from zonework.investment.choices import Stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if not shutil.which(os.environ.get("ZONEWORK_CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)

TODAY = clock.today()


def _funnel(page, url):
    page.goto(f"{url}/investment/funnel/")
    page.wait_for_selector("#funnel-chart canvas")
    counts = {row.get_attribute("data-stage"): int(row.query_selector("[data-count]").inner_text())
              for row in page.query_selector_all("#funnel-table tr[data-stage]")}
    rate = page.inner_text("#cohort-rates [data-construction-rate]").strip()
    return counts, rate


def test_officer_moves_a_project_and_the_funnel_and_rate_change(browser_login, zone, units, admin_user, unit_user,
                                                                live_server, artifacts_dir):
    start = TODAY.replace(month=1, day=1)
    project = make_project(admin_user, zone, units["invest"], "东风雷诺整车项目", [(start, Stage.SIGNED)],
                           amount=650000, officer=unit_user)
    page = browser_login(unit_user.username, PASSWORD)

    before, rate_before = _funnel(page, live_server.url)
    assert before["signed"] == 1 and before["construction"] == 0 and rate_before == "0.0%"

    page.goto(f"{live_server.url}/investment/")
    card = page.locator(f'.zw-project[data-project="{project.pk}"]')
    assert card.locator("xpath=ancestor::*[@data-stage][1]").get_attribute("data-stage") == "signed"
    card.locator("select[name=to_stage]").select_option("construction")
    card.locator("button[type=submit]").click()
    # 签约 → 开工 skips 注册 and 供地: the board asks why and moves nothing.
    page.wait_for_selector("#board-error")
    assert "须填写原因" in page.inner_text("#board-error")
    card = page.locator(f'.zw-project[data-project="{project.pk}"]')
    card.locator("select[name=to_stage]").select_option("construction")
    card.locator("input[name=reason]").fill("利用原有厂房")
    card.locator("button[type=submit]").click()
    page.wait_for_selector("text=已将“东风雷诺整车项目”调整为“开工”")
    moved = page.locator(f'.zw-project[data-project="{project.pk}"]')
    assert moved.locator("xpath=ancestor::*[@data-stage][1]").get_attribute("data-stage") == "construction"
    page.screenshot(path=str(artifacts_dir / "investment_board_after_move.png"), full_page=True)

    after, rate_after = _funnel(page, live_server.url)
    assert after["construction"] == 1 and after["signed"] == 1 and rate_after == "100.0%"
    page.screenshot(path=str(artifacts_dir / "investment_funnel.png"), full_page=True)

    page.goto(f"{live_server.url}/investment/figures/")
    assert page.inner_text("#figures-table tr[data-total] [data-construction-rate]").strip() == "100.0%"


def test_a_request_passes_its_time_limit_and_turns_red(browser_login, zone, units, unit_user, live_server,
                                                       artifacts_dir, monkeypatch):
    firm = make_enterprise(unit_user, zone, units["invest"])
    req = make_request(unit_user, firm, units["invest"], title="新建仓库用电增容", received=TODAY)
    page = browser_login(unit_user.username, PASSWORD)
    page.goto(f"{live_server.url}/enterprises/requests/{req.pk}/")
    assert page.get_attribute("#request-light", "data-light") in {"green", "yellow"}

    # Three working days later, still not assigned (交办 within 1 working day).
    later = limits.add_working_days(TODAY, 3)
    monkeypatch.setattr(limits, "today", lambda: later)
    page.reload()
    assert page.get_attribute("#request-light", "data-light") == "red"
    assert "交办已超期" in page.inner_text("#light-note")
    page.goto(f"{live_server.url}/enterprises/")
    row = page.locator("tr", has_text="新建仓库用电增容")
    assert row.locator(".zw-light-red").count() == 1
    page.screenshot(path=str(artifacts_dir / "enterprises_request_red.png"), full_page=True)
