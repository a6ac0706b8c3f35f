"""数据填报 in a real browser (issue 14's "Done when"): a zone files a monthly return, the province returns
one figure with a reason, the zone corrects and resubmits, the province approves, and the figure shows
on the zone's dashboard with the return as its source."""

from decimal import Decimal as D

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting(transactional_db):
    from tests.economy.factories import TargetFactory, indicator
    from tests.factories import RoleFactory, UnitFactory, ZoneFactory, role_user
    from zonework.core import clock
    from zonework.core.choices import DataScope
    from zonework.returns import actions
    from zonework.returns.demo import FILER_PERMS, REVIEWER_PERMS

    year, month = clock.last_ended_month()
    output, fai = indicator("industrial_output_above_scale"), indicator("fixed_asset_investment")
    wuhan = ZoneFactory(name="武汉经济技术开发区", short_name="武汉经开区")
    zones = [wuhan, ZoneFactory(name="宁波国家高新区", short_name="宁波高新区", city="宁波市"),
             ZoneFactory(name="温州经济技术开发区", short_name="温州经开区", city="温州市")]
    TargetFactory(zone=wuhan, indicator=output, year=year, growth_pct=D(10), bound="min")
    reviewer = RoleFactory(code="return_reviewer", name="省级审核员", data_scope=DataScope.ALL, perms=REVIEWER_PERMS)
    province = role_user("leader", UnitFactory(zone=wuhan, name="省商务厅", kind="office"), username="province",
                         display_name="省商务厅")
    province.roles.add(reviewer)
    province.zones.add(*zones)
    filer = RoleFactory(code="statistician", name="统计员", data_scope=DataScope.ALL,
                        perms=[*FILER_PERMS, "economy.view_indicator", "economy.view_observation", "core.view_zone"])
    role_user(filer.code, UnitFactory(zone=wuhan, name="经发局"), username="tongji", display_name="刘统计")
    form = actions.create_form({"name": "主要经济指标月报", "frequency": "monthly", "due_day": 28, "jump_pct": 30,
                                "zones": zones, "indicators": [output, fai]}, acting_user=province)
    return {"year": year, "month": month, "form": form, "wuhan": wuhan, "output": output, "fai": fai}


def _login(browser, live_server, username, width=1400, height=900):
    from tests.factories import PASSWORD

    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height},
                                  is_mobile=width < 500)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return context, page


def _row(page, name):
    return page.locator(f"#figures tr[data-indicator='{name}']")


def test_zone_files_province_returns_zone_corrects_province_approves(setting, browser, live_server, artifacts_dir):
    from zonework.returns.models import ReturnFiling

    out = artifacts_dir / "returns"
    out.mkdir(exist_ok=True)
    year, month, form = setting["year"], setting["month"], setting["form"]
    province_ctx, province = _login(browser, live_server, "province")
    tongji_ctx, tongji = _login(browser, live_server, "tongji")

    # The province opens the month for its three zones from the status grid.
    province.click("#zw-sidebar >> text=数据填报")
    province.click(f"#return-forms >> text={form.name}")
    province.select_option("#year", str(year))
    province.click("#grid-year button")
    province.click(f"#status-grid button[data-open='{month}']")
    province.wait_for_selector("#status-grid td[data-status='draft']")
    assert province.locator("#status-grid td[data-status='draft']").count() == 3
    filing = ReturnFiling.objects.get(form=form, zone=setting["wuhan"], year=year, period=month)

    # The zone's statistician finds it under 待我填报, types a negative figure, reads why it is refused.
    tongji.goto(f"{live_server.url}/returns/")
    tongji.screenshot(path=str(out / "index_desktop.png"), full_page=True)
    tongji.click(f"#my-filings >> text={form.name}")
    out_id = filing.figures.get(indicator=setting["output"]).pk
    fai_id = filing.figures.get(indicator=setting["fai"]).pk
    tongji.fill(f"#ytd-{out_id}", "-820")
    tongji.fill(f"#yoy-{out_id}", "12.5")
    tongji.fill(f"#ytd-{fai_id}", "150")
    tongji.fill(f"#yoy-{fai_id}", "8")
    tongji.click("#submit-filing")
    tongji.wait_for_selector("#filing-errors")
    assert "“规模以上工业总产值”不能为负数" in tongji.inner_text("#filing-errors")
    assert tongji.input_value(f"#ytd-{fai_id}") == "150"  # what was typed is kept
    tongji.screenshot(path=str(out / "filing_error_desktop.png"), full_page=True)
    tongji.fill(f"#ytd-{out_id}", "820")
    tongji.click("#submit-filing")
    tongji.wait_for_selector("text=已报送，等待审核")
    assert tongji.inner_text("#filing-status") == "已报"

    # The province returns one figure with a reason.
    province.goto(f"{live_server.url}/returns/forms/{form.pk}/?year={year}")
    province.click("#status-grid tr[data-zone='武汉经济技术开发区'] a")
    province.click("#review-link")
    province.fill(f"#reason-{out_id}", "与统计局快报数（800亿元）不一致，请核实")
    province.screenshot(path=str(out / "review_desktop.png"), full_page=True)
    province.click("#return")
    province.wait_for_selector("#status-grid td[data-status='returned']")
    province.screenshot(path=str(out / "grid_desktop.png"), full_page=True)

    # The zone sees the to-do and the message, corrects the figure and resubmits.
    tongji.goto(f"{live_server.url}/todos/")
    tongji.click("text=更正退回的报表")
    assert "与统计局快报数（800亿元）不一致" in _row(tongji, "规模以上工业总产值").inner_text()
    assert tongji.locator(f"#ytd-{fai_id}").count() == 0  # a figure not returned stays as submitted
    assert tongji.locator("#message-count").inner_text() == "1"
    tongji.fill(f"#ytd-{out_id}", "800")
    tongji.click("#submit-filing")
    tongji.wait_for_selector("text=已报送，等待审核")

    # The province approves.
    province.goto(f"{live_server.url}/returns/filings/{filing.pk}/review/")
    province.click("#approve")
    province.wait_for_selector("#status-grid td[data-status='approved']")

    # The figure is on the zone's dashboard, and its link opens the return.
    province.goto(f"{live_server.url}/economy/?zone={setting['wuhan'].pk}&year={year}")
    card = province.locator(".zw-card[data-indicator='规模以上工业总产值']")
    assert "800亿元" in card.inner_text()
    link = card.locator(f"a[href='/returns/filings/{filing.pk}/']").first
    province.screenshot(path=str(out / "dashboard_desktop.png"), full_page=True)
    link.click()
    province.wait_for_selector("#approved-note")
    assert province.inner_text("#filing-status") == "通过"
    province.click("#figures tr[data-indicator='规模以上工业总产值'] >> text=记录")
    kinds = province.locator("#figure-events tr[data-kind]").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-kind'))")
    assert kinds == ["submitted", "returned", "corrected", "submitted", "approved"]
    province.screenshot(path=str(out / "history_desktop.png"), full_page=True)
    province_ctx.close()
    tongji_ctx.close()

    # At 390 px: the grid and the filing page, no sideways scrolling of the page.
    for username, path, name in (("province", f"/returns/forms/{form.pk}/?year={year}", "grid_390.png"),
                                 ("tongji", f"/returns/filings/{filing.pk}/", "filing_390.png")):
        ctx, phone = _login(browser, live_server, username, width=390, height=844)
        phone.goto(f"{live_server.url}{path}")
        phone.screenshot(path=str(out / name), full_page=True)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        ctx.close()
