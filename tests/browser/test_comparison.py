"""开发区对比 in a real browser: the province leader compares three zones on two indicators."""

from decimal import Decimal as D

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def province(transactional_db):
    from tests.economy.factories import ObservationFactory, TargetFactory, indicator
    from tests.factories import UnitFactory, ZoneFactory, role_user

    output, fai = indicator("industrial_output_above_scale"), indicator("fixed_asset_investment")
    zones = [ZoneFactory(name="武汉经济技术开发区", short_name="武汉经开区"),
             ZoneFactory(name="宁波国家高新区", short_name="宁波高新区", city="宁波市", kind="hightech"),
             ZoneFactory(name="温州经济技术开发区", short_name="温州经开区", city="温州市")]
    for z, yoy, ytd in zip(zones, ("17", "25", "19"), ("100", "150", "120"), strict=True):
        TargetFactory(zone=z, indicator=output, year=2013, growth_pct=D(20), bound="min")
        TargetFactory(zone=z, indicator=fai, year=2013, value=D(300), value_unit="亿元", growth_pct=None)
        ObservationFactory(zone=z, indicator=output, month=5, yoy_pct=D(yoy), ytd_value=D(900))
        ObservationFactory(zone=z, indicator=fai, month=5, yoy_pct=D(5), ytd_value=D(ytd))
    user = role_user("leader", UnitFactory(zone=zones[0], name="党政办公室", kind="office"), username="province")
    user.zones.add(*zones)
    return {"user": user, "zones": zones, "output": output, "fai": fai}


def test_province_compares_three_zones_on_two_indicators(province, browser, browser_login, page, live_server,
                                                        artifacts_dir):
    from tests.factories import PASSWORD

    out = artifacts_dir / "compare"
    out.mkdir(exist_ok=True)
    page = browser_login("province", PASSWORD)
    page.click("text=开发区对比")  # the sidebar entry for a user with several zones
    page.wait_for_load_state("networkidle")
    page.select_option("#year", "2013")  # the page reloads with that year's indicators
    page.wait_for_selector(f"#ind-{province['fai'].pk}")
    for ind in ("output", "fai"):
        page.check(f"#ind-{province[ind].pk}")
    page.click("#comparison-form button[type=submit]")
    page.wait_for_selector("#chart-bar canvas")
    page.wait_for_selector("#chart-heat canvas")
    assert page.locator("#comparison tbody tr[data-zone]").count() == 3
    # Sort by 固定资产投资's 完成进度: 宁波 (50%) first.
    fai = province["fai"].pk
    page.click(f"#comparison a[data-sort='{fai}:progress']")
    page.wait_for_selector("#chart-bar canvas")
    zones = page.locator("#comparison tbody tr[data-zone]").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-zone'))")
    assert zones == ["宁波国家高新区", "温州经济技术开发区", "武汉经济技术开发区"]  # 50%, 40%, 33.3%
    assert page.locator("#comparison td[data-rank]").all_inner_texts() == ["1", "2", "3"]
    page.screenshot(path=str(out / "comparison_desktop.png"), full_page=True)
    # A cell opens that zone's dashboard on that indicator.
    page.locator(f"#comparison tbody tr[data-zone] td a[href*='indicator={fai}']").first.click()
    page.wait_for_selector("#chart-ytd canvas")
    assert "宁波国家高新区" in page.inner_text("h1")
    assert page.locator("#chart-indicator option:checked").inner_text() == "固定资产投资"

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(f"{live_server.url}/login/")
    mobile.fill("#id_username", "province")
    mobile.fill("#id_password", PASSWORD)
    mobile.click("button[type=submit]")
    mobile.wait_for_load_state("networkidle")
    mobile.goto(f"{live_server.url}/economy/comparison/?year=2013&indicator={province['output'].pk}"
                f"&indicator={fai}&animation=0")
    mobile.wait_for_selector("#chart-heat canvas")
    mobile.screenshot(path=str(out / "comparison_390.png"), full_page=True)
    # The wide table scrolls inside its box; the page itself does not scroll sideways.
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
