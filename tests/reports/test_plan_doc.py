"""The plan document: a plan's tasks in order, headings, and （责任单位：…） after each task (seeds/001)."""

import io

import docx
import pytest

from tests.reports import data
from tests.reports.conftest import TODAY
from zonework.reports import plan_doc
from zonework.reports.common import ReportError
from zonework.reports.docx_format import write_docx


@pytest.fixture
def plan(zone, units):
    plan, _tasks = data.work(zone, units, 2013, title="武汉经济技术开发区2013年工作要点")
    return plan


def test_tasks_in_order_with_units(plan, zone, leader):
    text = plan_doc.build(zone, plan=plan, user=leader, date=TODAY).plain_text()
    lines = text.splitlines()
    assert lines[0] == "武汉经济技术开发区2013年工作要点"  # the zone is already in the plan's title
    start = lines.index("（一）着力推动产业高质量发展")
    assert lines[start + 1:start + 6] == [
        "1.着力打造世界知名车都。继续做大做强汽车产业，打造世界级汽车产业集群。（责任单位：经信局、招商局）",
        "2.加快发展现代服务业。推动制造业与服务业融合发展。（责任单位：招商局）",
        "3.建立完善高水平开放机制。加大制度创新力度。（责任单位：招商局）",
        "4.推进土地收储。完成土地收储4200亩。（责任单位：党政办公室）",
        "5.研究编制产城规划。（责任单位：党政办公室）",
    ]


def test_targets_of_the_plan_year_come_first(plan, zone, leader):
    data.next_year_targets(zone, 2013)
    text = plan_doc.build(zone, plan=plan, user=leader, date=TODAY).plain_text()
    assert "一、主要预期目标\n2013年主要预期目标是：地区生产总值增长8%左右；" in text
    assert "二、重点任务\n（一）着力推动产业高质量发展" in text


def test_plan_by_year(plan, zone, leader):
    report = plan_doc.build(zone, 2013, user=leader, date=TODAY)
    assert report.title.lines == ["武汉经济技术开发区2013年工作要点"]


def test_docx_lead_runs_and_units(plan, zone, leader):
    document = docx.Document(io.BytesIO(write_docx(plan_doc.build(zone, plan=plan, user=leader, date=TODAY))))
    task = next(p for p in document.paragraphs if p.text.startswith("1.着力打造世界知名车都。"))
    assert task.runs[0].text == "1.着力打造世界知名车都。"
    assert task.text.endswith("（责任单位：经信局、招商局）")


def test_year_without_plan_gives_a_message(zone, units, leader):
    with pytest.raises(ReportError) as exc:
        plan_doc.build(zone, 2011, user=leader)
    assert exc.value.messages == ["武汉经济技术开发区2011年暂无工作要点或实施方案，未生成文件。"]


def test_plan_of_another_zone_is_refused(plan, other_zone, admin_user):
    with pytest.raises(ReportError):
        plan_doc.build(other_zone, plan=plan, user=admin_user)


def test_reader_reads_back_the_tasks(plan, zone, leader, tmp_path):
    from zonework.reading import read_path

    path = tmp_path / "plan.docx"
    write_docx(plan_doc.build(zone, plan=plan, user=leader, date=TODAY), path)
    tasks = {t["title"]: t["units"] for t in read_path(path).to_dict()["tasks"]}
    assert tasks["着力打造世界知名车都"] == ["经信局", "招商局"]
    assert tasks["推进土地收储"] == ["党政办公室"]
