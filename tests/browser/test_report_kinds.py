"""In a real Chromium: the office previews the 督查通报, a red task's figure leads to the task, and the
招商引资月报 preview offers Word and PDF; screenshots at desktop and phone width."""

import os
import shutil

import pytest

from tests.factories import PASSWORD
from tests.reports.test_investment_report import projects  # noqa: F401  (fixture)
from tests.reports.test_supervision_report import MONTH, YEAR, frozen, plan_tasks  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if not shutil.which(os.environ.get("ZONEWORK_CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)


def _shots(page, folder, name):
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}_desktop.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(folder / f"{name}_390.png"), full_page=False)
    page.set_viewport_size({"width": 1400, "height": 900})


def test_supervision_preview_links_a_red_task(browser_login, plan_tasks, zone, leader,  # noqa: F811
                                              live_server, artifacts_dir):
    _plan, tasks, _instruction = plan_tasks
    page = browser_login(leader.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/preview/?kind=supervision&zone={zone.pk}&year={YEAR}&month={MONTH}")
    preview = page.locator("#report-preview")
    assert f"{YEAR}年{MONTH}月重点工作督查通报" in preview.inner_text()
    assert page.locator("#download-docx").is_visible() and page.locator("#download-pdf").is_visible()
    _shots(page, artifacts_dir / "docs", "supervision_preview")
    link = preview.locator(f'[data-ref="work.task:{tasks["land"].pk}"]').first
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(tasks["land"].get_absolute_url())
    assert "推进土地收储" in page.inner_text("h1, .h4")


def test_investment_preview(browser_login, projects, zone, leader, live_server, artifacts_dir):  # noqa: F811
    page = browser_login(leader.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/preview/?kind=investment&zone={zone.pk}&year={YEAR}&month={MONTH}")
    text = page.locator("#report-preview").inner_text()
    assert "招商引资工作情况" in text and "开工率25%" in text
    _shots(page, artifacts_dir / "docs", "investment_preview")


def test_index_offers_the_new_kinds_and_a_pdf_job(browser_login, zone, leader, live_server, artifacts_dir):
    page = browser_login(leader.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    kinds = page.locator("#job-form select[name=kind] option").all_inner_texts()
    assert "督查通报" in kinds and "招商引资月报" in kinds
    assert page.locator("#job-form input[name=with_pdf]").is_visible()
    _shots(page, artifacts_dir / "docs", "reports_index")
