"""In a real Chromium: the province user opens the ranking, a zone's scores, and one score's detail."""

import os
import shutil

import pytest

from tests.factories import PASSWORD
from zonework.core import clock
from zonework.economy.models import Indicator, Observation
from zonework.evaluation import actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

if not shutil.which(os.environ.get("ZONEWORK_CHROMIUM", "/usr/bin/chromium")):
    pytest.skip("/usr/bin/chromium is not installed", allow_module_level=True)


def test_province_opens_ranking_and_a_score_detail(browser_login, zone, other_zone, leader, live_server,
                                                   artifacts_dir):
    year = clock.today().year - 1
    leader.zones.add(other_zone)
    gdp, _ = Indicator.objects.get_or_create(name="地区生产总值", defaults={"unit": "亿元"})
    Observation.objects.create(zone=zone, indicator=gdp, year=year, ytd_value=900)
    Observation.objects.create(zone=other_zone, indicator=gdp, year=year, ytd_value=700)
    actions.recompute(actions.load_example_scheme(year=year), year, acting_user=leader)
    out = artifacts_dir / "evaluation"
    out.mkdir(exist_ok=True)
    page = browser_login(leader.username, PASSWORD)
    assert page.locator("#zw-sidebar a", has_text="考核评价").count() == 1
    for width, height, tag in ((1400, 900, "desktop"), (390, 844, "phone")):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/evaluation/")
        assert page.locator("#ranking-table tbody tr").count() == 2
        page.screenshot(path=str(out / f"ranking_{tag}.png"), full_page=True)
        page.click(f"#ranking-table a:has-text('{zone.name}')")
        page.click("#zone-scores a:has-text('地区生产总值')")
        assert "第 1 名" in page.inner_text("#formula")
        page.screenshot(path=str(out / f"score_detail_{tag}.png"), full_page=True)
