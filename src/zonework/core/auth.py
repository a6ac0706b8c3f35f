"""Authentication: permissions through roles, and lockout after repeated failed logins."""

import datetime

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from zonework.core import clock
from zonework.core.choices import AuditAction


class RoleBackend(ModelBackend):
    """Django's model backend, with permissions coming from the user's roles."""

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(role__users=user_obj)

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user)


def lockout_until(username):
    """When a locked account opens again, or None if it is not locked.

    Failures are counted from the audit log: those within the window since the last success.
    """
    from zonework.core.models import AuditEntry

    if not username:
        return None
    now = clock.now()
    window = datetime.timedelta(minutes=settings.ZONEWORK_LOCKOUT_MINUTES)
    since = now - window
    last_ok = (
        AuditEntry.objects.filter(user_name=username, action=AuditAction.LOGIN, time__gte=since)
        .order_by("-time").values_list("time", flat=True).first()
    )
    if last_ok:
        since = last_ok
    failures = list(
        AuditEntry.objects.filter(user_name=username, action=AuditAction.LOGIN_FAILED, time__gt=since)
        .order_by("-time").values_list("time", flat=True)[: settings.ZONEWORK_LOCKOUT_ATTEMPTS]
    )
    if len(failures) < settings.ZONEWORK_LOCKOUT_ATTEMPTS:
        return None
    until = failures[0] + window
    return until if until > now else None


def lockout_message(until):
    minutes = max(1, int((until - clock.now()).total_seconds() // 60) + 1)
    return (f"连续登录失败{settings.ZONEWORK_LOCKOUT_ATTEMPTS}次，账户已锁定，"
            f"请约{minutes}分钟后再试，或联系系统管理员。")
