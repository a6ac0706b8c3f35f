"""督办单: a task printed for its units — the matter, units, leader, deadline, instructions and a
签收回执 after the signature — as a .docx that opens, and its page 1 rendered to look at."""

import io

import docx
import pytest

from tests.work.factories import PlanFactory, TaskFactory
from zonework.core import clock
from zonework.core.models import AuditEntry
from zonework.reports import render
from zonework.work import actions


@pytest.fixture
def task(zone, units, supervisor):
    plan = PlanFactory(zone=zone, title="年度重点工作督办")
    task = TaskFactory(plan=plan, number="3", position=3, title="推进汽车零部件产业园二期建设", lead_unit=units["invest"],
                       support_units=[units["econ"]], leader="刘副主任", text="年底前完成厂房主体建设。")
    actions.assign_task(task, acting_user=supervisor, note="请每月25日前报送进展")
    return task


def test_the_notice_names_the_task_units_leader_and_has_a_receipt(task, login, leader):
    response = login(leader).get(f"/reports/supervision-notice/{task.pk}/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "督查督办通知单" in text and f"督办〔{task.plan.year}〕" in text
    assert {"推进汽车零部件产业园二期建设", "招商局", "经信局", "刘副主任"} <= set(cells)
    assert "交办" in text and "请每月25日前报送进展" in text  # the 交办意见 from the task's history
    assert "（沿此线剪下）" in text and "签收回执" in text
    # the receipt comes after the signature (the office and the date)
    assert text.index("管委会督查室") < text.index("（沿此线剪下）") < text.index("\n签收回执\n")
    assert f"{clock.today().year}年" in text
    assert AuditEntry.objects.filter(action="export", message__contains="督办单").exists()


def test_the_task_page_links_the_preview(task, login, supervisor):
    client = login(supervisor)
    page = client.get(f"/work/tasks/{task.pk}/").content.decode()
    assert f'/reports/supervision-notice/{task.pk}/?format=html' in page
    preview = client.get(f"/reports/supervision-notice/{task.pk}/?format=html").content.decode()
    assert "督查督办通知单" in preview and "签收回执" in preview


def test_a_task_outside_the_users_scope_is_not_printed(task, login, units):
    from tests.factories import role_user

    outsider = role_user("unit_user", units["far"], username="far1")
    assert login(outsider).get(f"/reports/supervision-notice/{task.pk}/").status_code == 404


@pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")
def test_the_notice_renders_on_a4(task, tmp_path, artifacts_dir):
    from zonework.reports import supervision_notice
    from zonework.reports.docx_format import write_docx

    source = tmp_path / "notice.docx"
    write_docx(supervision_notice.build(task), source)
    pdf = render.docx_to_pdf(source, tmp_path)
    png = render.pdf_first_page_png(pdf, artifacts_dir / "supervision_notice_page1")
    assert png.exists() and png.stat().st_size > 10_000


@pytest.mark.skipif(not render.tools_available(), reason="soffice 或 pdftoppm 未安装")
def test_the_notice_as_pdf(task, login, leader):
    client = login(leader)
    assert 'href="?format=pdf"' in client.get(f"/reports/supervision-notice/{task.pk}/?format=html").content.decode()
    response = client.get(f"/reports/supervision-notice/{task.pk}/?format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Content-Disposition"].endswith(".pdf")
