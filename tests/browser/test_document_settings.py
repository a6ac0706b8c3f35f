"""In a real Chromium: the 督查室 opens 公文设置 from the reports page, changes the 机关代字 and sees the
版头 preview and the next 发文字号 follow; then drafts a summary with the 版头 switched on."""

import os
import shutil

import pytest

from tests.factories import PASSWORD
from zonework.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if not shutil.which(os.environ.get("ZONEWORK_CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)


def test_office_edits_document_settings(browser_login, zone, supervisor, live_server, artifacts_dir):
    out = artifacts_dir / "gbt"
    out.mkdir(exist_ok=True)
    year = clock.today().year
    page = browser_login(supervisor.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    page.click("text=公文设置")
    assert f"武开〔{year}〕1号" in page.inner_text("#next-number")
    page.fill("#id_number_prefix", "武经开")
    page.fill("#id_first_number", "8")
    page.fill("#id_copy_to", "市商务局、市统计局")
    page.click("#document-settings-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "已保存" in page.content()
    assert page.inner_text("#next-number") == f"武经开〔{year}〕8号"
    assert "武经开" in page.inner_text(".gw-settings-preview")
    for width, height, tag in ((1400, 900, "desktop"), (390, 844, "phone")):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(out / f"settings_{tag}.png"), full_page=True)
    page.fill("#id_number_prefix", "武〔开〕")
    page.click("#document-settings-form button[type=submit]")
    assert "不含括号" in page.inner_text("#document-settings-form")


def test_preview_with_masthead(browser_login, zone, units, supervisor, live_server, artifacts_dir):
    from tests.reports import data

    data.full_year(zone, units)
    out = artifacts_dir / "gbt"
    out.mkdir(exist_ok=True)
    page = browser_login(supervisor.username, PASSWORD)
    page.goto(f"{live_server.url}/reports/")
    page.select_option("#id_kind", "summary")
    page.fill("#id_year", "2012")
    page.click("#layout-options summary")
    page.check("#id_masthead")
    page.fill("#id_recipient", "各局、各街道、各园区")
    page.select_option("#id_urgency", "加急")
    page.click("#report-form button:has-text('预览')")
    page.wait_for_load_state("networkidle")
    year = clock.today().year
    assert page.inner_text("#report-preview .gw-mark") == "武汉经济技术开发区管委会文件"
    assert page.inner_text("#report-preview .gw-number") == f"武开〔{year}〕1号"
    assert f"发文字号 武开〔{year}〕1号 将在下载" in page.inner_text("#issued-number")
    assert "各局、各街道、各园区：" in page.inner_text("#report-preview")
    assert page.locator("#report-preview .gw-colophon").count() == 1
    box = page.locator("#report-preview .gw-mark span").bounding_box()
    paper = page.locator("#report-preview .gw-page").bounding_box()
    assert paper["x"] < box["x"] and box["x"] + box["width"] * 0.75 < paper["x"] + paper["width"]
    assert "number=1" in page.get_attribute("#download-docx", "href")  # the download takes the number shown
    for width, height, tag in ((1400, 900, "desktop"), (390, 844, "phone")):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(out / f"preview_{tag}.png"), full_page=False)
