"""A service request on a 390×844 phone, step by step: 交办 → 开始办理 → 答复 → 办结 with the enterprise's
satisfaction → 重新办理. Each step's form fits the screen (no sideways scrolling, a thumb-sized button),
the facts table reads as label/value rows, and a double tap on 交办 records one 交办.
Screenshots under test-artifacts/phone/."""

import pytest

from tests.enterprises.factories import make_enterprise, make_request
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page):
    """Nothing sticks out sideways, and every step button is at least 44 px tall (a thumb)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    heights = page.evaluate("[...document.querySelectorAll('form.zw-step button')].map(b => b.getBoundingClientRect().height)")
    assert all(h >= 44 for h in heights), heights
    widths = page.evaluate("[...document.querySelectorAll('form.zw-step input, form.zw-step select, form.zw-step textarea')]"
                           ".filter(e => e.type !== 'hidden').map(e => e.getBoundingClientRect().right)")
    assert all(r <= 390 for r in widths), widths


def test_a_service_request_walked_through_on_a_phone(zone, units, unit_user, browser, live_server, artifacts_dir):
    from zonework.enterprises.choices import RequestState
    from zonework.enterprises.models import ServiceRequest

    folder = artifacts_dir / "phone"
    folder.mkdir(exist_ok=True)
    firm = make_enterprise(unit_user, zone, units["invest"], contact_name="李经理")
    req = make_request(unit_user, firm, units["invest"], title="新建仓库用电增容")
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", unit_user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/enterprises/requests/{req.pk}/")
    assert page.get_attribute("#request-light", "data-light") == "green"  # not yellow at birth
    _fits(page)
    page.screenshot(path=str(folder / "request_received.png"), full_page=True)

    # 交办, tapped twice: one 交办 is recorded, and the button is disabled after the first tap.
    page.locator("form.zw-step[data-step=assign] button").dblclick()
    page.wait_for_load_state("networkidle")
    req.refresh_from_db()
    assert req.state == RequestState.ASSIGNED
    body = page.inner_text("main")
    assert "已保存" in body and "请勿重复交办" not in body
    # Once handed over, the same form offers 改派 (to another unit), not a second 交办.
    assert page.inner_text("form.zw-step[data-step=assign] button").strip() == "改派"
    page.screenshot(path=str(folder / "request_assigned.png"), full_page=True)
    _fits(page)

    page.click("form.zw-step[data-step=start] button")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#request-state") == RequestState.HANDLING.label
    page.fill("form.zw-step[data-step=reply] textarea[name=reply]", "已协调供电公司，下周完成增容。")
    page.screenshot(path=str(folder / "request_reply.png"), full_page=True)
    page.click("form.zw-step[data-step=reply] button")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#request-state") == RequestState.REPLIED.label
    _fits(page)

    # 办结: the satisfaction is the enterprise's answer, given by its contact person.
    page.select_option("form.zw-step[data-step=close] select[name=satisfaction]", "5")
    assert page.input_value("form.zw-step[data-step=close] input[name=rated_by]") == "李经理"
    page.screenshot(path=str(folder / "request_close.png"), full_page=True)
    page.click("form.zw-step[data-step=close] button")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#request-state") == RequestState.CLOSED.label
    assert "企业联系人李经理" in page.inner_text("#satisfaction")
    _fits(page)
    page.screenshot(path=str(folder / "request_closed.png"), full_page=True)
    req = ServiceRequest.objects.get(pk=req.pk)
    assert (req.satisfaction, req.satisfaction_by) == (5, "李经理")

    # The 变更记录 tab of this request lists the steps in Chinese.
    history = page.inner_text("body")
    assert "变更记录" in history
    # The list of requests and the enterprise's page read on the phone too: no sideways scrolling.
    for name, url in (("request_list", "/enterprises/"), ("enterprise", f"/enterprises/companies/{firm.pk}/")):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    context.close()
