"""The investment pages as users see them."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.investment.factories import make_project
from zonework.core import clock
from zonework.investment.choices import Stage
from zonework.investment.models import InvestmentProject, StageChange

TODAY = clock.today()


@pytest.fixture
def projects(zone, units, admin_user, unit_user):
    start = TODAY.replace(month=1, day=1)
    a = make_project(admin_user, zone, units["invest"], "整车项目", [(start, Stage.SIGNED)], amount=650000,
                     officer=unit_user)
    b = make_project(admin_user, zone, units["econ"], "经信局的项目", [(start, Stage.NEGOTIATING)])
    return a, b


@pytest.mark.parametrize("url", ["/investment/", "/investment/funnel/", "/investment/figures/?by=industry",
                                 "/investment/stalled/", "/investment/projects/", "/investment/major-projects/",
                                 "/investment/projects/import/", "/investment/figures/?year=abc"])
def test_pages_open_for_a_unit_user(login, unit_user, projects, url):
    response = login(unit_user).get(url)
    assert response.status_code == 200, url


def test_unit_user_sees_only_their_units_projects_on_the_board(login, unit_user, projects):
    page = login(unit_user).get("/investment/").content.decode()
    assert "整车项目" in page and "经信局的项目" not in page


def test_leader_sees_all_but_cannot_move(login, leader, projects):
    page = login(leader).get("/investment/").content.decode()
    assert "整车项目" in page and "经信局的项目" in page and "zw-move" not in page


def test_auditor_is_refused(login, auditor, projects):
    assert login(auditor).get("/investment/").status_code == 403


def test_htmx_move_updates_the_board(login, unit_user, projects):
    a, _b = projects
    client = login(unit_user)
    response = client.post(f"/investment/projects/{a.pk}/stage/",
                           {"to_stage": "construction", "date": TODAY.isoformat(), "reason": "利用原有厂房"},
                           HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and 'id="board"' in page and "已将“整车项目”调整为“开工”" in page
    a.refresh_from_db()
    assert a.stage == "construction"
    figures = client.get("/investment/figures/").content.decode()
    assert "100.0%" in figures  # 开工率 of this year's cohort: 1 of 1


def test_backward_move_without_reason_shows_chinese_error(login, unit_user, projects):
    a, _b = projects
    response = login(unit_user).post(f"/investment/projects/{a.pk}/stage/",
                                     {"to_stage": "lead", "date": TODAY.isoformat()}, HTTP_HX_REQUEST="true")
    assert "须填写原因" in response.content.decode()
    assert StageChange.objects.filter(project=a).count() == 1


def test_paid_in_in_detail_page(login, unit_user, projects):
    a, _b = projects
    client = login(unit_user)
    response = client.post(f"/investment/projects/{a.pk}/paid-in/", {"month": TODAY.strftime("%Y-%m"),
                                                                      "amount": "-3"}, follow=True)
    assert "到位资金不能为负数" in response.content.decode()
    client.post(f"/investment/projects/{a.pk}/paid-in/", {"month": TODAY.strftime("%Y-%m"), "amount": "1200"})
    page = client.get(f"/investment/projects/{a.pk}/").content.decode()
    assert ">1200万元</td>" in page


def test_paid_in_with_a_blank_amount_names_the_field_and_saves_nothing(login, unit_user, projects):
    a, _b = projects
    response = login(unit_user).post(f"/investment/projects/{a.pk}/paid-in/",
                                     {"month": TODAY.strftime("%Y-%m"), "amount": ""}, follow=True)
    assert "到位资金（万）：" in response.content.decode()
    assert not a.paid_in.exists()


def test_project_add_form(login, unit_user, zone, units):
    client = login(unit_user)
    response = client.post("/investment/projects/add/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "新项目", "origin": "domestic",
        "agreed_investment": "-1", "currency": "CNY"})
    assert "协议投资额不能为负数" in response.content.decode()
    assert not InvestmentProject.objects.filter(name="新项目").exists()
    response = client.post("/investment/projects/add/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "新项目", "origin": "domestic",
        "agreed_investment": "5000", "currency": "CNY"})
    assert response.status_code == 302
    assert InvestmentProject.objects.get(name="新项目").stage_changes.count() == 1


def test_export_reimports_and_a_row_with_id_updates(login, unit_user, projects):
    a, _b = projects
    client = login(unit_user)
    response = client.get("/investment/projects/?export=xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["编号", "项目名称", "投资方"]
    assert ws.max_row == 2  # only the unit's own project
    ws.cell(row=2, column=header.index("投资方") + 1, value="东风汽车集团")
    ws.append([None, "新导入项目", "某投资方", "内资", "", "否", "否", "36", "", "招商局", "", 3000, "人民币", "否",
               None, None, None, None, None, "签约", TODAY.isoformat(), "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "projects.xlsx"
    response = client.post("/investment/projects/import/", {"file": buf}, follow=True)
    assert "新增1条，更新1条" in response.content.decode()
    a.refresh_from_db()
    assert a.investor == "东风汽车集团"
    new = InvestmentProject.objects.get(name="新导入项目")
    assert (new.stage, new.industry.code) == ("signed", "36")


def test_import_errors_are_numbered_by_row_and_nothing_is_saved(login, unit_user, projects):
    wb = Workbook()
    ws = wb.active
    ws.append(["编号", "项目名称", "责任单位", "协议投资额（万）", "币种", "阶段"])
    ws.append([None, "好项目", "招商局", 100, "人民币", "签约"])
    ws.append([None, "负数项目", "招商局", -5, "人民币", "签约"])
    ws.append([None, "文字金额", "招商局", "很多", "人民币", "签约"])
    ws.append([None, "没有单位", "不存在局", 1, "欧元", "签约"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "bad.xlsx"
    page = login(unit_user).post("/investment/projects/import/", {"file": buf}).content.decode()
    assert "第3行：协议投资额不能为负数" in page
    assert "第4行：协议投资额“很多”不是数字" in page
    assert "第5行：找不到责任单位“不存在局”" in page
    assert not InvestmentProject.objects.filter(name="好项目").exists()


def test_major_project_pages(login, unit_user, zone, units):
    client = login(unit_user)
    response = client.post("/investment/major-projects/add/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "整车厂二期", "total_investment": "100000",
        "construction_start_planned": "2025-03-01", "construction_start_actual": "2025-05-01",
        "production_start_actual": "2025-04-01"})
    assert "实际投产日期（2025-04-01）不能早于实际开工日期（2025-05-01）" in response.content.decode()
    response = client.post("/investment/major-projects/add/", {
        "zone": zone.pk, "unit": units["invest"].pk, "name": "整车厂二期", "total_investment": "100000",
        "construction_start_planned": "2025-03-01"})
    assert response.status_code == 302
    from zonework.investment.models import MajorProject

    major = MajorProject.objects.get()
    client.post(f"/investment/major-projects/{major.pk}/", {"year": "2025", "planned_investment": "20000",
                                                            "completed_investment": "15000"})
    page = client.get(f"/investment/major-projects/{major.pk}/").content.decode()
    assert "75.0%" in page and "红灯" in page  # 开工 planned 2025-03-01 and not reached


def test_a_leader_opens_a_major_project_read_only(login, unit_user, leader, zone, units):
    """The major-project list links each name to its page; a leader (view only) sees it, not a 403."""
    from zonework.investment import actions
    from zonework.investment.models import MajorProject

    major = actions.create_major_project({"zone": zone, "unit": units["invest"], "name": "整车厂三期",
                                          "total_investment": 50000}, acting_user=unit_user)
    actions.set_major_project_year(major, TODAY.year, acting_user=unit_user, planned=20000, completed=5000)
    response = login(leader).get(f"/investment/major-projects/{major.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "查看重大项目" in page and "整车厂三期" in page and "25.0%" in page
    assert "保存年度投资" not in page and "/delete/" not in page
    export = login(leader).get("/investment/major-projects/?export=xlsx")
    sheet = load_workbook(io.BytesIO(export.getvalue())).active
    header = [c.value for c in sheet[1]]
    assert "总投资" not in header
    assert sheet.cell(2, header.index("总投资（万元）") + 1).value == 50000  # a number a spreadsheet can sum
    response = login(leader).post(f"/investment/major-projects/{major.pk}/", {"year": TODAY.year,
                                  "planned_investment": "1", "completed_investment": "1"})
    assert response.status_code == 403
    assert MajorProject.objects.get().years.get().planned_investment == 20000


def test_amounts_read_in_yi_or_wan_on_every_page(login, leader, projects, zone, units, admin_user):
    """650000万元 is written 65亿元 wherever it shows; a small amount stays in 万元."""
    a, _b = projects
    start = TODAY.replace(month=1, day=1)
    make_project(admin_user, zone, units["invest"], "小项目", [(start, Stage.SIGNED)], amount=8500)
    client = login(leader)
    assert "65亿元" in client.get(f"/investment/projects/{a.pk}/").content.decode()
    listing = client.get("/investment/projects/").content.decode()
    assert "65亿元" in listing and "8500万元" in listing and "650000万元" not in listing
    figures = client.get("/investment/figures/?by=park").content.decode()
    assert ">65.85亿元</td>" in figures  # the total row: 650000 + 8500 万元


def test_ticked_projects_are_exported_alone(login, leader, projects, zone):
    """导出选中 on the project list: the file holds the ticked rows only, and says so in the audit log."""
    from zonework.core.models import AuditEntry

    a, b = projects
    client = login(leader)
    page = client.get("/investment/projects/").content.decode()
    assert 'id="export-selected"' in page and f'name="pk" value="{b.pk}"' in page
    sheet = load_workbook(io.BytesIO(client.get(f"/investment/projects/?export=xlsx&pk={b.pk}").content)).active
    column = [c.value for c in sheet[1]].index("项目名称")
    names = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert names == [b.name]
    assert AuditEntry.objects.filter(action="export", message__contains="导出选中的").exists()


def _board_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/investment/")  # after a write the first request also refills the bell's cached count
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/investment/").content.decode()
    return page, len(ctx.captured_queries)


def test_a_long_column_shows_its_latest_cards_and_links_to_the_rest_at_a_fixed_cost(login, unit_user, zone, units):
    from zonework.investment.views import BOARD_ROWS

    client = login(unit_user)
    for i in range(BOARD_ROWS + 3):
        make_project(unit_user, zone, units["invest"], f"洽谈项目{i:02d}", [(TODAY, Stage.NEGOTIATING)])
    page, few = _board_queries(client)
    column = page.split('data-stage="negotiating"', 1)[1].split('data-stage="signed"', 1)[0]
    assert column.count('class="card mb-1 zw-project"') == BOARD_ROWS
    assert f">{BOARD_ROWS + 3}</a>" in column and "另有3个，查看全部" in column
    assert 'href="/investment/projects/?stage=negotiating"' in column
    for i in range(20):
        make_project(unit_user, zone, units["invest"], f"更多洽谈项目{i:02d}", [(TODAY, Stage.NEGOTIATING)])
    page, many = _board_queries(client)
    assert many == few  # twenty more projects cost no query
    assert "另有23个，查看全部" in page


def test_home_and_cockpit_cost_the_same_with_more_projects(login, unit_user, leader, zone, units, client):
    """The home cards, the stalled to-dos and the cockpit's funnel are counted in SQL: twenty more
    projects (stalled ones among them) cost no query."""
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    old = TODAY - datetime.timedelta(days=200)

    def add(n, tag):
        for i in range(n):
            make_project(unit_user, zone, units["invest"], f"{tag}{i:02d}",
                         [(old, Stage.LEAD), (old + datetime.timedelta(days=10), Stage.SIGNED)])

    def cost(user):
        client.logout()
        login(user)
        client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    from zonework.investment.todos import STALLED_ITEMS

    add(STALLED_ITEMS + 1, "首批项目")  # past the to-do list's cap, whose summary line counts the rest
    home, cockpit = cost(unit_user), cost(leader)
    add(20, "新增项目")
    assert (cost(unit_user), cost(leader)) == (home, cockpit)
