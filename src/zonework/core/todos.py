"""待办 and 已办: what each user has to do next, computed from the records, and what they did.

A to-do is not stored: each app declares `todo_items(user, zone)` on its AppConfig and derives its
items from its own records with its own rules (a task's light, a project's stall, a request's time
limit), so an item disappears the moment its condition ends and there is no second copy to keep in
step. 已办 is the user's own audit trail.

The header's count is cached for a minute per user and zone, and the cache is dropped whenever an
audit entry is written (every change of domain state writes one), so acting on an item updates the
bell at once; only conditions that arrive with the clock (a deadline passing) wait up to a minute.
"""

import datetime
from dataclasses import asdict, dataclass

from django.apps import apps
from django.core.cache import cache

from zonework.core import clock
from zonework.core.choices import AuditAction

LIGHT_ORDER = {"red": 0, "yellow": 1, "green": 2, "": 3}
COUNT_SECONDS = 60
_VERSION_KEY = "zonework:todos:version"
# What counts as done: changes and business events, not logins, exports or refusals.
DONE_ACTIONS = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.EVENT)


@dataclass(frozen=True)
class Todo:
    kind: str  # a stable code, "app.what", for the API and tests
    kind_label: str  # what to do, in the user's words: 审核办结申请, 签收任务 ...
    title: str  # the record it is about
    url: str  # where it is done
    due: datetime.date | None = None
    light: str = ""  # red / yellow / green, or "" for no urgency
    note: str = ""  # why it is on the list (漏报2次, 已停滞5个月 ...)
    zone: str = ""

    def as_dict(self):
        data = asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        data["link"] = data.pop("url")
        return data


def sort_key(item):
    return LIGHT_ORDER.get(item.light, 3), item.due or datetime.date.max, item.kind_label, item.title


def todos_for(user, zone=None):
    """Every open item for `user` in `zone` (all the user's zones when None), most urgent first."""
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for config in apps.get_app_configs():
        provider = getattr(config, "todo_items", None)
        if provider is not None:
            items.extend(provider(user, zone))
    # One record can qualify twice (a red task that is also awaiting approval): keep the first kind.
    seen, unique = set(), []
    for item in sorted(items, key=sort_key):
        if (item.kind, item.url) not in seen:
            seen.add((item.kind, item.url))
            unique.append(item)
    return unique


def _version():
    return cache.get_or_set(_VERSION_KEY, 0, None)


def forget_counts(**kwargs):
    """Called on every audit entry: counts computed before the change are stale."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def todo_count(user, zone=None):
    if not getattr(user, "is_authenticated", False):
        return 0
    key = f"zonework:todos:{_version()}:{user.pk}:{getattr(zone, 'pk', 'all')}:{clock.today().isoformat()}"
    count = cache.get(key)
    if count is None:
        count = len(todos_for(user, zone))
        cache.set(key, count, COUNT_SECONDS)
    return count


def done_entries(user):
    """已办: the user's own recorded actions, newest first (a queryset, for the paginator)."""
    from zonework.core.models import AuditEntry

    return AuditEntry.objects.filter(user=user, action__in=DONE_ACTIONS).select_related("content_type") \
        .order_by("-time", "-id")


def connect_signals():
    from django.db.models.signals import post_save

    from zonework.core.models import AuditEntry

    post_save.connect(forget_counts, sender=AuditEntry, dispatch_uid="zonework-todo-counts")
