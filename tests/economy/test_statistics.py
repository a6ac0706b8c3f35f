"""Monthly statistics: the Excel template round trip, manual entry, and every kind of bad input."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.factories import ZoneFactory
from zonework.economy import actions, statistics
from zonework.economy.models import Observation, StatisticsUpload

from .factories import TrackedIndicatorFactory, indicator

pytestmark = pytest.mark.django_db


def download(client, zone, year, month):
    response = client.get(f"/economy/statistics/{year}/{month}/template/?zone={zone.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def as_file(wb, name="月报.xlsx"):
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


def fill(wb, rows):
    """rows: {row number: (本月, 累计, 同比)}"""
    ws = wb["统计月报"]
    for row, values in rows.items():
        for col, value in zip((3, 4, 5), values, strict=True):
            ws.cell(row=row, column=col, value=value)
    return wb


def upload(client, zone, year, month, wb):
    return client.post(f"/economy/statistics/{year}/{month}/upload/", {"zone": zone.pk, "file": as_file(wb)})


def errors_after(client, response):
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    return page


def test_template_lists_the_zones_indicators_with_chinese_columns(login, statistician, zone, tracked):
    client = login(statistician)
    wb = download(client, zone, 2013, 5)
    ws = wb["统计月报"]
    assert [c.value for c in ws[4]][:5] == ["指标", "单位", "本月", "1-N月累计", "同比%"]
    assert [ws.cell(row=r, column=1).value for r in (5, 6, 7)] == ["规模以上工业总产值", "固定资产投资", "实际利用外资"]
    assert ws.cell(row=7, column=2).value == "亿美元"
    assert "1-5月" in ws["A1"].value
    assert wb["_meta"].sheet_state == "hidden"
    # Drop-downs for the indicator names and the units.
    assert len(ws.data_validations.dataValidation) == 2


def test_round_trip_preview_then_commit(login, statistician, zone, tracked):
    client = login(statistician)
    wb = fill(download(client, zone, 2013, 5), {5: (410, "1,018.5", "21.5%"), 6: (None, 120, 27), 7: (None, None, None)})
    response = upload(client, zone, 2013, 5, wb)
    assert response.status_code == 302 and "/economy/uploads/" in response["Location"]
    assert Observation.objects.count() == 0  # staged only: nothing written before the commit
    preview = client.get(response["Location"]).content.decode()
    assert "确认入库" in preview and "1018.5" in preview
    response = client.post(response["Location"])
    assert response.status_code == 302
    obs = Observation.objects.get(indicator__code="industrial_output_above_scale", year=2013, month=5)
    assert (obs.month_value, obs.ytd_value, obs.yoy_pct) == (D(410), D("1018.5"), D("21.5"))
    assert obs.source == "statistics" and obs.upload.status == "committed"
    assert Observation.objects.count() == 2  # the empty row is not a figure
    # The export format is the import format: the month comes back filled.
    again = download(client, zone, 2013, 5)["统计月报"]
    assert again.cell(row=5, column=4).value == 1018.5 and again.cell(row=6, column=5).value == 27


def test_reuploading_a_month_updates_it(login, statistician, zone, tracked):
    client = login(statistician)
    for ytd in (100, 130):
        wb = fill(download(client, zone, 2013, 5), {5: (None, ytd, 10)})
        response = upload(client, zone, 2013, 5, wb)
        client.post(response["Location"])
    obs = Observation.objects.get(zone=zone, year=2013, month=5)
    assert obs.ytd_value == D(130)
    assert Observation.objects.filter(zone=zone).count() == 1


def test_january_may_be_missing(login, statistician, zone, tracked):
    client = login(statistician)
    wb = fill(download(client, zone, 2013, 2), {5: (None, 300, 18)})
    assert "1-2月" in wb["统计月报"]["A1"].value
    client.post(upload(client, zone, 2013, 2, wb)["Location"])
    assert list(Observation.objects.values_list("month", flat=True)) == [2]


BAD = [
    ("month 13", lambda wb: wb["统计月报"].cell(row=2, column=6, value=13), "第2行：月份“13”无效"),
    ("text in a number cell", lambda wb: fill(wb, {6: (None, "一百二十", 5)}), "第6行“1-N月累计”：“一百二十”不是数字"),
    ("duplicate row", lambda wb: [wb["统计月报"].cell(row=8, column=c, value=v)
                                  for c, v in ((1, "规模以上工业总产值"), (4, 5))], "第8行：指标“规模以上工业总产值”与第5行重复"),
    ("untracked indicator", lambda wb: [wb["统计月报"].cell(row=8, column=c, value=v)
                                        for c, v in ((1, "地区生产总值"), (4, 5))], "第8行：本开发区未跟踪指标“地区生产总值”"),
    ("unknown indicator", lambda wb: [wb["统计月报"].cell(row=8, column=c, value=v)
                                      for c, v in ((1, "幸福指数"), (4, 5))], "第8行：指标“幸福指数”不在指标库中"),
]


@pytest.mark.parametrize("case, spoil, message", BAD, ids=[b[0] for b in BAD])
def test_bad_upload_gives_row_numbered_chinese_message_and_saves_nothing(login, statistician, zone, tracked,
                                                                          case, spoil, message):
    client = login(statistician)
    wb = fill(download(client, zone, 2013, 5), {5: (None, 100, 10)})
    spoil(wb)
    page = errors_after(client, upload(client, zone, 2013, 5, wb))
    assert message in page, page[:3000]
    assert "未保存任何数据" in page
    assert StatisticsUpload.objects.count() == 0 and Observation.objects.count() == 0


def test_template_of_another_month_is_refused(login, statistician, zone, tracked):
    client = login(statistician)
    wb = fill(download(client, zone, 2013, 4), {5: (None, 100, 10)})
    page = errors_after(client, upload(client, zone, 2013, 5, wb))
    assert "该模板是2013年1-4月的，不是2013年1-5月的" in page
    assert Observation.objects.count() == 0


def test_template_of_another_zone_is_refused(statistician, zone, tracked):
    other = ZoneFactory(name="温州经济技术开发区")
    TrackedIndicatorFactory(zone=other, indicator=indicator("fixed_asset_investment"))
    data = statistics.template_bytes(other, 2013, 5)
    with pytest.raises(Exception) as exc:
        actions.stage_statistics_upload(zone, 2013, 5, SimpleUploadedFile("x.xlsx", data), acting_user=statistician)
    assert "该模板属于开发区“温州经济技术开发区”，不是当前开发区“武汉经济技术开发区”" in str(exc.value)
    assert StatisticsUpload.objects.count() == 0


def test_a_file_that_is_not_excel_is_refused(login, statistician, zone, tracked):
    client = login(statistician)
    response = client.post("/economy/statistics/2013/5/upload/",
                           {"zone": zone.pk, "file": SimpleUploadedFile("a.xlsx", b"not a workbook")})
    assert "不是有效的Excel" in errors_after(client, response)


def test_an_edited_month_cell_is_refused(login, statistician, zone, tracked):
    client = login(statistician)
    wb = fill(download(client, zone, 2013, 5), {5: (None, 100, 10)})
    wb["统计月报"].cell(row=2, column=6, value=6)
    assert "第2行：年份月份被改动" in errors_after(client, upload(client, zone, 2013, 5, wb))


def test_manual_entry_form_saves_the_month(login, statistician, zone, tracked):
    client = login(statistician)
    ids = [i.pk for i in tracked]
    response = client.post(f"/economy/statistics/2013/3/?zone={zone.pk}", {
        f"ytd_value-{ids[0]}": "500", f"yoy_pct-{ids[0]}": "12.5", f"unit-{ids[0]}": "亿元",
        f"ytd_value-{ids[1]}": "", f"yoy_pct-{ids[1]}": ""})
    assert response.status_code == 302
    obs = Observation.objects.get()
    assert (obs.month, obs.ytd_value, obs.yoy_pct, obs.source) == (3, D(500), D("12.5"), "manual")


def test_manual_entry_reports_bad_numbers_by_row(login, statistician, zone, tracked):
    client = login(statistician)
    ids = [i.pk for i in tracked]
    page = client.post(f"/economy/statistics/2013/3/?zone={zone.pk}", {
        f"ytd_value-{ids[0]}": "500", f"yoy_pct-{ids[1]}": "abc"}).content.decode()
    assert "第2行“同比%”：“abc”不是数字" in page
    assert Observation.objects.count() == 0


def test_a_leader_may_look_but_not_upload(login, leader, zone, tracked):
    client = login(leader)
    assert client.get(f"/economy/statistics/2013/5/?zone={zone.pk}").status_code == 200
    wb = fill(download(client, zone, 2013, 5), {5: (None, 100, 10)})
    response = upload(client, zone, 2013, 5, wb)
    assert response.status_code == 403
    assert StatisticsUpload.objects.count() == 0


def test_a_zone_outside_the_users_zones_is_not_found(login, statistician, other_zone, tracked):
    client = login(statistician)
    assert client.get(f"/economy/statistics/2013/5/template/?zone={other_zone.pk}").status_code == 404


def test_with_a_worker_the_upload_is_read_in_the_background_and_the_job_page_leads_to_the_preview(
        login, statistician, zone, tracked, settings, django_capture_on_commit_callbacks):
    """A large template never holds the request: with a broker the file is queued, the user sees the
    job's progress, and once the worker has read it the job page offers the preview to commit from."""
    from zonework.celery import app as celery_app
    from zonework.core import jobs
    from zonework.core.models import Job, JobStatus

    client = login(statistician)
    wb = fill(download(client, zone, 2013, 5), {5: (410, 1000, 21.5)})
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=False):
            response = upload(client, zone, 2013, 5, wb)
    finally:
        celery_app.conf.task_always_eager = True
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.QUEUED and StatisticsUpload.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "读取统计月报" in page and "正在读取" in page
    jobs.run(job.pk)  # what the worker does
    staged = StatisticsUpload.objects.get()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"共{len(staged.rows)}项指标" in page
    assert f'href="/economy/uploads/{staged.pk}/"' in page and "核对并入库" in page
    assert Observation.objects.count() == 0  # read and staged, not yet committed
    assert "确认入库" in client.get(f"/economy/uploads/{staged.pk}/").content.decode()


def test_a_queued_upload_that_is_not_a_template_fails_its_job_with_the_reason(
        login, statistician, zone, tracked, settings, django_capture_on_commit_callbacks):
    from zonework.celery import app as celery_app
    from zonework.core import jobs
    from zonework.core.models import Job, JobStatus

    client = login(statistician)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=False):
            client.post("/economy/statistics/2013/5/upload/",
                        {"zone": zone.pk, "file": SimpleUploadedFile("月报.xlsx", b"not a workbook")})
    finally:
        celery_app.conf.task_always_eager = True
    job = jobs.run(Job.objects.get().pk)
    assert job.status == JobStatus.FAILED and any("不是有效的Excel" in e for e in job.errors)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "未保存任何数据" in page and 'id="job-next"' not in page
    assert StatisticsUpload.objects.count() == 0
