import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from zonework.core import clock, scope
from zonework.core.tables import light_badge
from zonework.core.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectImportView,
    ObjectListView,
    run_posted,
)

from . import actions, excel
from .choices import RequestState
from .figures import unit_figures
from .filtersets import EnterpriseFilterSet, ServiceRequestFilterSet
from .forms import EnterpriseForm, LiaisonVisitForm, ServiceRequestForm, TransitionForm
from .models import Enterprise, ServiceRequest
from .tables import EnterpriseTable, ServiceRequestTable

# Which steps a request in each state offers.
STEPS = {
    RequestState.RECEIVED: ["assign"],
    RequestState.ASSIGNED: ["assign", "start", "reply"],
    RequestState.HANDLING: ["reply"],
    RequestState.REPLIED: ["close", "reopen"],
    RequestState.CLOSED: ["reopen"],
}


def requests_for(request, action="view"):
    return scope.in_zone(scope.restrict(ServiceRequest.objects.all(), request.user, action), getattr(request, "zone", None))


# --- enterprises -----------------------------------------------------------------------------


class EnterpriseListView(ObjectListView):
    selectable = True
    import_url_name = "enterprises:enterprise_import"
    model, table_class, filterset_class = Enterprise, EnterpriseTable, EnterpriseFilterSet
    nav_template = "enterprises/_nav.html"
    export_workbook = staticmethod(excel.export_enterprises)

    def get_queryset(self):
        return super().get_queryset().select_related("industry", "park", "unit", "liaison_leader")



class EnterpriseEditView(ObjectEditView):
    model, form_class = Enterprise, EnterpriseForm


class EnterpriseDeleteView(ObjectDeleteView):
    model = Enterprise


@login_required
def enterprise_detail(request, pk):
    enterprise = get_object_or_404(scope.restrict(Enterprise.objects.select_related("liaison_leader"), request.user),
                                   pk=pk)
    return render(request, "enterprises/enterprise_detail.html", {
        "title": enterprise.name, "enterprise": enterprise,
        "requests": scope.restrict(enterprise.requests.all(), request.user).select_related("unit"),
        "visits": scope.restrict(enterprise.visits.all(), request.user).select_related("leader"),
        "visit_form": LiaisonVisitForm(initial={"date": clock.today()}),
        "can_change": scope.can(request.user, "change", enterprise),
        "can_visit": request.user.has_perm("enterprises.add_liaisonvisit"),
    })


@login_required
@require_POST
def enterprise_visit(request, pk):
    enterprise = get_object_or_404(scope.restrict(Enterprise.objects.all(), request.user), pk=pk)
    run_posted(request, LiaisonVisitForm(request.POST),
               lambda data: actions.record_visit(enterprise, data, acting_user=request.user), lambda _v: "已记录走访。")
    return HttpResponseRedirect(reverse("enterprises:enterprise_detail", args=[pk]))


class EnterpriseImportView(ObjectImportView):
    model = Enterprise
    importer = staticmethod(excel.import_enterprises)
    columns = excel.ENTERPRISE_COLUMNS


enterprise_import = EnterpriseImportView.as_view()


# --- service requests ------------------------------------------------------------------------


class ServiceRequestListView(ObjectListView):
    selectable = True
    model, table_class, filterset_class = ServiceRequest, ServiceRequestTable, ServiceRequestFilterSet
    nav_template = "enterprises/_nav.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "unit")


class ServiceRequestEditView(ObjectEditView):
    model, form_class = ServiceRequest, ServiceRequestForm

    def make_form(self, obj, data=None):
        form = super().make_form(obj, data)
        if obj is None and data is None and (self.request.GET.get("enterprise") or "").isdigit():
            form.initial["enterprise"] = int(self.request.GET["enterprise"])
        return form

    def call_create(self, data):
        return actions.receive_request(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_request(obj, data, acting_user=self.request.user)


class ServiceRequestDeleteView(ObjectDeleteView):
    model = ServiceRequest


@login_required
def request_detail(request, pk):
    req = get_object_or_404(scope.restrict(ServiceRequest.objects.select_related("enterprise", "unit"), request.user),
                            pk=pk)
    return _render_detail(request, req)


def _render_detail(request, req, posted=None, status=200):
    """The request's page; after a refused step, `posted` refills that step's form with what was typed."""
    light, note = req.light()
    can_change = scope.can(request.user, "change", req)
    return render(request, "enterprises/request_detail.html", {
        "title": str(req), "req": req, "badge": light_badge(light, note), "light": light, "note": note,
        "due": req.due_dates(), "steps": STEPS.get(req.state, []) if can_change else [],
        "form": TransitionForm(zone=req.zone, initial={"unit": req.unit_id, "date": clock.today()}),
        "posted": posted or {},
    }, status=status)


@login_required
@require_POST
def request_transition(request, pk):
    req = get_object_or_404(scope.restrict(ServiceRequest.objects.all(), request.user), pk=pk)

    def step(data):
        return actions.transition(req, data["step"], acting_user=request.user, unit=data.get("unit"),
                                  date=data.get("date"), reply=data.get("reply"), reason=data.get("reason"),
                                  satisfaction=data.get("satisfaction"), rated_by=data.get("rated_by"))

    done, _req = run_posted(request, TransitionForm(request.POST, zone=req.zone), step, lambda _r: "已保存。")
    if not done:
        # Refused: the page again, with the message once and the typed reply or reason still there.
        req.refresh_from_db()
        return _render_detail(request, req, posted=request.POST, status=400)
    if not scope.can(request.user, "view", req):
        # Handed to another unit: this user may no longer see it.
        return HttpResponseRedirect(reverse("enterprises:request_list"))
    return HttpResponseRedirect(reverse("enterprises:servicerequest_detail", args=[pk]))


@login_required
def request_figures(request):
    if not request.user.has_perm("enterprises.view_servicerequest"):
        raise PermissionDenied("您没有查看企业诉求的权限。")
    today = clock.today()
    try:
        date_from = datetime.date.fromisoformat(request.GET.get("date_from") or f"{today.year}-01-01")
        date_to = datetime.date.fromisoformat(request.GET.get("date_to") or today.isoformat())
        error = None
    except ValueError:
        date_from, date_to, error = today.replace(month=1, day=1), today, "日期格式不正确，应为YYYY-MM-DD。"
    rows = unit_figures(requests_for(request), date_from, date_to, today)
    return render(request, "enterprises/figures.html", {"title": "诉求办理统计", "rows": rows, "date_from": date_from,
                                                        "date_to": date_to, "error": error})


# --- home ------------------------------------------------------------------------------------


def home_cards(request):
    if not request.user.has_perm("enterprises.view_servicerequest"):
        return []
    open_requests = [r for r in requests_for(request).exclude(state=RequestState.CLOSED)]
    red = sum(1 for r in open_requests if r.status_light == "red")
    return [{"title": gettext("企业服务"), "body": gettext("在办企业诉求%(open)s件，其中超时限%(red)s件。") % {
        "open": len(open_requests), "red": red}}]
