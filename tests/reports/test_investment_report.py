"""招商引资月报: the month's and the year's signings, 资金到位率, 开工率, projects by stage and stalled
projects — the figures the investment pages show, previewed with each linked to its row, generated as
a job, written as .docx, read back by the reader and rendered to look at."""

import datetime
import io
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine

from tests.investment.factories import make_project
from tests.reports.jobs import job_file, start_job
from zonework.investment import figures as inv
from zonework.reading import read_path
from zonework.reports import render
from zonework.reports.choices import JobStatus
from zonework.reports.common import ReportError
from zonework.reports.docx_format import write_docx
from zonework.reports.generate import generate
from zonework.reports.models import ReportJob

NOW = datetime.datetime(2012, 10, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
YEAR, MONTH = NOW.year, NOW.month


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def projects(frozen, zone, units, admin_user):
    d = datetime.date
    y = YEAR
    invest = units["invest"]
    return {
        "renault": make_project(admin_user, zone, invest, "东风雷诺整车项目",
                                [(d(y, 1, 10), "negotiating"), (d(y, 3, 1), "signed"), (d(y, 9, 1), "construction")],
                                amount=650000, paid=[(d(y, 10, 1), 50000)], fortune500=True, origin="foreign",
                                country_region="法国"),
        "paper": make_project(admin_user, zone, invest, "晨鸣高端生活用纸生产项目", [(d(y, 2, 1), "signed")],
                              amount=320000),
        "panel": make_project(admin_user, zone, invest, "华星光电模组项目", [(d(y, 10, 8), "signed")], amount=120000),
        "toyota": make_project(admin_user, zone, invest, "丰田通商物流项目", [(d(y, 6, 15), "signed")], amount=2000,
                               currency="USD", origin="foreign"),
        "old": make_project(admin_user, zone, invest, "往年签约汽配项目",
                            [(d(y - 1, 5, 1), "signed"), (d(y, 8, 1), "production")], amount=10000),
    }


def build(zone, user, month=MONTH):
    return generate("investment", zone, YEAR, month, user=user).report


def test_signings_rates_stages_and_stalls(projects, zone, leader):
    text = build(zone, leader).plain_text()
    assert f"武汉经济技术开发区\n{YEAR}年1-{MONTH}月招商引资工作情况\n" in text
    assert "10月，全区新签约招商项目1个，协议投资额12亿元。" in text
    assert "1-10月，全区签约招商项目4个，协议投资额109亿元，美元项目协议投资额0.2亿美元，其中世界500强项目1个、外资项目2个。" in text
    # 到位率 per currency, never added across currencies: 50000 / 1090000 万元 = 4.6%, nothing paid in USD
    assert "签约项目到位资金5亿元，人民币项目资金到位率4.6%，美元项目资金到位率0%" in text
    assert "已开工1个，开工率25%；已投产0个。" in text
    # the paper project last moved on 1 February: more than 3 months → red; the panel project is new
    stalled = text.split("停滞项目\n")[1]
    assert "晨鸣高端生活用纸生产项目" in stalled and "华星光电模组项目" not in stalled.split("签约项目\n")[0]


def test_figures_are_the_investment_pages(projects, zone, leader):
    """The rates are investment/figures.py's, the ones the figures page shows for the same period."""
    from zonework.investment.models import InvestmentProject

    text = build(zone, leader).plain_text()
    row = inv.compute(InvestmentProject.objects.filter(zone=zone), *inv.year_period(YEAR, MONTH))[0]
    assert f"开工率{row.construction_rate.normalize():f}%" in text
    stages = dict((label, n) for _s, label, n in inv.funnel(InvestmentProject.objects.filter(zone=zone),
                                                           *inv.year_period(YEAR, MONTH))[0])
    assert f"签约\t{stages['签约']}" in text and stages["签约"] == 5


def test_preview_links_every_figure_to_its_row(projects, zone, leader, login):
    response = login(leader).get("/reports/preview/", {"kind": "investment", "zone": zone.pk, "year": YEAR,
                                                        "month": MONTH})
    assert response.status_code == 200
    page = response.content.decode()
    renault = projects["renault"]
    assert f'data-ref="investment.investmentproject:{renault.pk}"' in page
    assert f'href="{renault.get_absolute_url()}"' in page
    assert 'href="/investment/figures/?year=2012&amp;month=10"' in page
    assert 'href="/investment/stalled/"' in page


def test_job_and_api_generate_it(projects, zone, leader, login, api_client):
    client = login(leader)
    job = start_job(client, kind="investment", zones=[zone.pk], year=YEAR, month=MONTH)
    assert job.status == JobStatus.DONE, job.results
    name = job.results[0]["files"][0]["name"]
    assert name == f"武汉经开区{YEAR}年1-{MONTH}月招商引资月报.docx"
    file = job_file(client, job, name)
    document = docx.Document(io.BytesIO(b"".join(file.streaming_content)))
    assert any("招商引资工作情况" in p.text for p in document.paragraphs)
    api_client.force_authenticate(leader)
    data = api_client.get("/api/reports/report/", {"kind": "investment", "zone": zone.pk, "year": YEAR,
                                                   "month": MONTH}).json()
    assert data["kind"] == "investment"
    assert any(f["ref"] == f"investment.investmentproject:{projects['paper'].pk}" for f in data["figures"])
    if render.tools_available():
        pdf = api_client.get("/api/reports/report/", {"kind": "investment", "zone": zone.pk, "year": YEAR,
                                                      "month": MONTH, "output": "pdf"})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_month_must_be_chosen(projects, zone, leader, login):
    with pytest.raises(ReportError) as exc:
        build(zone, leader, month=None)
    assert exc.value.messages == ["招商引资月报须选择月份。"]
    response = login(leader).post("/reports/jobs/", {"kind": "investment", "zones": [zone.pk], "year": YEAR})
    assert response.status_code == 400 and "招商引资月报须选择月份。" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_zone_without_projects_gets_a_message(frozen, zone, leader):
    with pytest.raises(ReportError) as exc:
        build(zone, leader)
    assert exc.value.messages == ["武汉经济技术开发区暂无招商项目，未生成招商引资月报。"]


def test_the_reader_reads_the_projects_back(projects, zone, leader, tmp_path):
    path = tmp_path / "investment.docx"
    write_docx(build(zone, leader), path)
    read = read_path(path).to_dict()
    found = {p["name"]: p["investment"] for p in read["projects"]}
    assert found.get("东风雷诺整车项目") == 65, found
    assert found.get("晨鸣高端生活用纸生产项目") == 32
    assert found.get("华星光电模组项目") == 12
    results = {(r["indicator"], r.get("period")): (r["value"], r["unit"]) for r in read["results"]}
    assert results[("协议投资额", None)] == (12, "亿元")  # October's signings
    assert results[("协议投资额", f"1-{MONTH}月")] == (109, "亿元")  # the year's: 650000 + 320000 + 120000 万元


@pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")
def test_page_one_renders(projects, zone, leader, tmp_path, artifacts_dir):
    source = tmp_path / "investment.docx"
    write_docx(build(zone, leader), source)
    pdf = render.docx_to_pdf(source, tmp_path)
    folder = artifacts_dir / "docs"
    folder.mkdir(exist_ok=True)
    png = render.pdf_first_page_png(pdf, folder / "investment")
    assert png.exists() and png.stat().st_size > 10_000
    (folder / "investment.pdf").write_bytes(pdf.read_bytes())  # the archive copy, for bench/ofd.py


@pytest.mark.slow
@pytest.mark.dates
def test_demo_zones(db, tmp_path):
    """Every demo zone for the last ended month: the report is written or refused with a message, and the
    reader reads back each project the report lists as signed this year, at its agreed amount."""
    from django.core.management import call_command

    from zonework.core import clock
    from zonework.core.models import Zone
    from zonework.investment.models import InvestmentProject

    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    year, month = clock.last_ended_month()
    written = 0
    for zone in Zone.objects.all():
        try:
            out = generate("investment", zone, year, month)
        except ReportError as exc:
            assert exc.messages == [f"{zone}暂无招商项目，未生成招商引资月报。"]
            continue
        written += 1
        path = tmp_path / f"{zone.pk}.docx"
        path.write_bytes(out.docx)
        read = {p["name"]: (p["investment"], p["unit"]) for p in read_path(path).to_dict()["projects"]}
        cohort = inv.compute(InvestmentProject.objects.filter(zone=zone), *inv.year_period(year, month))[0]
        for project in cohort.projects:
            assert project.name in read, (project.name, sorted(read))
            amount, unit = read[project.name]
            assert unit == ("亿元" if project.currency == "CNY" else "亿美元")
            assert amount == pytest.approx(float(project.counted_investment) / 10000)
    assert written


@pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")
def test_a_job_can_keep_a_pdf_beside_the_word_file(projects, zone, leader, login):
    client = login(leader)
    job = start_job(client, kind="investment", zones=[zone.pk], year=YEAR, month=MONTH, with_pdf="on")
    names = [f["name"] for f in job.results[0]["files"]]
    assert names == [f"武汉经开区{YEAR}年1-{MONTH}月招商引资月报.docx", f"武汉经开区{YEAR}年1-{MONTH}月招商引资月报.pdf"]
    file = job_file(client, job, names[1])
    assert file["Content-Type"] == "application/pdf"
    assert b"".join(file.streaming_content).startswith(b"%PDF")


def test_without_libreoffice_a_job_keeps_the_word_file_and_says_why(projects, zone, leader, login, monkeypatch):
    from zonework.reports import render as render_mod

    monkeypatch.setattr(render_mod.shutil, "which", lambda name: None)
    client = login(leader)
    client.post("/reports/jobs/", {"kind": "investment", "zones": [zone.pk], "year": YEAR, "month": MONTH,
                                   "with_pdf": "on"})
    job = ReportJob.objects.get()
    assert job.status == JobStatus.DONE
    assert [f["name"][-5:] for f in job.results[0]["files"]] == [".docx"]
    page = client.get(f"/reports/jobs/{job.pk}/").content.decode()
    assert "服务器未安装LibreOffice，暂不能生成PDF，请下载Word文档。" in page


def test_the_command_writes_it(projects, zone, tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    target = tmp_path / "inv.docx"
    call_command("report", "investment", "--zone", "武汉经开区", "--year", str(YEAR), "--month", str(MONTH),
                 "--out", str(target), stdout=out)
    assert target.exists() and "个数字均有来源" in out.getvalue()
    assert any("招商引资工作情况" in p.text for p in docx.Document(target).paragraphs)
