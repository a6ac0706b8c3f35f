"""The header's zone search for a user with more zones than a list can hold: typing a few characters
offers the matching zones, choosing one switches the pages to it (desktop and a 390 px phone)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def province(transactional_db):
    from tests.factories import UnitFactory, ZoneFactory, role_user
    from zonework.core.zone_picker import ZONE_LIST_LIMIT

    home = ZoneFactory(name="省会经济技术开发区", short_name="省会经开区")
    user = role_user("leader", UnitFactory(zone=home, name="党政办公室", kind="office"), username="province")
    user.zones.add(*[ZoneFactory(name=f"第{i:02d}高新技术产业开发区", short_name=f"第{i:02d}高新区",
                                 city="襄阳市" if i == 17 else "宜昌市") for i in range(ZONE_LIST_LIMIT + 10)])
    return user


@pytest.mark.parametrize("phone", [False, True])
def test_a_province_finds_a_zone_by_typing_and_switches_to_it(province, sign_in, live_server, artifacts_dir, phone):
    from tests.factories import PASSWORD

    page = sign_in("province", PASSWORD, phone=phone)
    page.goto(f"{live_server.url}/todos/")
    if phone:
        page.click("#account-toggle")
    box = page.locator("#zone-switcher input[type=search]")
    assert box.is_visible()
    assert page.locator("#zone-switch option").count() == 2  # not 31 zones in the page
    box.fill("襄阳")
    page.locator("#zone-switch-hits[data-query='襄阳']").wait_for(state="attached")
    assert page.evaluate("[...document.querySelectorAll('#zone-switch-hits option')].map(o => o.value)") == [
        "全部开发区", "第17高新技术产业开发区"]
    page.screenshot(path=str(artifacts_dir / f"zone_search_{'phone' if phone else 'desktop'}.png"))
    with page.expect_navigation():
        box.fill("第17高新技术产业开发区")
    assert "已切换到“第17高新技术产业开发区”" in page.inner_text("body")
