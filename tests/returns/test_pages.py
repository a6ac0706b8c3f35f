"""The pages: the statistician's filing page keeps what was typed and the messages on error, the
review page returns with reasons, the dashboard links an approved figure to its return, and the API
lists filings under the same data scope."""

from decimal import Decimal as D

from zonework.core import clock
from zonework.returns import actions

from .conftest import YEAR, figure, rows_for

OUT, FAI = "industrial_output_above_scale", "fixed_asset_investment"


def _post(filing, **by_code):
    data = {}
    for f in filing.figures.select_related("indicator"):
        ytd, yoy, note = by_code[f.indicator.code]
        data.update({f"ytd-{f.pk}": ytd, f"yoy-{f.pk}": yoy, f"unit-{f.pk}": f.indicator.unit, f"note-{f.pk}": note})
    return data


def test_an_error_keeps_what_was_typed_and_says_what_is_wrong(filing, statistician, login):
    client = login(statistician)
    page = client.get(f"/returns/filings/{filing.pk}/")
    assert page.status_code == 200 and "下载填报表" in page.content.decode()
    data = _post(filing, **{OUT: ("-820", "12.5", ""), FAI: ("150", "8", "")})
    page = client.post(f"/returns/filings/{filing.pk}/", {**data, "action": "submit"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "未能保存，请更正" in html and "“规模以上工业总产值”不能为负数（1-N月累计填了-820）" in html
    assert 'value="-820"' in html and 'value="150"' in html  # nothing typed is lost
    assert figure(filing, FAI).ytd_value is None
    data = _post(filing, **{OUT: ("820", "12.5", ""), FAI: ("150", "8", "")})
    page = client.post(f"/returns/filings/{filing.pk}/", {**data, "action": "submit"}, follow=True)
    assert "已报送，等待审核" in page.content.decode()
    filing.refresh_from_db()
    assert filing.status == "submitted"


def test_the_review_page_returns_one_figure_and_only_the_reviewer_may_open_it(filing, statistician, reviewer, login,
                                                                             client):
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("820", "12.5"), FAI: ("150", "8")}), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    login(statistician)
    assert client.get(f"/returns/filings/{filing.pk}/review/").status_code == 403
    client.logout()
    login(reviewer)
    out = figure(filing, OUT)
    page = client.post(f"/returns/filings/{filing.pk}/review/", {"action": "return"})
    assert page.status_code == 400 and "请至少为一项数据填写退回原因" in page.content.decode()
    page = client.post(f"/returns/filings/{filing.pk}/review/", {"action": "return", f"reason-{out.pk}": "单位有误"})
    assert page.status_code == 302
    filing.refresh_from_db()
    assert filing.status == "returned" and figure(filing, OUT).return_reason == "单位有误"
    history = client.get(f"/returns/figures/{out.pk}/").content.decode()
    assert "报送" in history and "单位有误" in history


def test_another_zone_cannot_open_the_filing(filing, far_statistician, login):
    client = login(far_statistician)
    assert client.get(f"/returns/filings/{filing.pk}/").status_code == 404


def test_the_dashboard_links_an_approved_figure_to_its_return(filing, statistician, reviewer, zone):
    from tests.economy.factories import TargetFactory, indicator
    from zonework.economy import dashboard

    TargetFactory(zone=zone, indicator=indicator(OUT), year=YEAR, growth_pct=D(10), bound="min")
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("820", "12.5"), FAI: ("150", "8")}), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    actions.approve_filing(filing, acting_user=reviewer)
    card = dashboard.build(zone, clock.today().year)["cards"][0]
    assert card.value_url == f"/returns/filings/{filing.pk}/"
    assert card.value_text == "820亿元" and card.yoy_text == "12.5%"


def test_the_api_lists_filings_in_the_callers_scope(filing, far_statistician, reviewer, api_client, other_zone):
    api_client.force_authenticate(far_statistician)
    body = api_client.get("/api/returns/filings/").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["zone"], row["status"], row["period_label"], row["late"]) == (other_zone.pk, "draft", "1-5月", False)
    assert [f["indicator_name"] for f in row["figures"]] == ["规模以上工业总产值", "固定资产投资"]
    api_client.force_authenticate(reviewer)
    assert api_client.get("/api/returns/filings/?status=draft").json()["count"] == 2


def test_the_sidebar_shows_returns_to_whoever_may_see_them(filing, statistician, unit_user, login, client):
    login(statistician)
    assert 'href="/returns/"' in client.get("/").content.decode()
    client.logout()
    login(unit_user)
    assert 'href="/returns/"' not in client.get("/").content.decode()


def test_the_province_defines_a_form_on_its_page(reviewer, indicators, zone, other_zone, login):
    from zonework.returns.models import ReturnForm

    client = login(reviewer)
    page = client.get("/returns/forms/new/")
    assert page.status_code == 200 and "宁波国家高新区" in page.content.decode()
    data = {"name": "季度外资报表", "frequency": "quarterly", "due_day": "15", "jump_pct": "25",
            "indicators": [indicators[0].pk], "zones": [zone.pk, other_zone.pk], "active": "on"}
    page = client.post("/returns/forms/new/", {**data, "indicators": []})
    assert "请选择至少一项指标" in page.content.decode()
    assert not ReturnForm.objects.filter(name="季度外资报表").exists()
    page = client.post("/returns/forms/new/", data)
    form = ReturnForm.objects.get(name="季度外资报表")
    assert page.status_code == 302 and page["Location"] == f"/returns/forms/{form.pk}/"
    assert (form.frequency, form.due_day, form.zones.count()) == ("quarterly", 15, 2)
    grid = client.get(f"/returns/forms/{form.pk}/").content.decode()
    assert "第1季度" in grid and "截止 04-15" in grid


def test_the_filing_page_takes_the_filled_excel_and_refuses_a_bad_one(filing, statistician, login):
    import io

    from openpyxl import load_workbook

    from zonework.core.excel import workbook_bytes

    client = login(statistician)
    download = client.get(f"/returns/filings/{filing.pk}/excel/")
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(download.content))
    ws = wb["数据填报"]
    ws["C5"], ws["D5"], ws["C6"], ws["D6"] = 820, 12.5, "一百五", 8
    bad = io.BytesIO(workbook_bytes(wb))
    bad.name = "filled.xlsx"
    page = client.post(f"/returns/filings/{filing.pk}/", {"action": "upload", "file": bad})
    assert page.status_code == 400 and "“固定资产投资”1-N月累计“一百五”不是数字" in page.content.decode()
    ws["C6"] = 150
    good = io.BytesIO(workbook_bytes(wb))
    good.name = "filled.xlsx"
    page = client.post(f"/returns/filings/{filing.pk}/", {"action": "upload", "file": good}, follow=True)
    assert "填报表已读入，请核对后报送" in page.content.decode()
    assert str(figure(filing, FAI).ytd_value) == "150.0000"
