from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_noop


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# The modules of the yearly cycle. A module shows once its app is installed and its URL exists.
MODULES = [
    (gettext_noop("首页"), "core:home", "bi-house", None),
    (gettext_noop("待办事项"), "core:todos", "bi-bell", None),
    (gettext_noop("通知公告"), "core:notice_list", "bi-megaphone", None),
    (gettext_noop("经济运行"), "economy:dashboard", "bi-graph-up", "economy.view_target"),
    (gettext_noop("数据填报"), "returns:index", "bi-clipboard-data", "returns.view_returnfiling"),
    (gettext_noop("督查督办"), "work:board", "bi-list-check", "work.view_task"),
    (gettext_noop("招商引资"), "investment:board", "bi-building-add", "investment.view_investmentproject"),
    (gettext_noop("企业服务"), "enterprises:request_list", "bi-headset", "enterprises.view_servicerequest"),
    (gettext_noop("来源文件"), "documents:list", "bi-file-earmark-text", "documents.view_sourcedocument"),
    (gettext_noop("报告"), "reports:index", "bi-file-earmark-word", "reports.view_reportjob"),
    (gettext_noop("考核评价"), "evaluation:ranking", "bi-trophy", "evaluation.view_evaluationrun"),
]
COMPARISON = (gettext_noop("开发区对比"), "economy:comparison", "bi-bar-chart-steps", "economy.view_observation")
# Ranking zones means something only to a user who oversees several of them.
SEVERAL_ZONES_ONLY = {"evaluation:ranking"}
ADMIN_MODULES = [
    (gettext_noop("开发区"), "core:zone_list", "bi-geo-alt", "core.view_zone"),
    (gettext_noop("园区"), "core:park_list", "bi-pin-map", "core.view_park"),
    (gettext_noop("单位"), "core:unit_list", "bi-diagram-3", "core.view_unit"),
    (gettext_noop("用户"), "core:user_list", "bi-people", ("core.change_user", "core.unlock_user")),
    (gettext_noop("角色与权限"), "core:role_list", "bi-shield-lock", "core.view_role"),
    (gettext_noop("审计日志"), "core:audit_list", "bi-journal-text", "core.view_auditentry"),
    (gettext_noop("消息发送失败"), "core:deliveries", "bi-send-exclamation", "core.view_delivery"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def visible(items):
        out = []
        for label, name, icon, perm in items:
            if name in SEVERAL_ZONES_ONLY and zone_count < 2:
                continue
            url = _url(name)
            perms = perm if isinstance(perm, tuple) else (perm,)  # any one of them shows the entry
            if url and (perm is None or any(user.has_perm(p) for p in perms)):
                out.append({"label": label, "url": url, "icon": icon, "active": request.path.startswith(url)
                            and (url != "/" or request.path == "/")})
        # Only the most specific entry is active: /economy/comparison/ is 开发区对比, not 经济运行 too.
        best = max((len(o["url"]) for o in out if o["active"]), default=0)
        for o in out:
            o["active"] = o["active"] and len(o["url"]) == best
        return out

    from zonework.core.scope import zones_for
    from zonework.core.todos import todo_count
    from zonework.core.zone_picker import ZONE_LIST_LIMIT

    zones = zones_for(user)
    # Up to the limit the switcher lists the zones (one query); past it, one count and a search box.
    user_zones = list(zones.order_by("name")[:ZONE_LIST_LIMIT + 1])
    zone_count = len(user_zones) if len(user_zones) <= ZONE_LIST_LIMIT else zones.count()
    if zone_count > ZONE_LIST_LIMIT:
        user_zones = None
    modules = MODULES
    if zone_count > 1:
        # Side by side only makes sense with more than one zone to look at.
        at = next((n + 1 for n, m in enumerate(MODULES) if m[1] == "economy:dashboard"), len(MODULES))
        modules = [*MODULES[:at], COMPARISON, *MODULES[at:]]
    return {
        "nav_modules": visible(modules),
        "nav_admin": visible(ADMIN_MODULES),
        "user_zones": user_zones,
        "zone_count": zone_count,
        "current_zone": getattr(request, "zone", None),
        # Lazy: computed (or read from the cache) only where the header shows it.
        "todo_count": SimpleLazyObject(lambda: todo_count(user, getattr(request, "zone", None))),
        "message_count": SimpleLazyObject(lambda: _unread(user)),
    }


def _unread(user):
    from zonework.core.models import Message

    # An indexed count of the user's own unread rows: cheap enough not to cache, and never stale.
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()
