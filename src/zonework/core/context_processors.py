from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_noop as N_


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# The modules of the yearly cycle. A module shows once its app is installed and its URL exists.
MODULES = [
    (N_("首页"), "core:home", "bi-house", None),
    (N_("经济运行"), "economy:dashboard", "bi-graph-up", "economy.view_target"),
    (N_("督查督办"), "work:board", "bi-list-check", "work.view_task"),
    (N_("招商引资"), "investment:board", "bi-building-add", "investment.view_investmentproject"),
    (N_("企业服务"), "enterprises:request_list", "bi-headset", "enterprises.view_servicerequest"),
    (N_("来源文件"), "documents:list", "bi-file-earmark-text", "documents.view_sourcedocument"),
    (N_("报告"), "reports:index", "bi-file-earmark-word", "reports.view_reportjob"),
]
ADMIN_MODULES = [
    (N_("开发区"), "core:zone_list", "bi-geo-alt", "core.view_zone"),
    (N_("园区"), "core:park_list", "bi-pin-map", "core.view_park"),
    (N_("单位"), "core:unit_list", "bi-diagram-3", "core.view_unit"),
    (N_("用户"), "core:user_list", "bi-people", "core.change_user"),
    (N_("审计日志"), "core:audit_list", "bi-journal-text", "core.view_auditentry"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def visible(items):
        out = []
        for label, name, icon, perm in items:
            url = _url(name)
            if url and (perm is None or user.has_perm(perm)):
                out.append({"label": label, "url": url, "icon": icon, "active": request.path.startswith(url)
                            and (url != "/" or request.path == "/")})
        return out

    from zonework.core.models import Zone
    from zonework.core.scope import user_zone_ids

    ids = user_zone_ids(user)
    zones = Zone.objects.all() if ids is None else Zone.objects.filter(pk__in=ids)
    return {
        "nav_modules": visible(MODULES),
        "nav_admin": visible(ADMIN_MODULES),
        "user_zones": list(zones.order_by("name")),
        "current_zone": getattr(request, "zone", None),
    }
