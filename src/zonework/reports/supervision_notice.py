"""督办单 (supervision notice): one task handed to its units on paper, as supervision offices send it —
the matter, the units, the leader, the deadline and reporting rule, the instructions, and a 签收回执
for the lead unit to sign and send back. Written by the one GB/T 9704 writer (docx_format)."""

from __future__ import annotations

from zonework.core import clock

from .common import figure, issuer_for, today
from .docx_format import Heading, Paragraph, Report, Signature, Table, Title, official_date
from .work_data import units_text


def notice_number(task):
    """督办〔year〕plan-task: stable for one task, so a reprint carries the same number."""
    return f"督办〔{task.plan.year}〕{task.plan_id}-{task.number or task.position}号"


def _instructions(task):
    """交办意见 and 催办 notes from the task's own history, oldest first."""
    from zonework.work.choices import TransitionEvent

    lines = []
    for t in task.transitions.filter(event__in=[TransitionEvent.ASSIGNED, TransitionEvent.REMINDED]) \
            .exclude(reason="").order_by("at", "id"):
        lines.append(f"{t.get_event_display()}（{clock.localdate(t.at):%Y-%m-%d}）：{t.reason}")
    return lines


def build(task, *, date=None):
    zone = task.plan.zone
    support = [u.name for u in task.support_units.all() if u.pk != task.lead_unit_id]
    cycle = task.get_report_cycle_display()
    if task.report_day and task.report_cycle not in ("none", ""):
        cycle += f"（{'周' if task.report_cycle == 'weekly' else ''}{task.report_day}{'日' if task.report_cycle != 'weekly' else ''}前）"
    report = Report(Title([zone.name, "督查督办通知单"]))
    report.add(Paragraph([f"编号：{notice_number(task)}"], indent=False))
    rows = [
        ["督办事项", figure(task.title, task, f"任务“{task.title}”")],
        ["所属计划", task.plan.title],
        ["牵头单位", task.lead_unit.name],
        ["配合单位", "、".join(support) or "—"],
        ["责任领导", task.leader or "—"],
        ["完成时限", official_date(task.deadline) if task.deadline else "—"],
        ["反馈要求", f"{cycle}报送进展情况"],
    ]
    report.add(Table(["项目", "内容"], rows))
    if (task.text or "").strip():
        report.heading(1, "工作要求")
        report.add(Paragraph([task.text.strip()]))
    report.heading(1, "领导批示及交办意见")
    lines = _instructions(task)
    for line in lines or ["（无）"]:
        report.add(Paragraph([line]))
    report.add(Paragraph([f"请{units_text(task)}按要求抓好落实，在完成时限前办结，并于收到本通知单后"
                          "3个工作日内将签收回执报送督查室。"]))
    report.signature = Signature(date or today(), issuer=f"{issuer_for(zone)}督查室")
    report.appendix += [Heading(1, "签收回执"),
                        Paragraph([f"已收到{notice_number(task)}督办单“{task.title}”，将按要求办理。"]),
                        Table(["签收单位", "签收人", "签收时间", "联系电话"], [[task.lead_unit.name, "", "", ""]])]
    return report
