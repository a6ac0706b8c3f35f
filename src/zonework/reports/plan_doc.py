"""The plan document (工作要点 / 实施方案): a plan's targets and tasks in order, as in seeds/001.

    一、主要预期目标            (when the plan's year has targets)
    二、重点任务
    （一）<top-level task with sub-tasks>
    1.<sub-task title>。<text>（责任单位：经信局、招商局，相关园区）
    ...

A top-level task without sub-tasks is itself a numbered paragraph "1.<title>。<text>（责任单位：…）".
"""

from __future__ import annotations

from . import economy_data, work_data
from .common import ReportError, check_period, check_zone, figure, issuer_for, today
from .docx_format import Heading, Paragraph, Report, Signature, Title, heading_number


def task_paragraph(task, number, level=3):
    """"1.着力打造世界知名车都。<text>（责任单位：经信局、招商局）" with the task linked to its row."""
    title = task.title.rstrip("。")
    text = (task.text or "").strip()
    if text.startswith(title):
        text = text[len(title):].lstrip("。，, ")
    spans = [text] if text else []
    units = work_data.units_text(task)
    spans.append(figure(f"（责任单位：{units}）", task, f"任务“{task.title}”的牵头和配合单位"))
    return Paragraph(spans, lead=f"{heading_number(level, number)}{title}。", lead_level=level)


def task_blocks(tasks, *, top_level=2):
    """Blocks for a task tree, numbered as in seeds/001: a task with sub-tasks becomes a heading at
    `top_level`; every other task is a run-in paragraph one level down, numbered 1, 2, 3 … straight
    through the document (not restarting under each heading); a sub-sub-task is numbered （1） under
    its parent."""
    children = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    blocks = []
    number = 0
    for task in children.get(None, []):
        kids = children.get(task.pk, [])
        if kids:
            blocks.append(Heading(top_level, task.title.rstrip("。")))
            if (task.text or "").strip():
                blocks.append(Paragraph([task.text.strip()]))
        for kid in kids or [task]:
            number += 1
            blocks.append(task_paragraph(kid, number, level=top_level + 1))
            for m, grandkid in enumerate(children.get(kid.pk, []), start=1):
                blocks.append(task_paragraph(grandkid, m, level=min(top_level + 2, 4)))
    return blocks


def target_clauses(targets):
    """[[name, figure(描述)], ...] for each target of the year, in indicator order."""
    from zonework.economy.progress import describe_target

    out = []
    for t in sorted(targets, key=lambda t: (t.indicator.sort_order, t.indicator.name)):
        words = describe_target(t)
        out.append([t.indicator.name, figure(_target_words(words), t, f"{t}（{t.get_bound_display()}）")])
    return out


def _target_words(words):
    # describe_target gives "2020亿元；增长不低于20%"; a plan reads "2020亿元，增长20%以上"
    return words.replace("；", "，")


def build(zone, year=None, *, plan=None, user=None, date=None):
    check_zone(zone, user)
    if not work_data.available():
        raise ReportError("督查督办模块尚未安装，不能生成工作要点。")
    if plan is None:
        year, _ = check_period(year, None)
        plans = work_data.plans_for(zone, year, user)
        if not plans:
            raise ReportError(f"{zone}{year}年暂无工作要点或实施方案，未生成文件。")
        plan = plans[0]
    elif plan.zone_id != zone.pk:
        raise ReportError(f"计划“{plan}”不属于{zone}。")
    tasks = work_data.tasks_of([plan], user)
    if not tasks:
        raise ReportError(f"“{plan}”还没有任务，未生成文件。")
    title_lines = [plan.title] if zone.name in plan.title or (zone.short_name and zone.short_name in plan.title) \
        else [zone.name, plan.title]
    report = Report(Title(title_lines))
    targets = list(economy_data.targets_for(zone, plan.year, user).values()) if economy_data.available() else []
    if targets:
        report.heading(1, "主要预期目标")
        clauses = target_clauses(targets)
        spans = [f"{plan.year}年主要预期目标是："]
        for i, clause in enumerate(clauses):
            spans += (["；"] if i else []) + clause
        spans.append("。")
        report.add(Paragraph(spans))
        report.heading(1, "重点任务")
    for block in task_blocks(tasks, top_level=2):
        report.add(block)
    report.signature = Signature(date or today(), issuer=issuer_for(zone))
    return report
