"""The reports pages and API as a leader, a unit user and a user of another zone would see them."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from openpyxl import load_workbook

from tests.reports import data
from zonework.core.models import AuditEntry
from zonework.reports.choices import JobStatus
from zonework.reports.models import ReportJob


@pytest.fixture
def bulletin_data(zone, units):
    data.monthly(zone, 2012)
    data.target(zone, "规模以上工业总产值", 2012, value=2000)


def q(zone, kind="summary", year=2012, month="", **extra):
    return {"kind": kind, "zone": zone.pk, "year": year, "month": month, **extra}


def test_index_lists_kinds_and_zones(login, leader, zone):
    page = login(leader).get("/reports/").content.decode()
    assert "工作总结" in page and "经济运行月报" in page and "工作要点" in page
    assert zone.name in page
    assert 'href="/reports/"' in page  # the nav link


def test_preview_shows_the_document_with_linked_figures(login, leader, zone, year_data):
    response = login(leader).get("/reports/preview/", q(zone))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2012年工作总结和2013年工作要点" in page
    obs = year_data["economy"]["output"]
    assert f'data-ref="economy.observation:{obs.pk}"' in page
    assert "/reports/download/?" in page


def test_download_docx(login, leader, zone, year_data):
    response = login(leader).get("/reports/download/", q(zone, format="docx"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[1].text == "2012年工作总结和2013年工作要点"
    assert AuditEntry.objects.filter(action="export", message__contains="工作总结").exists()


def test_download_bulletin_xlsx(login, leader, zone, bulletin_data, no_charts):
    response = login(leader).get("/reports/download/", q(zone, "bulletin", month=6, format="xlsx"))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ws["A2"].value == "规模以上工业总产值"


def test_summary_has_no_xlsx(login, leader, zone, year_data):
    response = login(leader).get("/reports/download/", q(zone, format="xlsx"))
    assert response.status_code == 400
    assert "只有经济运行月报提供Excel附表" in response.content.decode()


def test_year_without_data_shows_a_message_and_no_file(login, leader, zone, units):
    response = login(leader).get("/reports/download/", q(zone, year=2011, format="docx"))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "2011年暂无统计数据" in response.content.decode()


def _beijing(*args):
    return datetime.datetime(*args, tzinfo=ZoneInfo("Asia/Shanghai"))


# In December next January is "a month not yet come": the message names that month, not just the year.
@pytest.mark.parametrize("now, year, month", [
    (_beijing(2026, 12, 15, 10, 0), 2027, 1),
    (_beijing(2026, 12, 31, 23, 30), 2027, 1),  # 15:30 UTC: still December in Beijing
    (_beijing(2026, 12, 15, 10, 0), 2027, 12),
    (_beijing(2028, 2, 29, 10, 0), 2028, 3),
])
def test_future_month_shows_a_message(login, leader, zone, units, now, year, month):
    with time_machine.travel(now, tick=True):
        response = login(leader).get("/reports/preview/", q(zone, "bulletin", year, month))
    assert response.status_code == 400
    assert f"{year}年{month}月尚未到来，不能生成该月的月报。" in response.content.decode()


def test_january_has_come_at_midnight_beijing_time(login, leader, zone, units):
    """At 00:30 on 1 January in Beijing (16:30 on 31 December in UTC) January is no longer refused."""
    with time_machine.travel(_beijing(2027, 1, 1, 0, 30), tick=True):
        page = login(leader).get("/reports/preview/", q(zone, "bulletin", 2027, 1)).content.decode()
    assert "尚未到来" not in page and "2027年1月暂无统计数据，未生成月报。" in page


# The report form opens on the latest month gone by: December of last year in January, January in
# February, and the day the suite runs on whatever it is.
@pytest.mark.parametrize("now, year, month", [
    (_beijing(2027, 1, 1, 0, 30), 2026, 12),
    (_beijing(2027, 1, 20, 10, 0), 2026, 12),
    (_beijing(2027, 2, 10, 10, 0), 2027, 1),
    (_beijing(2028, 3, 1, 10, 0), 2028, 2),
    (_beijing(2026, 12, 31, 23, 30), 2026, 11),
])
def test_report_form_opens_on_the_last_ended_month(login, leader, zone, now, year, month):
    with time_machine.travel(now, tick=True):
        page = login(leader).get("/reports/").content.decode()
    assert re.search(rf'name="year" value="{year}"', page), "year"
    assert re.search(rf'name="month" value="{month}"', page), "month"


def test_zone_outside_scope_is_forbidden(login, leader, other_zone):
    response = login(leader).get("/reports/download/", q(other_zone, format="docx"))
    assert response.status_code == 403
    assert "不在您的数据范围内" in response.content.decode()


def test_unit_user_has_no_reports(login, unit_user, zone):
    assert login(unit_user).get("/reports/").status_code == 403
    assert login(unit_user).get("/reports/preview/", q(zone)).status_code == 403


def test_anonymous_is_sent_to_login(client, zone):
    response = client.get("/reports/preview/", q(zone))
    assert response.status_code == 302 and "/login/" in response["Location"]


# ---------------------------------------------------------------- background jobs
def test_job_for_several_zones_runs_with_progress(login, admin_user, zone, other_zone, year_data):
    c = login(admin_user)
    response = c.post("/reports/jobs/", {"kind": "summary", "zones": [zone.pk, other_zone.pk], "year": 2012})
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert response["Location"] == f"/reports/jobs/{job.pk}/"
    assert job.status == JobStatus.DONE
    assert (job.progress_current, job.progress_total, job.percent) == (2, 2, 100)
    assert job.started_at and job.finished_at
    by_zone = {r["zone_id"]: r for r in job.results}
    ok, empty = by_zone[zone.pk], by_zone[other_zone.pk]
    assert ok["files"] and not ok["error"], ok
    assert "宁波国家高新区2012年暂无统计数据" in empty["error"] and not empty["files"]
    progress = c.get(f"/reports/jobs/{job.pk}/progress/").content.decode()
    assert "已完成" in progress and "100%" in progress and "hx-get" not in progress
    name = ok["files"][0]["name"]
    file = c.get(f"/reports/jobs/{job.pk}/files/{name}")
    assert file.status_code == 200
    assert docx.Document(io.BytesIO(b"".join(file.streaming_content))).paragraphs[0].text == zone.name


def test_running_job_polls(login, leader, zone):
    job = ReportJob.objects.create(zone=zone, kind="summary", year=2012, zone_ids=[zone.pk], progress_total=4,
                                   progress_current=1, status=JobStatus.RUNNING, created_by=leader)
    page = login(leader).get(f"/reports/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "25%" in page


def test_job_for_a_zone_outside_scope_is_refused(login, leader, zone, other_zone):
    response = login(leader).post("/reports/jobs/", {"kind": "summary", "zones": [zone.pk, other_zone.pk],
                                                     "year": 2012})
    assert response.status_code == 400
    assert "所选开发区不在您的数据范围内" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_job_for_a_future_month_is_refused(login, leader, zone):
    response = login(leader).post("/reports/jobs/", {"kind": "bulletin", "zones": [zone.pk], "year": 2100,
                                                     "month": 1})
    assert response.status_code == 400
    assert "2100年1月尚未到来" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_jobs_of_another_zone_are_hidden(login, leader, other_zone, units):
    from tests.factories import role_user

    stranger = role_user("leader", units["far"], username="far_leader")
    job = ReportJob.objects.create(zone=other_zone, unit=units["far"], kind="summary", year=2012,
                                   zone_ids=[other_zone.pk], created_by=stranger)
    assert login(leader).get(f"/reports/jobs/{job.pk}/").status_code == 404


# ---------------------------------------------------------------- API
def test_api_report_json_lists_figures_with_sources(api_client, leader, zone, year_data):
    api_client.force_authenticate(leader)
    response = api_client.get("/api/reports/report/", q(zone, month=None) | {"month": ""})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == ["武汉经济技术开发区", "2012年工作总结和2013年工作要点"]
    assert any(f["text"] == "2020亿元" and f["ref"].startswith("economy.observation:") for f in body["figures"])


def test_api_report_docx(api_client, leader, zone, year_data):
    api_client.force_authenticate(leader)
    response = api_client.get("/api/reports/report/", {"kind": "summary", "zone": zone.pk, "year": 2012,
                                                       "output": "docx"})
    assert response.status_code == 200
    assert docx.Document(io.BytesIO(response.content)).paragraphs[0].text == zone.name


def test_api_bad_input_in_chinese(api_client, leader, zone, other_zone, units):
    api_client.force_authenticate(leader)
    r = api_client.get("/api/reports/report/", {"kind": "summary", "zone": zone.pk, "year": 2011})
    assert r.status_code == 400 and "2011年暂无统计数据" in r.content.decode()
    r = api_client.get("/api/reports/report/", {"kind": "summary", "zone": other_zone.pk, "year": 2012})
    assert r.status_code == 403 and "不在您的数据范围内" in r.content.decode()
    r = api_client.get("/api/reports/report/", {"kind": "bulletin", "zone": zone.pk, "year": 2100, "month": 1})
    assert r.status_code == 400 and "2100年1月尚未到来" in r.content.decode()


def test_api_jobs(api_client, leader, zone, year_data):
    api_client.force_authenticate(leader)
    r = api_client.post("/api/reports/jobs/", {"kind": "summary", "zones": [zone.pk], "year": 2012}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "done" and r.json()["percent"] == 100
    listed = api_client.get("/api/reports/jobs/").json()
    assert [j["id"] for j in listed["results"]] == [r.json()["id"]]


def test_api_unit_user_cannot_create_jobs(api_client, unit_user, zone):
    api_client.force_authenticate(unit_user)
    r = api_client.post("/api/reports/jobs/", {"kind": "summary", "zones": [zone.pk], "year": 2012}, format="json")
    assert r.status_code == 403
    assert api_client.get("/api/reports/report/", {"kind": "summary", "zone": zone.pk, "year": 2012}).status_code \
        == 403
