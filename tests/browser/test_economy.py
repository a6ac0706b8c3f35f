"""The leaders' dashboard in a real browser; a statistician's upload turns a light."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zonework@2026"
BUDGET = "一般公共预算收入"  # seed 000: 地方一般预算收入增长不低于31%; the demo statistics report 24.5%


@pytest.fixture
def demo(transactional_db, tmp_path, settings):
    from django.apps import apps

    from tests.conftest import SHARED
    from zonework.core import demo as core_demo
    from zonework.documents.importing import import_file
    from zonework.economy import actions
    from zonework.economy.models import Indicator

    settings.MEDIA_ROOT = tmp_path / "media"
    context = core_demo.load()
    apps.get_app_config("economy").load_demo(context, io.StringIO())
    zone, actor = context["zones"]["武汉经济技术开发区"], context["actor"]
    seed = next((SHARED / "seeds").glob("000_*.txt"), None) if (SHARED / "seeds").is_dir() else None
    if seed is not None:
        import_file(seed, zone, acting_user=actor, commit=True, options={"skip_incomplete": True})
    else:  # the seven targets seed 000 sets, as the reader finds them
        for code, rate in (("industrial_output_above_scale", 20), ("industrial_value_added_above_scale", 21),
                           ("fiscal_revenue_total", 25), ("general_budget_revenue", 31),
                           ("fixed_asset_investment", 25), ("industrial_investment", 50),
                           ("foreign_investment_used", 20)):
            actions.upsert_target(zone, Indicator.objects.get(code=code), year=2013,
                                  fields={"growth_pct": D(rate), "bound": "min"}, acting_user=actor)
    return zone


def _light(page, name):
    return page.locator(f"#target-cards .card[data-indicator='{name}']").get_attribute("data-light")


def test_leader_sees_cards_and_a_chart(demo, browser_login, page, live_server, artifacts_dir):
    page = browser_login("leader", PASSWORD)
    page.goto(f"{live_server.url}/economy/?zone={demo.pk}&year=2013&animation=0")
    assert page.locator("#target-cards .card").count() == 7
    assert "规模以上工业总产值" in page.inner_text("#target-cards")
    assert "增长不低于20%" in page.inner_text("#target-cards")
    page.wait_for_selector("#chart-ytd canvas")
    assert page.locator("#chart-yoy canvas").count() == 1
    assert page.locator("#plan-actual").count() == 1
    page.screenshot(path=str(artifacts_dir / "economy_dashboard.png"), full_page=True)


def test_statistician_upload_turns_a_light(demo, browser_login, page, live_server, artifacts_dir, tmp_path):
    page = browser_login("tongji", PASSWORD)
    page.goto(f"{live_server.url}/economy/?zone={demo.pk}&year=2013&animation=0")
    assert _light(page, BUDGET) == "red"

    page.goto(f"{live_server.url}/economy/statistics/2013/12/?zone={demo.pk}")
    with page.expect_download() as info:
        page.click("#download-template")
    path = tmp_path / "template.xlsx"
    info.value.save_as(path)
    wb = load_workbook(path)
    ws = wb["统计月报"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(row=r, column=1).value == BUDGET)
    ws.cell(row=row, column=5, value=32.5)
    wb.save(path)

    page.set_input_files("#upload-form input[type=file]", str(path))
    page.click("#upload-form button")
    page.wait_for_selector("#upload-preview")
    assert "32.5" in page.inner_text("#upload-preview")
    page.click("#commit-upload")
    page.wait_for_selector("#target-cards")
    assert "已入库" in page.inner_text("body")
    assert _light(page, BUDGET) == "green"
    page.screenshot(path=str(artifacts_dir / "economy_dashboard_after_upload.png"), full_page=True)
