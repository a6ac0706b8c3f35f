"""Which tasks a user reaches: the data-scope rule, plus the tasks the user's unit supports.

A task's owning unit is its lead unit (`Task.scope_unit = "lead_unit"`), so `scope.restrict` gives a
unit user the tasks their unit leads. A unit named as 配合单位 must also see (and report on) the task;
that is the one addition here, used by every page, the API, exports and commands.
"""

from django.db.models import Q

from zonework.core import scope
from zonework.core.choices import DataScope


def _support_q(user):
    """Tasks the user's unit supports, by the user's own data scopes (本单位 / 本单位及下级)."""
    if not getattr(user, "unit_id", None):
        return None
    scopes = scope.user_scopes(user)
    q = None
    if DataScope.UNIT_AND_BELOW in scopes:
        q = Q(support_units__path__startswith=user.unit.path)
    elif DataScope.UNIT in scopes:
        q = Q(support_units=user.unit)
    if q is None:
        return None
    zone_ids = scope.user_zone_ids(user)
    return q if zone_ids is None else q & Q(plan__zone__in=zone_ids)


def visible_tasks(user, action="view", queryset=None):
    """Tasks `user` may `action`: those in data scope, and those their unit supports."""
    from zonework.work.models import Task

    queryset = Task.objects.all() if queryset is None else queryset
    base = scope.restrict(queryset, user, action)
    if not user.is_authenticated or not user.has_perm(scope.perm_name(Task, action)):
        return base
    extra = _support_q(user)
    if extra is None or scope.scope_q(Task, user) is None:
        return base
    supported = Task.objects.filter(extra).values("pk")
    return queryset.filter(Q(pk__in=base.values("pk")) | Q(pk__in=supported))


def visible_reports(user, queryset=None):
    """Progress reports on tasks the user can see (a support unit sees the lead's reports too)."""
    from zonework.work.models import ProgressReport

    queryset = ProgressReport.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.has_perm("work.view_progressreport"):
        return queryset.none()
    return queryset.filter(task__in=visible_tasks(user).values("pk"))


def can_see_task(user, task):
    return visible_tasks(user).filter(pk=task.pk).exists()


def unit_role(user, task):
    """"lead", "support" or None: how the user's unit (or the unit above it) stands to the task."""
    unit = getattr(user, "unit", None)
    if unit is None:
        return None
    if task.lead_unit_id == unit.pk or (task.lead_unit.path and unit.path.startswith(task.lead_unit.path)):
        return "lead"
    for support in task.support_units.all():
        if support.pk == unit.pk or (support.path and unit.path.startswith(support.path)):
            return "support"
    return None


def is_supervisor(user, task=None):
    """A user holding the supervision permission, with the task in their scope."""
    if not user.is_authenticated or not user.has_perm("work.supervise_task"):
        return False
    return task is None or scope.can(user, "change", task)


def can_remind(user, task=None):
    """催办 is the supervision office's daily work, and a leader's from the cockpit and the board."""
    return is_supervisor(user, task) or can_instruct(user, task)


def can_instruct(user, task=None):
    """领导批示 is a leader's: the permission (leaders hold it), the task in the user's scope; the
    supervision office holds every work permission but chases tasks, it does not instruct on them."""
    from zonework.core.choices import RoleCode

    if not user.is_authenticated or not user.has_perm("work.instruct_task"):
        return False
    codes = user.role_codes()
    if RoleCode.SUPERVISOR in codes and RoleCode.LEADER not in codes and not user.is_superuser:
        return False
    return task is None or can_see_task(user, task)
