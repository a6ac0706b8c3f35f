"""Background jobs: an Excel import runs in the worker, not in the web request, with its progress on a
page; the watchdog fails a job or a document that a dead worker left 进行中 / 读取中 (issues 11, 12)."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import Workbook

from zonework.celery import app as celery_app
from zonework.core import clock, jobs
from zonework.core.models import Job, JobStatus
from zonework.enterprises import credit_code
from zonework.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def enterprises_xlsx(*names):
    wb = Workbook()
    wb.active.append(["企业名称", "统一社会信用代码", "服务单位"])
    for i, name in enumerate(names):
        wb.active.append([name, credit_code.make("91", "350100", f"M{i:07d}"), "招商局"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "企业.xlsx"
    return buf


@pytest.fixture
def worker_mode(settings, django_capture_on_commit_callbacks):
    """A deployment with a broker: tasks are queued for a worker, not run by the request."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def test_with_a_worker_the_import_is_queued_and_the_page_shows_its_progress(login, unit_user, worker_mode,
                                                                             django_capture_on_commit_callbacks):
    client = login(unit_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/enterprises/companies/import/", {"file": enterprises_xlsx("甲公司", "乙公司")})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    # The request did not import: the rows appear when the worker runs the job.
    assert job.status == JobStatus.QUEUED and Enterprise.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "排队中" in page and 'hx-get="/jobs/' in page and "已开始导入" in page

    stored = Path(job.file.path)
    assert stored.exists()
    jobs.run(job.pk)  # what the worker does
    assert Enterprise.objects.count() == 2
    assert not stored.exists()  # the sheet was only the job's input
    partial = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="job-status"') and "完成：新增2条" in partial
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "已完成" in page and "完成：新增2条，更新0条。" in page and 'hx-get="/jobs/' not in page
    assert 'href="/enterprises/companies/"' in page


def test_a_failed_job_lists_the_rows_and_saves_nothing(login, unit_user, worker_mode,
                                                       django_capture_on_commit_callbacks):
    client = login(unit_user)
    bad = enterprises_xlsx("甲公司", "")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/enterprises/companies/import/", {"file": bad})
    job = jobs.run(Job.objects.get().pk)
    assert (job.status, job.errors) == (JobStatus.FAILED, ["第3行：企业名称不能为空。"])
    assert Enterprise.objects.count() == 0
    assert "第3行：企业名称不能为空。" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_a_running_job_shows_its_progress_and_only_to_its_submitter(login, unit_user, admin_user):
    job = Job.objects.create(kind="x", label="导入企业", filename="企业.xlsx", created_by=unit_user,
                             status=JobStatus.RUNNING, progress=40, heartbeat_at=clock.now())
    page = login(unit_user).get(f"/jobs/{job.pk}/").content.decode()
    assert "进行中" in page and 'aria-valuenow="40"' in page
    other = Client()
    other.force_login(admin_user)
    assert other.get(f"/jobs/{job.pk}/").status_code == 404


def test_eager_import_still_answers_in_the_page(login, unit_user):
    response = login(unit_user).post("/enterprises/companies/import/", {"file": enterprises_xlsx("甲公司")},
                                     follow=True)
    assert "导入完成：新增1条，更新0条。" in response.content.decode()
    assert Job.objects.get().status == JobStatus.DONE


def test_only_marked_functions_run_as_jobs(unit_user):
    job = Job.objects.create(kind="os.remove", label="x", created_by=unit_user)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.errors == ["“os.remove”不是可运行的后台任务。"]


def test_watchdog_fails_a_stuck_job_and_leaves_a_live_one(unit_user, settings, capsys):
    settings.ZONEWORK_JOB_TIMEOUT_MINUTES = 30
    now = clock.now()
    stuck = Job.objects.create(kind="x", label="导入企业", created_by=unit_user, status=JobStatus.RUNNING,
                               heartbeat_at=now - datetime.timedelta(minutes=31))
    queued = Job.objects.create(kind="x", label="导入企业", created_by=unit_user,
                                created_at=now - datetime.timedelta(hours=2))
    live = Job.objects.create(kind="x", label="导入企业", created_by=unit_user, status=JobStatus.RUNNING,
                              heartbeat_at=now - datetime.timedelta(minutes=5))
    call_command("watchdog")
    assert "后台任务2个标记为失败" in capsys.readouterr().out
    for job in (stuck, queued):
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED
        assert job.errors == ["超过30分钟没有进展（处理进程可能已中断），已标记为失败；没有保存任何数据，请重新提交。"]
    live.refresh_from_db()
    assert live.status == JobStatus.RUNNING
    # A worker that wakes up later does not run a job the watchdog failed.
    assert jobs.run(queued.pk) is None
