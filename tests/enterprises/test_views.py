"""The enterprise service pages as users see them."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from tests.enterprises.factories import make_enterprise, make_request
from zonework.core import clock
from zonework.enterprises.models import Enterprise, ServiceRequest

TODAY = clock.today()


@pytest.fixture
def enterprise(zone, units, unit_user):
    return make_enterprise(unit_user, zone, units["invest"], credit_code="91420100MA4K5C2A7H")


@pytest.mark.parametrize("url", ["/enterprises/", "/enterprises/requests/", "/enterprises/requests/add/",
                                 "/enterprises/requests/figures/", "/enterprises/companies/",
                                 "/enterprises/companies/add/", "/enterprises/companies/import/",
                                 "/enterprises/requests/figures/?date_from=bad"])
def test_pages_open(login, unit_user, enterprise, url):
    assert login(unit_user).get(url).status_code == 200


def test_enterprise_form_refuses_an_invalid_credit_code(login, unit_user, zone, units):
    response = login(unit_user).post("/enterprises/companies/add/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "某公司", "credit_code": "91420100MA4K5C2A7J"})
    assert "校验位错误" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_request_goes_through_its_steps_on_the_detail_page(login, unit_user, enterprise, units):
    client = login(unit_user)
    response = client.post("/enterprises/requests/add/", {
        "zone": enterprise.zone_id, "enterprise": enterprise.pk, "category": "utilities", "title": "用电增容",
        "received_date": TODAY.isoformat(), "unit": units["invest"].pk})
    assert response.status_code == 302
    req = ServiceRequest.objects.get()
    url = f"/enterprises/requests/{req.pk}/"
    client.post(url + "transition/", {"step": "assign", "unit": units["invest"].pk, "date": TODAY.isoformat()})
    page = client.post(url + "transition/", {"step": "reply", "reply": "", "date": TODAY.isoformat()},
                       follow=True).content.decode()
    assert "请填写答复内容" in page
    client.post(url + "transition/", {"step": "reply", "reply": "已协调供电公司。", "date": TODAY.isoformat()})
    client.post(url + "transition/", {"step": "close", "satisfaction": "5", "date": TODAY.isoformat()})
    req.refresh_from_db()
    assert (req.state, req.satisfaction) == ("closed", 5)
    assert "按时办结" in client.get(url).content.decode()


def test_overdue_request_is_red_in_the_list(login, unit_user, enterprise, units):
    make_request(unit_user, enterprise, units["invest"], received=TODAY - datetime.timedelta(days=10), title="久拖未办")
    page = login(unit_user).get("/enterprises/").content.decode()
    assert "久拖未办" in page and "zw-light-red" in page


def test_other_units_requests_are_hidden(login, unit_user, admin_user, enterprise, units):
    make_request(admin_user, enterprise, units["econ"], title="经信局的诉求")
    page = login(unit_user).get("/enterprises/").content.decode()
    assert "经信局的诉求" not in page


def test_enterprise_export_reimports(login, unit_user, enterprise):
    client = login(unit_user)
    wb = load_workbook(io.BytesIO(client.get("/enterprises/companies/?export=xlsx").content))
    ws = wb.active
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("联系人") + 1, value="刘经理")
    ws.append([None, "新企业", "91350100M000100Y43", "36", "", "招商局", "是", "否", "否", "", "", "", ""])
    ws.append([None, "坏代码企业", "91350100M000100Y44", "", "", "招商局", "是", "否", "否", "", "", "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "e.xlsx"
    page = client.post("/enterprises/companies/import/", {"file": buf}).content.decode()
    assert "第4行：统一社会信用代码“91350100M000100Y44”校验位错误" in page
    assert Enterprise.objects.count() == 1
    ws.delete_rows(4)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "e.xlsx"
    response = client.post("/enterprises/companies/import/", {"file": buf}, follow=True)
    assert "新增1条，更新1条" in response.content.decode()
    enterprise.refresh_from_db()
    assert enterprise.contact_name == "刘经理"


def test_not_an_xlsx_file(login, unit_user):
    buf = io.BytesIO(b"not a workbook")
    buf.name = "x.xlsx"
    page = login(unit_user).post("/enterprises/companies/import/", {"file": buf}).content.decode()
    assert "无法读取Excel文件" in page


def test_visit_is_recorded(login, unit_user, enterprise):
    client = login(unit_user)
    client.post(f"/enterprises/companies/{enterprise.pk}/visits/", {"date": TODAY.isoformat(), "summary": "座谈"})
    assert "座谈" in client.get(f"/enterprises/companies/{enterprise.pk}/").content.decode()


def test_visit_without_a_date_names_the_field_and_records_nothing(login, unit_user, enterprise):
    response = login(unit_user).post(f"/enterprises/companies/{enterprise.pk}/visits/", {"summary": "座谈"},
                                     follow=True)
    assert "走访日期：" in response.content.decode()
    assert not enterprise.visits.exists()


def test_home_card(login, unit_user, enterprise, units):
    make_request(unit_user, enterprise, units["invest"], received=TODAY - datetime.timedelta(days=10))
    page = login(unit_user).get("/").content.decode()
    assert "在办企业诉求1件，其中超时限1件" in page


def test_a_refused_step_keeps_what_was_typed_and_says_it_once(login, unit_user, enterprise, units):
    from zonework.enterprises import actions

    req = make_request(unit_user, enterprise, units["invest"], title="新建仓库用电增容")
    actions.assign_request(req, units["invest"], acting_user=unit_user)
    client = login(unit_user)
    url = f"/enterprises/requests/{req.pk}/transition/"
    # Closing with a date in the future is refused; the enterprise's rating and who gave it stay.
    req = actions.reply_request(req, "已协调供电公司", acting_user=unit_user)
    tomorrow = clock.today() + datetime.timedelta(days=1)
    response = client.post(url, {"step": "close", "date": tomorrow.isoformat(), "satisfaction": "4", "rated_by": "王经理"})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("日期不能晚于今天") == 1
    assert '<option value="4" selected>' in page and 'value="王经理"' in page and f'value="{tomorrow.isoformat()}"' in page
    assert ServiceRequest.objects.get(pk=req.pk).satisfaction is None
    # Reopening without a reason: the date typed is kept, the message shown once.
    response = client.post(url, {"step": "reopen", "date": clock.today().isoformat(), "reason": "", "rated_by": "李经理",
                                 "satisfaction": "2"})
    page = response.content.decode()
    assert response.status_code == 400 and page.count("重新办理须填写企业不满意的原因") == 1
    assert 'value="李经理"' in page


def test_a_refused_reply_keeps_the_reply_text(login, unit_user, enterprise, units):
    from zonework.enterprises import actions

    req = make_request(unit_user, enterprise, units["invest"])
    actions.assign_request(req, units["invest"], acting_user=unit_user)
    typed = "已协调区城管局，三日内完成排水管网疏通。"
    tomorrow = clock.today() + datetime.timedelta(days=1)
    response = login(unit_user).post(f"/enterprises/requests/{req.pk}/transition/",
                                     {"step": "reply", "date": tomorrow.isoformat(), "reply": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert f">{typed}</textarea>" in page and page.count("日期不能晚于今天") == 1
    assert ServiceRequest.objects.get(pk=req.pk).reply in ("", None)
