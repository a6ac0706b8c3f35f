"""The work demo: seed 001's implementation plan in 武汉经济技术开发区, with a year of realistic history.

The plan's tasks are read from `seeds/001_*.txt` by the reader when the team's shared folder is
beside the repository (or ZONEWORK_SHARED points at it); otherwise from the built-in list below (the
same fourteen tasks and units), so the demo works on a machine with only the repository. Everything
goes through the actions (the loader acts for the responsible unit, 李督查 reviews); only timestamps
are moved back afterwards so the year looks lived in. Some tasks are done, one late, one overdue,
some yellow. Running it again changes nothing once the plan exists.
"""

import copy
import datetime
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from zonework.core import clock
from zonework.core.demo import reports_folder
from zonework.core.models import User
from zonework.work import actions
from zonework.work.choices import ReportCycle, TaskStatus
from zonework.work.lights import elapsed_pct, report_due_dates
from zonework.work.models import Assessment, Plan, ProgressReport, Task, TaskTransition

PLAN_TITLE = "武汉经济技术开发区(汉南区)关于落实促进中部地区崛起战略推动高质量发展的实施方案"

# Seed 001's fourteen tasks and their responsible units (责任单位), as the reader yields them.
BUILTIN_TASKS = [
    ("着力打造世界知名车都", ["经信局", "招商局", "相关园区"]),
    ("大力培育新产业增长极", ["招商局", "经信局", "智慧生态城", "通航产业园", "先进制造产业区", "商务城", "汽车及零部件产业园",
                              "城乡建设局", "国土规划局"]),
    ("加快发展现代服务业", ["商务城", "港口物流园", "招商局", "智慧生态城", "经开综保区"]),
    ("加快培育集聚创新主体和载体", ["经信局", "相关园区"]),
    ("全面推进创新要素集聚", ["经信局", "招商局", "组织部", "财政局", "商务城", "智慧生态城"]),
    ("打造国家级检验检测及认证示范区", ["市场监管局", "招商局"]),
    ("实施知识产权、质量品牌和标准化提升战略", ["知识产权工作中心", "市场监管局"]),
    ("深化重点领域改革", ["组织部", "财政局", "经信局", "统战部", "行政审批局", "宣传部", "市场监管局"]),
    ("建立完善高水平开放机制", ["经开综保区", "招商局", "城乡建设局", "卫计局", "教育局", "共建办", "宣传部"]),
    ("积极参与建设中部陆海大通道", ["港口物流园"]),
    ("提升城市功能品质", ["城乡建设局", "国土规划局", "发改局", "环保局", "城管局", "智慧生态城", "通航产业园", "体育中心"]),
    ("加强生态文明建设", ["环保局", "城乡建设局", "城管局"]),
    ("加大民生改善力度", ["组织部", "人资局", "城乡建设局", "卫计局", "教育局", "公安分局"]),
    ("加快实施乡村振兴", ["农业局", "国土规划局", "城乡建设局", "招商局", "各街道", "农发投公司"]),
]
# The least history the demo shows: enough for a task done late and one overdue before today.
HISTORY_DAYS = 120
LEADERS = ["王主任", "刘副主任", "陈副主任"]

# What happened to each task this year, by position (1-14).
SCENARIOS = {
    1: "on_track", 2: "missed_one", 3: "done", 4: "done_late", 5: "overdue", 6: "due_soon", 7: "missed_two",
    8: "completion_requested", 9: "on_track", 10: "done", 11: "behind", 12: "accepted", 13: "returned",
    14: "assigned",
}


def shared_seed():
    """seeds/001_*.txt among the demo's reports, if it is there."""
    files = sorted(reports_folder().glob("001_*.txt"))
    return files[0] if files else None


def seed_records():
    """(records, source name): read from the seed when available, else the built-in list."""
    path = shared_seed()
    if path is not None:
        try:
            from zonework.reading import read_path

            records = read_path(path).tasks
            if len(records) == len(BUILTIN_TASKS):
                return records, path.name
        except Exception:  # the reader is optional here; fall back to the built-in list
            pass
    return [{"title": t, "units": u, "provenance": {}} for t, u in BUILTIN_TASKS], "演示数据（内置任务清单）"


def _unit_actor(actor, unit):
    """A demo account of the unit if there is one, else the loader acting for the unit."""
    user = User.objects.filter(unit=unit, roles__code="unit_user", is_active=True).first()
    if user is not None:
        return user
    proxy = copy.copy(actor)
    proxy.unit, proxy.unit_id = unit, unit.pk
    return proxy


def _dates(task, start, end):
    return report_due_dates(ReportCycle.MONTHLY, task.report_day, start, end)


def _at(day, hour=17):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _backdate(task, since_id, day, hour=17, **fields):
    """Move the transitions written since `since_id` (and the given task fields) back to `day`."""
    when = _at(day, hour)
    TaskTransition.objects.filter(task=task, pk__gt=since_id).update(at=when)
    if fields:
        Task.objects.filter(pk=task.pk).update(**{k: when for k in fields})
    task.refresh_from_db()


def _last_id(task):
    return TaskTransition.objects.filter(task=task).order_by("-pk").values_list("pk", flat=True).first() or 0


def _report(task, by, dates, progress_to):
    for i, d in enumerate(dates, start=1):
        progress = round(progress_to * i / len(dates))
        since = _last_id(task)
        report = actions.report_progress(task, {"text": f"{d:%m}月进展：按计划推进，已完成阶段目标的{progress}%。",
                                                "progress": progress, "date": d}, acting_user=by)
        ProgressReport.objects.filter(pk=report.pk).update(created_at=_at(d))
        _backdate(task, since, d)


def play(task, scenario, *, today, year_start, year_end, supervisor, actor):
    """Bring one task through the year along its scenario, with the real actions."""
    unit = _unit_actor(actor, task.lead_unit)
    assigned_on = year_start + datetime.timedelta(days=14)
    deadline = {"done_late": today - datetime.timedelta(days=40), "overdue": today - datetime.timedelta(days=10),
                "due_soon": today + datetime.timedelta(days=2)}.get(scenario, year_end)
    deadline = max(deadline, year_start)
    actions.update_task(task, {"deadline": deadline, "leader": LEADERS[task.position % len(LEADERS)]},
                        acting_user=supervisor)
    actions.assign_task(task, acting_user=supervisor)
    if scenario in ("accepted", "assigned"):
        assigned_on = today - datetime.timedelta(days=3)
    TaskTransition.objects.filter(task=task, event="created").update(at=_at(year_start + datetime.timedelta(days=7), 10))
    _backdate(task, _last_id(task) - 1, assigned_on, 9, assigned_at=True)
    if scenario == "assigned":
        return
    since = _last_id(task)
    actions.accept_task(task, acting_user=unit)
    _backdate(task, since, min(assigned_on + datetime.timedelta(days=1), today), 10, accepted_at=True)
    if scenario == "accepted":
        return
    dues = _dates(task, assigned_on, min(deadline, today - datetime.timedelta(days=1)))
    on_track = int(min(100, (elapsed_pct(year_start, year_end, today) or 0) + 8))
    if scenario == "missed_one":
        dates, target = dues[:-1], on_track
    elif scenario == "missed_two":
        dates, target = dues[:-2], max(on_track - 20, 10)
    elif scenario == "behind":
        dates, target = dues, max(on_track - 35, 5)
    elif scenario in ("done", "done_late", "completion_requested"):
        dates, target = dues, 100
    elif scenario == "overdue":
        dates, target = dues, 70
    elif scenario == "due_soon":
        dates, target = dues, 90
    else:
        dates, target = dues, on_track
    if not dates and scenario not in ("missed_one", "missed_two"):
        dates = [today]
    _report(task, unit, dates, target)
    last = dates[-1] if dates else today
    if scenario == "returned":
        actions.request_completion(task, acting_user=unit, note="已基本完成")
        since = _last_id(task)
        actions.return_task(task, acting_user=supervisor, reason="佐证材料不全，请补充项目清单与进度照片后再申请。")
        _backdate(task, since, today, 9)
    if scenario in ("done", "done_late", "completion_requested"):
        since = _last_id(task)
        actions.request_completion(task, acting_user=unit, note="各项工作已完成，申请办结。")
        requested_on = min(last + datetime.timedelta(days=3), today)
        if scenario == "done_late":
            requested_on = min(deadline + datetime.timedelta(days=12), today)
        if scenario != "completion_requested":
            _backdate(task, since, requested_on, 16, completion_requested_at=True)
    if scenario in ("done", "done_late"):
        since = _last_id(task)
        actions.approve_completion(task, acting_user=supervisor, quality_score=92 if scenario == "done" else 75,
                                   note="材料齐全，同意办结。")
        _backdate(task, since, min(requested_on + datetime.timedelta(days=2), today), 11, done_at=True)


def load(context, stdout):
    zone = context["zones"].get("武汉经济技术开发区")
    actor = context["actor"]
    if zone is None:
        return
    plan = Plan.objects.filter(zone=zone, title=PLAN_TITLE).order_by("pk").first()
    if plan is not None and plan.tasks.exclude(status=TaskStatus.DRAFT).exists():
        stdout.write("督查督办：演示计划已存在，跳过。")
        return
    today = clock.today()
    year = today.year
    supervisor = User.objects.filter(username="supervisor").first() or actor
    source = plan.source if plan is not None else ""
    with transaction.atomic():
        if plan is None:
            # Not committed by the documents demo: read seed 001 (or the built-in list) here.
            records, source = seed_records()
            document = SimpleNamespace(zone=zone, pk=None, title=PLAN_TITLE, filename=source,
                                       meta={"plan_year": year})
            actions.commit_document_tasks(document, records, acting_user=actor,
                                          options={"expand_groups": True,
                                                   "create_units": [n for r in records for n in r["units"]]})
            plan = Plan.objects.get(zone=zone, title=PLAN_TITLE)
        year_end = datetime.date(year, 12, 31)
        # In the first months a plan of this year has no history yet (on 1 January no task can be late),
        # so the demo's plan then runs from the autumn before, as a 实施方案 issued late in a year does.
        year_start = min(datetime.date(year, 1, 1), today - datetime.timedelta(days=HISTORY_DAYS))
        if plan.start_date != year_start:
            actions.update_plan(plan, {"start_date": year_start}, acting_user=actor)
        for task in plan.tasks.select_related("plan", "lead_unit").order_by("position"):
            play(task, SCENARIOS.get(task.position, "on_track"), today=today, year_start=year_start,
                 year_end=year_end, supervisor=supervisor, actor=actor)
        from zonework.work.remind import send_reminders

        sent = send_reminders(today, zone=zone)
        if not Assessment.objects.filter(zone=zone, year=plan.year).exists():
            actions.create_assessment({"zone": zone, "year": plan.year, "title": f"{plan.year}年度督查任务绩效考核"},
                                      acting_user=actor)
    counts = {s: plan.tasks.filter(status=s).count() for s in TaskStatus.values}
    stdout.write(f"督查督办：计划“{plan.title[:20]}…”任务{plan.tasks.count()}项（来源：{source}），"
                 f"已办结{counts['done']}项、逾期办结{counts['done_late']}项；提醒{len(sent)}条。")
