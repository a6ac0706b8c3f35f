"""The 招商引资 to-dos (see core/todos.py): for whoever may change projects, the stalled projects in
their scope (the stall rule, stall.py) and the major projects whose milestones are late or due soon
(milestones.py)."""

from django.urls import reverse
from django.utils.translation import gettext_noop

from zonework.core import scope
from zonework.core.todos import Todo
from zonework.investment import stall
from zonework.investment.milestones import major_project_light
from zonework.investment.models import InvestmentProject, MajorProject, ProjectReminder

STALLED_ITEMS = 20


def todo_items(user, zone):
    items = []
    if user.has_perm("investment.change_investmentproject"):
        projects = scope.in_zone(scope.restrict(InvestmentProject.objects.all(), user, "change"), zone)
        for project, light in stall.stalled_projects(projects.select_related("zone"), limit=STALLED_ITEMS):
            items.append(Todo(kind="investment.stalled", kind_label=gettext_noop("推进停滞项目"), title=project.name,
                              url=project.get_absolute_url(), light=light,
                              note=f"{project.get_stage_display()}，自{project.stage_date}起无进展",
                              zone=project.zone.short_name or project.zone.name))
        if len(items) == STALLED_ITEMS:
            # The longest-stalled come one by one; the rest are one item to the list, so a zone with
            # thousands of old leads gets a readable to-do list (and a bell that means something).
            rest = stall.stalled_queryset(projects).count() - STALLED_ITEMS
            if rest > 0:
                items.append(Todo(kind="investment.stalled_more", kind_label=gettext_noop("推进停滞项目"),
                                  title=f"另有{rest}个停滞项目", url=reverse("investment:stalled"), light="yellow",
                                  note="按停滞时间排序，见停滞项目列表"))
    items += _reminded(user, zone)
    if user.has_perm("investment.change_majorproject"):
        majors = scope.in_zone(scope.restrict(MajorProject.objects.all(), user, "change"), zone)
        for major in majors.select_related("zone"):
            light, note = major_project_light(major)
            if light in ("red", "yellow"):
                items.append(Todo(kind="investment.milestone", kind_label=gettext_noop("重大项目节点"), title=major.name,
                                  url=reverse("investment:majorproject_edit", args=[major.pk]), light=light,
                                  note=note, zone=major.zone.short_name or major.zone.name))
    return items


def _reminded(user, zone):
    """催办 received: the project's 招商人员 (or, for a project without one, its unit's users) until the unit
    acts on the project (actions._answer_reminders)."""
    from django.db.models import Q

    if not user.has_perm("investment.change_projectreminder") or not getattr(user, "unit_id", None):
        return []
    open_ = scope.in_zone(scope.restrict(ProjectReminder.objects.filter(answered_at__isnull=True), user, "change"),
                          zone)
    open_ = open_.filter(Q(project__officer=user) | Q(project__officer__isnull=True, project__unit=user.unit_id))
    latest = {}
    for reminder in open_.select_related("project__zone", "by").order_by("project_id", "-date", "-id"):
        latest.setdefault(reminder.project_id, reminder)
    return [Todo(kind="investment.reminded", kind_label=gettext_noop("落实项目催办"), title=r.project.name,
                 url=r.project.get_absolute_url(), due=r.date, light="yellow",
                 note=f"{r.by or ''}{r.date:%m-%d}催办" + (f"：{r.message}" if r.message else ""),
                 zone=r.project.zone.short_name or r.project.zone.name)
            for r in latest.values()]
