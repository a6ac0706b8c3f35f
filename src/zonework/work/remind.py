"""Reminders (催办) and warnings (黄牌 / 红牌), in-app and by e-mail; run by `zonework remind`.

For every task being worked on (交办, 签收, 办理中), on a given day:

| when | kind | level | to |
|---|---|---|---|
| a report date is within the plan's `remind_days` | report_due (反馈即将到期) | — | the lead unit's users |
| the latest report date passed with no report | report_missed (反馈逾期) | yellow | the lead unit's users |
| `red_missed_reports` dates in a row missed | report_missed_escalated | red | the unit's users and its leaders |
| the deadline is within `remind_days` | deadline_soon (完成时限临近) | — | the lead unit's users |
| the deadline has passed | overdue (任务逾期) | red | the unit's users and its leaders |

The unit's leaders are the users of that unit holding the 领导 (leader) role; a unit without one
escalates to the zone's 督查员 instead. Each reminder is one row, unique per (task, kind, period),
where the period is the report date or deadline it is about, so running the command twice, or
from cron and Celery beat both, never sends the same reminder twice. The yellow and red rows are the
warnings the assessment deducts for (scoring.py). The rows are written by work.actions.issue_reminder
(a "reminder.sent" audit event each); the e-mail follows once that transaction has committed.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail

from zonework.core import clock
from zonework.core.choices import RoleCode
from zonework.work.choices import REPORTING_STATUSES, ReminderKind, WarningLevel
from zonework.work.lights import LightRules, task_light

log = logging.getLogger(__name__)


def unit_users(unit):
    from zonework.core.models import User

    return list(User.objects.filter(unit=unit, is_active=True).order_by("username"))


def zone_supervisors(zone):
    """The zone's supervision office: its active users holding the supervisor role."""
    from zonework.core.models import User

    return list(User.objects.filter(unit__zone=zone, is_active=True, roles__code=RoleCode.SUPERVISOR)
                .distinct().order_by("username"))


def unit_leaders(unit):
    """Users of the unit holding the leader role; else the zone's supervisors."""
    from zonework.core.models import User

    leaders = list(User.objects.filter(unit=unit, is_active=True, roles__code=RoleCode.LEADER).distinct())
    if leaders:
        return leaders
    return zone_supervisors(unit.zone_id)


def email_reminder(reminder_id, emails, acting_user=None):
    """Mail one reminder; run on commit (work.actions.issue_reminder), never inside a transaction
    that could still roll the reminder back. E-mail is best effort: the in-app reminder stands."""
    from zonework.work import actions
    from zonework.work.models import Reminder

    reminder = Reminder.objects.select_related("task").get(pk=reminder_id)
    try:
        send_mail(f"【督查督办】{reminder.get_kind_display()}：{reminder.task.title}", reminder.message,
                  settings.DEFAULT_FROM_EMAIL, emails)
    except Exception as exc:
        log.exception("reminder e-mail failed for task %s", reminder.task_id)
        actions.record_reminder_email(reminder, emails, error=f"{exc.__class__.__name__}：{exc}",
                                      acting_user=acting_user)
    else:
        actions.record_reminder_email(reminder, emails, acting_user=acting_user)


def reminders_for(task, today):
    """(kind, period, level, message, escalate) tuples due for `task` on `today`."""
    plan = task.plan
    result = task_light(task, today, LightRules.for_plan(plan))
    out = []
    due = result.next_report_due
    if due is not None and 0 <= (due - today).days <= plan.remind_days:
        out.append((ReminderKind.REPORT_DUE, due.isoformat(), WarningLevel.NONE,
                    f"任务“{task}”的进度反馈应于{due}前报送。", False))
    if result.missed_dates:
        latest = result.missed_dates[-1]
        if len(result.missed_dates) >= plan.red_missed_reports:
            out.append((ReminderKind.REPORT_MISSED_ESCALATED, latest.isoformat(), WarningLevel.RED,
                        f"红牌警示：{task.lead_unit}已连续{len(result.missed_dates)}次未按时反馈任务“{task}”的进度"
                        f"（最近一次应于{latest}报送）。", True))
        else:
            out.append((ReminderKind.REPORT_MISSED, latest.isoformat(), WarningLevel.YELLOW,
                        f"黄牌警示：任务“{task}”应于{latest}报送的进度反馈尚未报送，请尽快补报。", False))
    days = (task.deadline - today).days
    if 0 <= days <= plan.remind_days:
        out.append((ReminderKind.DEADLINE_SOON, task.deadline.isoformat(), WarningLevel.NONE,
                    f"任务“{task}”将于{task.deadline}到期（还有{days}天），请按时办结。", False))
    elif days < 0:
        out.append((ReminderKind.OVERDUE, task.deadline.isoformat(), WarningLevel.RED,
                    f"红牌警示：{task.lead_unit}牵头的任务“{task}”已超过完成时限{task.deadline}共{-days}天，仍未办结。",
                    True))
    return out


def send_reminders(today=None, *, zone=None):
    """Send every reminder due today; returns the reminders created (none if already sent)."""
    from zonework.work import actions
    from zonework.work.models import Task

    today = today or clock.today()
    tasks = Task.objects.filter(status__in=REPORTING_STATUSES).select_related("plan", "lead_unit", "lead_unit__zone")
    if zone is not None:
        tasks = tasks.filter(plan__zone=zone)
    sent = []
    for task in tasks.order_by("pk"):
        for kind, period, level, message, escalate in reminders_for(task, today):
            recipients = unit_users(task.lead_unit)
            if escalate:
                recipients += unit_leaders(task.lead_unit)
            reminder = actions.issue_reminder(task, kind, period, message, unit=task.lead_unit,
                                              recipients=recipients, level=level)
            if reminder is not None:
                sent.append(reminder)
    return sent
