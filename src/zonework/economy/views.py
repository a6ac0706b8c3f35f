"""Pages of the economy app: the leaders' dashboard, monthly statistics, and the generic lists."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from zonework.core import clock, jobs, numbers, scope
from zonework.core.audit import write_entry
from zonework.core.choices import AuditAction
from zonework.core.excel import XLSX
from zonework.core.models import JobStatus
from zonework.core.views.generic import ObjectDeleteView, ObjectEditView, ObjectListView

from . import actions, dashboard, statistics
from .choices import UploadStatus
from .filtersets import (
    IndicatorFilterSet,
    ObservationFilterSet,
    StatisticsUploadFilterSet,
    TargetFilterSet,
    TrackedIndicatorFilterSet,
)
from .forms import IndicatorForm, ObservationForm, StatisticsUploadForm, TargetForm, TrackedIndicatorForm
from .models import (
    Indicator,
    Observation,
    StatisticsUpload,
    Target,
    TrackedIndicator,
    month_label,
    unfinished_period,
)
from .tables import (
    IndicatorTable,
    ObservationTable,
    StatisticsUploadTable,
    TargetTable,
    TrackedIndicatorTable,
)


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied("您没有查看经济运行数据的权限。")


def current_zone(request):
    """The zone asked for (?zone=id) if the user may see it, else the header's zone."""
    wanted = request.GET.get("zone") or request.POST.get("zone")
    if wanted:
        zones = scope.zones_for(request.user)
        zone = zones.filter(pk=int(wanted)).first() if str(wanted).isdigit() else zones.filter(name=wanted).first()
        if zone is None:
            raise Http404("没有这个开发区，或它不在您的数据范围内。")
        return zone
    if request.zone is None:
        raise Http404("您还没有可访问的开发区。")
    return request.zone


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- dashboard -------------------------------------------------------------------------------


@login_required
def dashboard_view(request):
    """领导驾驶舱: the year's targets of one zone, on track or not."""
    _require(request, "economy.view_target")
    zone = current_zone(request)
    years = dashboard.years_for(zone)
    year = _int(request.GET.get("year")) or default_year(years)
    data = dashboard.build(zone, year)
    dashboard.offer_instructions(data["cards"], request.user)
    return render(request, "economy/dashboard.html", {
        "title": f"{zone.name} {year}{gettext('年')} {gettext('领导驾驶舱')}",
        **data,
        "chart_words": {
            "ytd_title": gettext(" 累计与目标进度（%s）"), "ytd": gettext("1-N月累计"),
            "path": gettext("目标进度（全年目标×N/12）"), "yoy_title": gettext(" 累计同比与目标增速（%）"),
            "yoy": gettext("累计同比"), "rate": gettext("目标增速"),
        },
        "years": years or [year],
        "animation": request.GET.get("animation") != "0",
        # ?indicator=id (a cell of the comparison page): the charts open on that indicator.
        "chart_indicator": _int(request.GET.get("indicator")),
        "can_upload": request.user.has_perm("economy.add_observation"),
    })


def default_year(years):
    """The year the dashboard opens on: the current one if the zone has targets or figures for it,
    else the latest such year gone by. Next year's targets, set in December, wait to be chosen."""
    this_year = clock.today().year
    return max((y for y in years if y <= this_year), default=this_year)


def last_ended_month():
    """(year, month) of the latest month whose statistics can exist: last month, December in January."""
    today = clock.today()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def home_cards(request):
    if not request.user.has_perm("economy.view_target") or request.zone is None:
        return []
    year = clock.today().year
    count = Target.objects.filter(zone=request.zone).count()
    return [{"title": gettext("经济运行"), "body": gettext("%(zone)s共有%(count)s项预期目标；%(year)s年进度见领导驾驶舱。") % {
        "zone": request.zone.name, "count": count, "year": year}}]


# --- monthly statistics ----------------------------------------------------------------------


@login_required
def statistics_view(request, year=None, month=None):
    """One month of one zone: download the template, upload it filled, or enter the figures by hand."""
    _require(request, "economy.view_observation")
    zone = current_zone(request)
    if year is None:
        latest_year, latest_month = last_ended_month()
        year = _int(request.GET.get("year"), latest_year)
        # A past year opens on December, its whole year; the current one on its latest month gone by.
        fallback = latest_month if year == latest_year else (12 if year < latest_year else 1)
        month = _int(request.GET.get("month"), fallback)
    if not 1 <= month <= 12:
        raise Http404("月份应为1至12。")
    not_yet = unfinished_period(year, month)
    errors = request.session.pop("zonework_upload_errors", []) if request.GET.get("errors") else []
    may_edit = request.user.has_perm("economy.add_observation") and request.user.has_perm("economy.change_observation")
    # The entry form and the upload are hidden for a month not over; a POST is refused by the action.
    can_edit = may_edit and not_yet is None
    indicators = statistics.tracked(zone)
    existing = {o.indicator_id: o for o in Observation.objects.filter(zone=zone, year=year, month=month)}
    posted = {}
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("您没有录入统计数据的权限。")
        rows = []
        for number, ind in enumerate(indicators, start=1):
            raw = {k: request.POST.get(f"{k}-{ind.pk}", "") for k in ("unit", "month_value", "ytd_value", "yoy_pct")}
            posted[ind.pk] = raw
            rows.append({"row": number, "indicator_id": ind.pk, **raw})
        try:
            summary = actions.save_monthly_statistics(zone, year, month, rows, acting_user=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"已保存{year}年{month_label(month)}统计数据：{summary}。")
            return HttpResponseRedirect(reverse("economy:statistics_month", args=[year, month]) + f"?zone={zone.pk}")
    table = []
    for number, ind in enumerate(indicators, start=1):
        o = existing.get(ind.pk)
        raw = posted.get(ind.pk) or {
            "unit": (o.value_unit if o else "") or ind.unit,
            "month_value": numbers.decimal_text(o.month_value) if o else "",
            "ytd_value": numbers.decimal_text(o.ytd_value) if o else "",
            "yoy_pct": numbers.decimal_text(o.yoy_pct) if o else "",
        }
        table.append({"number": number, "indicator": ind, "values": raw, "observation": o})
    uploads = StatisticsUpload.objects.filter(zone=zone, year=year, month=month).select_related("created_by")[:10]
    return render(request, "economy/statistics.html", {
        "title": f"{zone.name} {year}年{month_label(month)}统计月报",
        "zone": zone, "year": year, "month": month, "period": month_label(month),
        "months": [(m, month_label(m)) for m in range(1, 13)],
        "table": table, "errors": errors, "can_edit": can_edit, "not_yet": not_yet,
        "upload_form": StatisticsUploadForm(), "uploads": uploads,
    })


@login_required
def statistics_template(request, year, month):
    _require(request, "economy.view_observation")
    zone = current_zone(request)
    if not 1 <= month <= 12:
        raise Http404("月份应为1至12。")
    data = statistics.template_bytes(zone, year, month)
    write_entry(AuditAction.EXPORT, obj=zone, message=f"下载{zone}{year}年{month_label(month)}统计月报模板")
    response = HttpResponse(data, content_type=XLSX)
    from urllib.parse import quote

    name = f"{zone.short_name or zone.name}_{year}年{month_label(month)}统计月报.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_POST
def statistics_upload(request, year, month):
    zone = current_zone(request)
    form = StatisticsUploadForm(request.POST, request.FILES)
    back = reverse("economy:statistics_month", args=[year, month]) + f"?zone={zone.pk}"
    if not form.is_valid():
        messages.error(request, "请选择要上传的Excel文件。")
        return HttpResponseRedirect(back)
    # Refused here, before any file is queued: a user who may not enter figures gets the 403 at once.
    actions.check_zone(request.user, "add", Observation, zone)
    job = jobs.submit(actions.stage_statistics_job, form.cleaned_data["file"], zone=zone, acting_user=request.user,
                      params={"year": year, "month": month}, return_url=back)
    if job.status == JobStatus.FAILED:
        problems = job.errors or [job.message]
        request.session["zonework_upload_errors"] = problems
        messages.error(request, f"上传的文件有{len(problems)}处问题，未保存任何数据。")
        return HttpResponseRedirect(back + "&errors=1")
    if job.status == JobStatus.DONE:
        return HttpResponseRedirect(job.result["next_url"])
    messages.info(request, "文件已上传，正在读取，本页显示进度；读取完成后核对并入库。")
    return HttpResponseRedirect(reverse("core:job", args=[job.pk]))


@login_required
def upload_detail(request, pk):
    """Preview of a staged upload (commit button), or the record of a committed one."""
    upload = get_object_or_404(scope.restrict(StatisticsUpload.objects.select_related("zone", "created_by"),
                                              request.user), pk=pk)
    indicators = Indicator.objects.in_bulk([r["indicator_id"] for r in upload.rows])
    current = {o.indicator_id: o for o in Observation.objects.filter(zone=upload.zone, year=upload.year,
                                                                      month=upload.month)}
    rows = [{**r, "indicator_obj": indicators.get(r["indicator_id"]), "current": current.get(r["indicator_id"])}
            for r in upload.rows]
    if request.method == "POST":
        # A background job (eager in the embedded default and tests, when it has finished by now).
        done_url = reverse("economy:dashboard") + f"?zone={upload.zone_id}&year={upload.year}"
        job = jobs.submit(actions.commit_statistics_job, zone=upload.zone, acting_user=request.user,
                          params={"upload_id": upload.pk}, return_url=done_url)
        if job.status == JobStatus.FAILED:
            messages.error(request, "；".join(job.errors or [job.message]))
        elif job.status == JobStatus.DONE:
            messages.success(request, job.message)
            return HttpResponseRedirect(done_url)
        else:
            messages.info(request, f"“{upload}”已开始入库，本页显示进度。")
            return HttpResponseRedirect(reverse("core:job", args=[job.pk]))
        return HttpResponseRedirect(request.path)
    return render(request, "economy/upload_detail.html", {
        "title": str(upload), "upload": upload, "rows": rows, "staged": upload.status == UploadStatus.STAGED,
        "period": month_label(upload.month),
    })


# --- generic lists ---------------------------------------------------------------------------


class IndicatorListView(ObjectListView):
    model = Indicator
    table_class = IndicatorTable
    filterset_class = IndicatorFilterSet


class IndicatorEditView(ObjectEditView):
    model = Indicator
    form_class = IndicatorForm
    create_action = staticmethod(actions.create_object)

    def call_create(self, data):
        return actions.create_indicator(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_indicator(obj, data, acting_user=self.request.user)


class IndicatorDeleteView(ObjectDeleteView):
    model = Indicator


class TargetListView(ObjectListView):
    model = Target
    table_class = TargetTable
    filterset_class = TargetFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("zone", "indicator", "unit", "document")


class TargetEditView(ObjectEditView):
    model = Target
    form_class = TargetForm

    def call_create(self, data):
        return actions.create_target(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_target(obj, data, acting_user=self.request.user)


class TargetDeleteView(ObjectDeleteView):
    model = Target
    delete_action = staticmethod(actions.delete_target)


class ObservationListView(ObjectListView):
    model = Observation
    table_class = ObservationTable
    filterset_class = ObservationFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("zone", "indicator", "document")


class ObservationEditView(ObjectEditView):
    model = Observation
    form_class = ObservationForm

    def call_create(self, data):
        return actions.create_observation(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_observation(obj, data, acting_user=self.request.user)


class ObservationDeleteView(ObjectDeleteView):
    model = Observation
    delete_action = staticmethod(actions.delete_observation)


class TrackedIndicatorListView(ObjectListView):
    model = TrackedIndicator
    table_class = TrackedIndicatorTable
    filterset_class = TrackedIndicatorFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("zone", "indicator")


class TrackedIndicatorEditView(ObjectEditView):
    model = TrackedIndicator
    form_class = TrackedIndicatorForm

    def call_create(self, data):
        added = actions.track_indicators(data["zone"], [data["indicator"]], acting_user=self.request.user)
        if not added:
            raise ValidationError({"indicator": "该开发区已跟踪这一指标。"})
        return added[0]


class TrackedIndicatorDeleteView(ObjectDeleteView):
    model = TrackedIndicator
    delete_action = staticmethod(actions.untrack_indicator)


class StatisticsUploadListView(ObjectListView):
    model = StatisticsUpload
    table_class = StatisticsUploadTable
    filterset_class = StatisticsUploadFilterSet

    def get_queryset(self):
        return super().get_queryset().select_related("zone", "created_by")

    def url(self, suffix, *args):
        # An upload starts from the month's statistics page (template, then file): no blank form to add one.
        if suffix == "add":
            return reverse("economy:statistics")
        return super().url(suffix, *args)
