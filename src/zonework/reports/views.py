"""Pages: choose a report, preview it as HTML, download .docx/.xlsx; many zones as a background job."""

from urllib.parse import quote, urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zonework.core import scope
from zonework.core.audit import write_entry
from zonework.core.choices import AuditAction
from zonework.core.validation import error_messages

from . import actions, official
from .choices import ReportKind
from .common import ReportError, visible_zones
from .forms import JobForm, ReportForm
from .generate import generate
from .models import ReportJob

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def _require_reports(user):
    if not (user.has_perm("reports.view_reportjob") or user.has_perm("reports.add_reportjob")):
        raise scope.ScopeDenied("您没有生成报告的权限。")


def _plan(zone, plan_id):
    if not plan_id:
        return None
    from .common import model

    Plan = model("work", "Plan")
    if Plan is None:
        return None
    plan = Plan.objects.filter(pk=plan_id, zone=zone).first()
    if plan is None:
        raise ReportError("该计划不存在或不属于所选开发区。")
    return plan


def _generate(request):
    """(form, output, errors) for the report described by the query string."""
    form = ReportForm(request.GET, user=request.user)
    if not form.is_valid():
        if "zone" in form.errors and request.GET.get("zone"):
            raise scope.ScopeDenied("您没有查看该开发区报告的权限：该开发区不存在或不在您的数据范围内。")
        errors = [e for errs in form.errors.values() for e in errs]
        return form, None, errors
    data = form.cleaned_data
    try:
        out = generate(data["kind"], data["zone"], data["year"], data["month"], user=request.user,
                       plan=_plan(data["zone"], data.get("plan")),
                       period=(data.get("date_from"), data.get("date_to")), options=form.layout_options())
    except ReportError as exc:
        return form, None, error_messages(exc)
    return form, out, []


def _plans(user):
    from .common import model, rows

    Plan = model("work", "Plan")
    if Plan is None:
        return []
    return list(rows(Plan.objects.filter(zone__in=visible_zones(user)), user).order_by("-year", "title")[:200])


@login_required
def index(request):
    _require_reports(request.user)
    jobs = scope.restrict(ReportJob.objects.all(), request.user, "view")[:10]
    return render(request, "reports/index.html", {
        "title": "报告", "form": ReportForm(user=request.user), "job_form": JobForm(user=request.user),
        "jobs": jobs, "plans": _plans(request.user),
        "can_add_job": request.user.has_perm("reports.add_reportjob"),
        "can_settings": request.user.has_perm("reports.view_documentsettings"),
    })


def _issue_number(zone, report, user):
    return actions.issue_for(zone, report, acting_user=user)


@login_required
def preview(request):
    _require_reports(request.user)
    form, out, errors = _generate(request)
    query = request.GET.copy()
    context = {"title": "报告预览", "form": form, "errors": errors, "output": out,
               "plans": _plans(request.user)}
    if out is not None:
        found = official.number_of(out.report)
        if found and not query.get("number"):
            query["number"] = str(found[1])  # the download registers the number the preview shows
        context.update({
            "issued_number": out.report.masthead.number if found else "",
            "preview": out.html(), "notes": out.report.notes, "figure_count": len(out.report.figures),
            "docx_url": reverse("reports:download") + "?" + urlencode({**query.dict(), "format": "docx"}),
            "pdf_url": reverse("reports:download") + "?" + urlencode({**query.dict(), "format": "pdf"}),
            "xlsx_url": (reverse("reports:download") + "?" + urlencode({**query.dict(), "format": "xlsx"}))
            if out.kind == ReportKind.BULLETIN else None,
        })
    return render(request, "reports/preview.html", context, status=400 if errors else 200)


@login_required
def download(request):
    _require_reports(request.user)
    form, out, errors = _generate(request)
    if errors:
        return render(request, "reports/preview.html", {"title": "报告预览", "form": form, "errors": errors,
                                                        "plans": _plans(request.user)}, status=400)
    fmt = request.GET.get("format", "docx")
    if fmt == "xlsx":
        if out.xlsx is None:
            return render(request, "reports/preview.html", {
                "title": "报告预览", "form": form, "errors": ["只有经济运行月报提供Excel附表。"],
                "plans": _plans(request.user)}, status=400)
        data, content_type, name = out.xlsx, XLSX, out.filename("xlsx")
    elif fmt == "pdf":
        try:
            data = out.pdf
        except ReportError as exc:
            return render(request, "reports/preview.html", {"title": "报告预览", "form": form,
                                                            "errors": error_messages(exc),
                                                            "plans": _plans(request.user)}, status=400)
        content_type, name = PDF, out.filename("pdf")
    else:
        try:
            _issue_number(out.zone, out.report, request.user)
        except (ReportError, scope.ScopeDenied) as exc:
            return render(request, "reports/preview.html", {
                "title": "报告预览", "form": form, "errors": error_messages(exc), "plans": _plans(request.user)},
                status=400)
        data, content_type, name = out.docx, DOCX, out.filename("docx")
    write_entry(AuditAction.EXPORT, message=f"下载报告《{name}》")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@require_POST
def job_create(request):
    form = JobForm(request.POST, user=request.user)
    if not request.user.has_perm("reports.add_reportjob"):
        raise scope.ScopeDenied("您没有批量生成报告的权限。")
    if form.is_valid():
        data = form.cleaned_data
        try:
            job = actions.start_job(kind=data["kind"], zones=list(data["zones"]), year=data["year"],
                                    month=data["month"], with_pdf=data["with_pdf"], options=form.layout_options(),
                                    acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("reports:job_detail", job.pk)
    jobs = scope.restrict(ReportJob.objects.all(), request.user, "view")[:10]
    return render(request, "reports/index.html", {
        "title": "报告", "form": ReportForm(user=request.user), "job_form": form, "jobs": jobs,
        "plans": _plans(request.user), "can_add_job": True,
    }, status=400)


def _job(request, pk):
    return get_object_or_404(scope.restrict(ReportJob.objects.all(), request.user, "view"), pk=pk)


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    return render(request, "reports/job_detail.html", {"title": str(job), "job": job})


@login_required
def job_progress(request, pk):
    job = _job(request, pk)
    return render(request, "reports/_job_progress.html", {"job": job})


@login_required
def job_file(request, pk, name):
    job = _job(request, pk)
    names = {f["name"] for r in job.results for f in r.get("files", [])}
    if name not in names:
        raise Http404("文件不存在。")
    key = actions.job_file_name(job, name)
    if not default_storage.exists(key):
        raise Http404("文件已被清理，请重新生成。")
    write_entry(AuditAction.EXPORT, message=f"下载报告《{name}》")
    return FileResponse(default_storage.open(key, "rb"), as_attachment=True, filename=name,
                        content_type=XLSX if name.endswith(".xlsx") else PDF if name.endswith(".pdf") else DOCX)


@login_required
def supervision_notice(request, task_pk):
    """督办单 for one task, as .docx (?format=html shows the preview)."""
    from zonework.work.access import visible_tasks

    from . import supervision_notice as notice
    from .docx_format import render_html, write_docx

    task = get_object_or_404(visible_tasks(request.user).select_related("plan", "plan__zone", "lead_unit"),
                             pk=task_pk)
    report = notice.build(task)
    try:
        official.dress(report, task.plan.zone, official.options_from(request.GET))
    except ReportError as exc:
        return HttpResponse("；".join(error_messages(exc)), status=400, content_type="text/plain; charset=utf-8")
    if request.GET.get("format") == "html":
        return render(request, "reports/notice_preview.html", {"title": "督办单", "preview": render_html(report),
                                                               "task": task})
    try:
        _issue_number(task.plan.zone, report, request.user)
    except (ReportError, scope.ScopeDenied) as exc:
        return HttpResponse("；".join(error_messages(exc)), status=400, content_type="text/plain; charset=utf-8")
    name = f"督办单_{notice.notice_number(task)}_{task.title[:30]}.docx"
    data, content_type = write_docx(report), DOCX
    if request.GET.get("format") == "pdf":
        from .generate import docx_to_pdf

        try:
            data, content_type, name = docx_to_pdf(data), PDF, name[:-len(".docx")] + ".pdf"
        except ReportError as exc:
            return render(request, "reports/notice_preview.html", {
                "title": "督办单", "preview": render_html(report), "task": task, "errors": error_messages(exc)},
                status=400)
    write_entry(AuditAction.EXPORT, obj=task, message=f"打印督办单《{name}》")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _settings_zone(request, zone_pk):
    """The zone whose 公文 settings the user may see: 403 without the permission, 404 for a zone that
    is not the user's (its existence is not confirmed); without `zone_pk`, the user's first zone."""
    from .models import DocumentSettings

    if not request.user.has_perm(scope.perm_name(DocumentSettings, "view")):
        raise scope.ScopeDenied(scope.denied_message("view", DocumentSettings))
    zones = scope.zones_for(request.user)
    if zone_pk is None:
        return zones.order_by("name").first()
    return get_object_or_404(zones, pk=zone_pk)


@login_required
def document_settings(request, zone_pk=None):
    """A zone's 公文 settings: 版头, 发文字号 and 版记 of every document it issues."""
    from zonework.core import clock

    from . import official
    from .docx_format import Report, Title, document_number, render_html
    from .forms import DocumentSettingsForm
    from .models import DocumentSettings

    if zone_pk is None and request.GET.get("zone", "").isdigit():
        zone_pk = int(request.GET["zone"])  # the zone chosen in the page's own switcher
    zone = _settings_zone(request, zone_pk)
    if zone is None:
        raise Http404("没有可设置的开发区。")
    if "zone_pk" not in request.resolver_match.kwargs:
        return redirect("reports:document_settings", zone.pk)
    instance = official.settings_for(zone)
    can_change = scope.can(request.user, "change", DocumentSettings) and (
        instance.pk is None or scope.can(request.user, "change", instance))
    form = DocumentSettingsForm(request.POST if request.method == "POST" else None, instance=instance)
    status = 200
    if request.method == "POST":
        if not can_change:
            raise scope.ScopeDenied(f"您没有权限修改开发区“{zone}”的公文设置。")
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["first_number_year"] = clock.today().year
            try:
                actions.save_document_settings(zone, data, acting_user=request.user)
            except ValidationError as exc:
                from zonework.core.views.generic import add_errors

                add_errors(form, exc)
            else:
                from django.contrib import messages

                messages.success(request, f"已保存{zone}的公文设置。")
                return redirect("reports:document_settings", zone.pk)
        status = 400
    if not can_change:
        for field in form.fields.values():
            field.disabled = True
    year = clock.today().year
    shown = instance if status == 200 else official.settings_for(zone)
    sample = Report(Title(["关于××××的通知"]))
    official.dress(sample, zone, official.DocumentOptions(masthead=True), date=clock.today(), settings=shown)
    return render(request, "reports/document_settings.html", {
        "title": "公文设置", "zone": zone, "form": form, "can_change": can_change, "saved": instance.pk is not None,
        "next_number": document_number(shown.number_prefix, year, official.suggest_number(zone, year)),
        "preview": render_html(sample), "zones": scope.zones_for(request.user).order_by("name"),
        "object": instance if instance.pk else None,
    }, status=status)
