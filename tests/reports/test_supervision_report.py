"""督查通报: the supervision office's monthly notice — tasks by light, on-time rate, late units and
their items, 红榜 / 黑榜 and the leaders' instructions — previewed with every figure linked to its row,
generated as a job, written as .docx, read back by the reader and rendered to look at."""

import calendar
import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine

from tests.reports.jobs import job_file, start_job
from tests.work.factories import PlanFactory, TaskFactory
from zonework.reading import read_path
from zonework.reports import render
from zonework.reports.choices import JobStatus
from zonework.reports.common import ReportError
from zonework.reports.docx_format import write_docx
from zonework.reports.generate import generate
from zonework.work import actions
from zonework.work.models import ProgressReport

# 20 October: the land task's deadline (30 September) has passed, the services task's has not.
NOW = datetime.datetime(2012, 10, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
YEAR, MONTH = NOW.year, NOW.month


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan_tasks(frozen, zone, units, leader):
    """经信局: one task done on time, reports not owed (红榜). 招商局: one done late and one reported on
    time but not done. 党政办公室: one task past its deadline with no report (黑榜)."""
    d = datetime.date
    plan = PlanFactory(zone=zone, year=YEAR, title=f"{YEAR}年重点工作")
    tasks = {
        "cars": TaskFactory(plan=plan, title="着力打造世界知名车都", lead_unit=units["econ"], status="done",
                            deadline=d(YEAR, 6, 30), progress=Decimal(100), report_cycle="none",
                            support_units=[units["invest"]]),
        "open": TaskFactory(plan=plan, title="建立完善高水平开放机制", lead_unit=units["invest"], status="done_late",
                            deadline=d(YEAR, 3, 31), progress=Decimal(100), report_cycle="none"),
        "services": TaskFactory(plan=plan, title="加快发展现代服务业", lead_unit=units["invest"], status="in_progress",
                                deadline=d(YEAR, 11, 30), progress=Decimal(30), report_cycle="none"),
        "land": TaskFactory(plan=plan, title="推进土地收储", lead_unit=units["office"], status="in_progress",
                            deadline=d(YEAR, 9, 30), progress=Decimal(40), report_cycle="monthly", report_day=25,
                            start_date=d(YEAR, 7, 1)),
        "draft": TaskFactory(plan=plan, title="研究编制产城规划", lead_unit=units["office"], status="draft",
                             deadline=d(YEAR, 12, 31)),
    }
    ProgressReport.objects.create(task=tasks["land"], unit=units["office"], date=d(YEAR, 7, 20), text="已启动",
                                  progress=Decimal(40))
    instruction = actions.give_instruction(tasks["land"], acting_user=leader, text="请加快土地收储进度，月底前报结果。")
    with time_machine.travel(NOW - datetime.timedelta(days=40), tick=False):  # September
        actions.give_instruction(tasks["services"], acting_user=leader, text="九月的批示")
    return plan, tasks, instruction


def build(zone, user, month=MONTH):
    return generate("supervision", zone, YEAR, month, user=user).report


def test_lights_rates_late_units_and_lists(plan_tasks, zone, leader):
    plan, tasks, instruction = plan_tasks
    text = build(zone, leader).plain_text()
    assert f"武汉经济技术开发区\n{YEAR}年{MONTH}月重点工作督查通报\n" in text
    # 4 counted tasks (the draft is not): land red (overdue), services yellow (30% done, 87.7% of its time
    # gone), two done
    assert "纳入督查的重点任务4项，其中红灯1项、黄灯1项、已办结2项。" in text
    # due = done + done late + overdue = 3; on time 1 → 33.3%
    assert "到期任务3项，按时办结1项，按时办结率33.3%；逾期办结1项；逾期未办结1项。" in text
    assert "1.推进土地收储。完成时限为2012年9月30日，已逾期20天，完成进度40%。（责任单位：党政办公室）" in text
    red_list = text.split("（一）红榜")[1].split("（二）黑榜")[0]
    assert "经信局" in red_list and "招商局" not in red_list and "党政办公室" not in red_list
    black_list = text.split("（二）黑榜")[1].split("领导批示办理情况")[0]
    assert "党政办公室" in black_list and "经信局" not in black_list
    # only October's instruction, not September's
    assert "领导共作出批示1件，已办理回复0件，尚未回复1件。" in text
    assert "请加快土地收储进度，月底前报结果。" in text and "九月的批示" not in text
    assert "\t推进土地收储\t请加快土地收储进度" in text  # the subject by its title, as the leader wrote on it


def test_lights_are_the_boards(plan_tasks, zone, leader):
    """The light in the notice is work/lights.py's, the one the board shows (with its reason)."""
    from zonework.work.lights import task_light

    plan, tasks, _ = plan_tasks
    report = build(zone, leader)
    warned = next(b for b in report.blocks if getattr(b, "caption", "") == "红灯、黄灯任务")
    row = next(r for r in warned.rows if str(r[0]) == "推进土地收储")
    result = task_light(tasks["land"])
    assert row[2] == result.label == "红灯"
    assert row[3] == "；".join(result.reasons) and "已超过完成时限20天" in row[3]


def test_a_whole_year_without_a_month(plan_tasks, zone, leader):
    text = build(zone, leader, month=None).plain_text()
    assert f"武汉经济技术开发区\n{YEAR}年重点工作督查通报\n" in text
    assert "领导共作出批示2件" in text and "九月的批示" in text


def test_preview_links_every_figure_to_its_row(plan_tasks, zone, leader, login):
    plan, tasks, instruction = plan_tasks
    response = login(leader).get("/reports/preview/", {"kind": "supervision", "zone": zone.pk, "year": YEAR,
                                                        "month": MONTH})
    assert response.status_code == 200
    page = response.content.decode()
    assert "督查通报" in page
    assert f'data-ref="work.task:{tasks["land"].pk}"' in page
    assert f'href="{tasks["land"].get_absolute_url()}"' in page
    assert f'data-ref="work.instruction:{instruction.pk}"' in page
    assert 'href="/work/statistics/' in page  # the 红榜 / 黑榜 counts link to the unit statistics


def test_job_and_api_generate_it(plan_tasks, zone, leader, login, api_client):
    client = login(leader)
    job = start_job(client, kind="supervision", zones=[zone.pk], year=YEAR, month=MONTH)
    assert job.status == JobStatus.DONE, job.results
    name = job.results[0]["files"][0]["name"]
    assert name == f"武汉经开区{YEAR}年{MONTH}月督查通报.docx"
    file = job_file(client, job, name)
    document = docx.Document(io.BytesIO(b"".join(file.streaming_content)))
    assert any("督查通报" in p.text for p in document.paragraphs)
    api_client.force_authenticate(leader)
    data = api_client.get("/api/reports/report/", {"kind": "supervision", "zone": zone.pk, "year": YEAR,
                                            "month": MONTH}).json()
    assert data["kind"] == "supervision"
    assert any(f["ref"] == f"work.task:{plan_tasks[1]['land'].pk}" for f in data["figures"])


def test_no_tasks_is_a_message_not_a_file(frozen, zone, leader, login):
    with pytest.raises(ReportError) as exc:
        build(zone, leader)
    assert exc.value.messages == [f"武汉经济技术开发区{YEAR}年没有已交办的重点任务，未生成督查通报。"]
    response = login(leader).get("/reports/download/", {"kind": "supervision", "zone": zone.pk, "year": YEAR,
                                                         "month": MONTH, "format": "docx"})
    assert response.status_code == 400 and "没有已交办的重点任务" in response.content.decode()


def test_a_month_not_yet_come_is_refused(plan_tasks, zone, leader):
    with pytest.raises(ReportError) as exc:
        build(zone, leader, month=MONTH + 1)
    assert exc.value.messages == [f"{YEAR}年{MONTH + 1}月尚未到来，不能生成该月的月报。"]


def test_the_reader_reads_the_late_tasks_back(plan_tasks, zone, leader, tmp_path):
    path = tmp_path / "supervision.docx"
    write_docx(build(zone, leader), path)
    read = read_path(path).to_dict()
    tasks = {t["title"]: t["units"] for t in read["tasks"]}
    assert tasks.get("推进土地收储") == ["党政办公室"], sorted(tasks)


@pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")
def test_page_one_renders(plan_tasks, zone, leader, tmp_path, artifacts_dir):
    source = tmp_path / "supervision.docx"
    write_docx(build(zone, leader), source)
    pdf = render.docx_to_pdf(source, tmp_path)
    folder = artifacts_dir / "docs"
    folder.mkdir(exist_ok=True)
    png = render.pdf_first_page_png(pdf, folder / "supervision")
    assert png.exists() and png.stat().st_size > 10_000
    (folder / "supervision.pdf").write_bytes(pdf.read_bytes())  # the archive copy, for bench/ofd.py


@pytest.mark.skipif(not (render.tools_available() and shutil.which("pdffonts")), reason="soffice 或 pdffonts 未安装")
def test_pdf_download_embeds_every_font(plan_tasks, zone, leader, login, tmp_path):
    """The archive copy (bench/results/ofd.md): a PDF whose fonts are all embedded and whose text is text."""
    client = login(leader)
    query = {"kind": "supervision", "zone": zone.pk, "year": YEAR, "month": MONTH}
    preview = client.get("/reports/preview/", query).content.decode()
    assert 'id="download-pdf"' in preview and "下载PDF" in preview
    response = client.get("/reports/download/", {**query, "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"{YEAR}%E5%B9%B4" in response["Content-Disposition"] and response["Content-Disposition"].endswith(".pdf")
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the emb column
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "重点工作督查通报" in text.replace(" ", "")


def test_without_libreoffice_the_page_says_so_and_sends_no_file(plan_tasks, zone, leader, login, monkeypatch):
    from zonework.reports import render as render_mod

    monkeypatch.setattr(render_mod.shutil, "which", lambda name: None)
    response = login(leader).get("/reports/download/", {"kind": "supervision", "zone": zone.pk, "year": YEAR,
                                                         "month": MONTH, "format": "pdf"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "服务器未安装LibreOffice，暂不能生成PDF，请下载Word文档。" in response.content.decode()


def test_a_chosen_period(plan_tasks, zone, leader, login):
    """From 8 October to today: the instruction of 20 October is in, September's is not; the file is named by
    the days."""
    client = login(leader)
    query = {"kind": "supervision", "zone": zone.pk, "year": YEAR, "date_from": f"{YEAR}-10-08",
             "date_to": f"{YEAR}-10-20"}
    page = client.get("/reports/preview/", query).content.decode()
    assert "重点工作督查通报" in page and f"（{YEAR}年10月8日至10月20日）" in page
    assert "请加快土地收储进度" in page and "九月的批示" not in page
    response = client.get("/reports/download/", {**query, "format": "docx"})
    assert response.status_code == 200
    assert f"{YEAR}1008-{YEAR}1020" in response["Content-Disposition"]


@pytest.mark.parametrize("date_from, date_to, message", [
    ("2012-10-20", "2012-10-01", "起始日期2012年10月20日晚于截止日期2012年10月1日。"),
    ("2012-10-01", "", "自定义期间须同时填写起始日期和截止日期。"),
    ("2011-12-01", "2012-01-31", "督查通报的期间须在同一年内（重点任务按年度计划督查）。"),
    ("2012-11-01", "2012-11-30", "起始日期2012年11月1日尚未到来。"),
])
def test_a_bad_period_is_refused_in_chinese(plan_tasks, zone, leader, login, date_from, date_to, message):
    response = login(leader).get("/reports/preview/", {"kind": "supervision", "zone": zone.pk, "year": YEAR,
                                                        "date_from": date_from, "date_to": date_to})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_only_the_supervision_notice_takes_a_chosen_period(plan_tasks, zone, leader, api_client):
    api_client.force_authenticate(leader)
    response = api_client.get("/api/reports/report/", {"kind": "summary", "zone": zone.pk, "year": YEAR,
                                                       "date_from": f"{YEAR}-10-01", "date_to": f"{YEAR}-10-20"})
    assert response.status_code == 400
    assert "只有督查通报可以按自定义期间生成" in str(response.json())


@pytest.mark.slow
@pytest.mark.dates
def test_demo_zones(db, tmp_path):
    """Every demo zone for the last ended month: the notice is written or refused with a message, its
    counts are work/figures.py's, and the reader reads back each overdue task with its lead unit first."""
    from django.core.management import call_command

    from zonework.core import clock
    from zonework.core.models import Zone
    from zonework.reports import work_data
    from zonework.work import figures

    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    year, month = clock.last_ended_month()
    as_of = min(clock.today(), datetime.date(year, month, calendar.monthrange(year, month)[1]))
    written = 0
    for zone in Zone.objects.all():
        try:
            out = generate("supervision", zone, year, month)
        except ReportError as exc:
            assert exc.messages == [f"{zone}{year}年没有已交办的重点任务，未生成督查通报。"]
            continue
        written += 1
        totals, _units, outcomes = figures.count_by_unit(work_data.tasks_of(work_data.plans_for(zone, year, None),
                                                                            None), as_of)
        assert f"纳入督查的重点任务{totals.tasks}项" in out.report.plain_text()
        path = tmp_path / f"{zone.pk}.docx"
        path.write_bytes(out.docx)
        read = {t["title"]: t["units"] for t in read_path(path).to_dict()["tasks"]}
        for task, outcome in outcomes:
            if outcome == figures.OVERDUE:
                assert read[task.title.rstrip("。")][0] == task.lead_unit.name, (task.title, sorted(read))
    # The demo's plan is this year's: in January the last ended month is last year's December, for which
    # every zone is refused with the message checked above.
    assert written or clock.today().month == 1
