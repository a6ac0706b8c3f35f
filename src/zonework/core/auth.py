"""Authentication: permissions through roles, and the login guard (lockout, captcha, normalised names).

The guard counts failures from the audit log, so every path (login page, API token) and every
process sees the same state. It locks three ways, each with a delay that doubles with every further
failure:
- the account, for addresses it has never logged in from: a stranger cannot keep guessing;
- the account from one of its known addresses (a successful login came from there before): only
  that address's own failures count, so a stranger elsewhere cannot lock the owner out;
- the source address, whatever names it tries: one machine cannot walk through many accounts.
A security administrator's unlock (core.actions.unlock_user) starts the account's count afresh.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from zonework.core import clock
from zonework.core.choices import AuditAction

UNLOCK_EVENT = "user.unlocked"


class RoleBackend(ModelBackend):
    """Django's model backend, with permissions coming from the user's roles."""

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(role__users=user_obj)

    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, username=normalize_username(username), password=password, **kwargs)


def normalize_username(raw):
    """The one spelling of a typed name: NFKC (full-width letters become ASCII), without control or
    invisible format characters and surrounding space. Lockout and authentication both use it, so
    " tongji" or "ｔｏｎｇｊｉ" is the same locked account as "tongji"."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raw = str(raw)
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Cs"})
    return text.strip()[:150]


@dataclass(frozen=True)
class GuardState:
    until: datetime.datetime | None  # locked until then, or None
    failures: int  # the failures that count against this name from this address
    address_failures: int

    @property
    def locked(self):
        return self.until is not None

    @property
    def needs_captcha(self):
        limit = settings.ZONEWORK_CAPTCHA_AFTER
        return self.failures >= limit or self.address_failures >= limit


def _entries():
    from zonework.core.models import AuditEntry

    return AuditEntry.objects


def _delay_until(last_failure, excess):
    """The lock grows: the base period, doubled for every failure beyond the threshold."""
    minutes = settings.ZONEWORK_LOCKOUT_MINUTES * (2 ** min(excess, 16))
    minutes = min(minutes, settings.ZONEWORK_LOCKOUT_MAX_MINUTES)
    return last_failure + datetime.timedelta(minutes=minutes)


def _account_reset(username, since):
    """Failures before the last successful login or unlock of the account no longer count."""
    from django.contrib.contenttypes.models import ContentType

    from zonework.core.models import User

    last_ok = (_entries().filter(user_name=username, action=AuditAction.LOGIN, time__gte=since)
               .order_by("-time").values_list("time", flat=True).first())
    user_pk = User.objects.filter(username=username).values_list("pk", flat=True).first()
    last_unlock = None
    if user_pk is not None:
        last_unlock = (_entries().filter(event=UNLOCK_EVENT, object_id=str(user_pk),
                                         content_type=ContentType.objects.get_for_model(User), time__gte=since)
                       .order_by("-time").values_list("time", flat=True).first())
    return max([t for t in (since, last_ok, last_unlock) if t is not None])


def is_known_address(username, ip):
    if not username or not ip:
        return False
    since = clock.now() - datetime.timedelta(days=settings.ZONEWORK_KNOWN_ADDRESS_DAYS)
    return _entries().filter(user_name=username, ip=ip, action=AuditAction.LOGIN, time__gte=since).exists()


def guard_state(username, ip=None):
    """Whether a login of `username` from `ip` is refused now, and how many failures stand against it."""
    now = clock.now()
    username = normalize_username(username)
    memory = now - datetime.timedelta(hours=settings.ZONEWORK_LOCKOUT_MEMORY_HOURS)
    until = None
    failures = 0
    if username:
        since = _account_reset(username, memory)
        qs = _entries().filter(user_name=username, action=AuditAction.LOGIN_FAILED, time__gt=since)
        if is_known_address(username, ip):
            qs = qs.filter(ip=ip)
        times = list(qs.order_by("-time").values_list("time", flat=True)[:200])
        failures = len(times)
        threshold = settings.ZONEWORK_LOCKOUT_ATTEMPTS
        if failures >= threshold:
            until = _delay_until(times[0], failures - threshold)
    address_failures = 0
    if ip:
        window = now - datetime.timedelta(minutes=settings.ZONEWORK_LOCKOUT_ADDRESS_WINDOW_MINUTES)
        times = list(_entries().filter(ip=ip, action=AuditAction.LOGIN_FAILED, time__gt=window)
                     .order_by("-time").values_list("time", flat=True)[:500])
        address_failures = len(times)
        threshold = settings.ZONEWORK_LOCKOUT_ADDRESS_ATTEMPTS
        if address_failures >= threshold:
            address_until = _delay_until(times[0], address_failures - threshold)
            until = max(until, address_until) if until else address_until
    if until is not None and until <= now:
        until = None
    return GuardState(until=until, failures=failures, address_failures=address_failures)


def lockout_until(username, ip=None):
    """When a locked login opens again, or None if it is not locked."""
    return guard_state(username, ip).until


def record_locked_attempt(username):
    """An attempt while locked is itself a failure: it is on record, and it lengthens the lock."""
    from zonework.core.audit import write_entry

    write_entry(AuditAction.LOGIN_FAILED, user_name=normalize_username(username), event="login.locked",
                message="账户或来源地址锁定期间尝试登录，已拒绝")


def lockout_message(until):
    minutes = max(1, int((until - clock.now()).total_seconds() // 60) + 1)
    return (f"连续登录失败次数过多，账户已锁定，"
            f"请约{minutes}分钟后再试，或联系安全管理员解锁。")


def check_login_allowed(username, ip):
    """The lock check every login path makes first: a message when refused (and the attempt logged)."""
    state = guard_state(username, ip)
    if state.locked:
        record_locked_attempt(username)
        return state, lockout_message(state.until)
    return state, None
