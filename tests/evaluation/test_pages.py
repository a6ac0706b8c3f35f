"""The ranking page, a score's detail, and the exports read back as a user would open them."""

import io

import openpyxl
import pytest
from docx import Document

from zonework.core import clock
from zonework.economy.models import Indicator, Observation
from zonework.evaluation import actions
from zonework.evaluation.models import EvaluationScore


@pytest.fixture
def run(db, zone, other_zone, leader):
    year = clock.today().year - 1
    leader.zones.add(other_zone)
    gdp, _ = Indicator.objects.get_or_create(name="地区生产总值", defaults={"unit": "亿元"})
    Observation.objects.create(zone=zone, indicator=gdp, year=year, ytd_value=900)
    Observation.objects.create(zone=other_zone, indicator=gdp, year=year, ytd_value=700)
    scheme = actions.load_example_scheme(year=year)
    return actions.recompute(scheme, year, acting_user=leader)


def test_province_sees_the_ranking_and_opens_a_score(run, leader, zone, login):
    client = login(leader)
    page = client.get("/evaluation/").content.decode()
    assert zone.name in page and "宁波国家高新区" in page
    score = EvaluationScore.objects.get(run=run, zone=zone, item__name="地区生产总值")
    detail = client.get(f"/evaluation/scores/{score.pk}/").content.decode()
    assert "900" in detail and "第 1 名" in detail and "来源不完整" in detail


def test_one_zone_user_sees_own_zone_only(run, supervisor, other_zone, login):
    client = login(supervisor)
    page = client.get("/evaluation/").content.decode()
    assert "武汉经济技术开发区" in page and other_zone.name not in page
    score = EvaluationScore.objects.filter(run=run, zone=other_zone).first()
    assert client.get(f"/evaluation/scores/{score.pk}/").status_code == 404


def test_ranking_xlsx_and_docx_read_back(run, leader, login):
    client = login(leader)
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/evaluation/?export=xlsx").content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("总排名", "开发区") and rows[1][1] == "武汉经济技术开发区" and len(rows) == 3
    doc = Document(io.BytesIO(client.get("/evaluation/?export=docx").content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"关于{run.year}年度开发区综合发展水平考核评价结果的通报" in text.replace("\n", "")
    table = doc.tables[0]
    assert table.rows[0].cells[1].text == "开发区" and len(table.rows) == 3


def test_a_unit_user_cannot_recompute(run, unit_user, login):
    client = login(unit_user)
    response = client.post("/evaluation/recompute/", {"scheme": run.scheme_id, "year": run.year}, follow=True)
    assert "权限" in response.content.decode()
