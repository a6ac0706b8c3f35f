"""The ranking of the latest run, a score's detail (figures and formula), and the exports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zonework.core import clock, excel, scope
from zonework.core.validation import error_text

from . import actions, exports
from .models import EvaluationResult, EvaluationRun, EvaluationScheme, EvaluationScore


def _visible_results(run, user):
    """Scope: a user sees results of the zones they work in only (a one-zone user: its own zone's)."""
    ids = scope.user_zone_ids(user)
    qs = EvaluationResult.objects.filter(run=run).select_related("zone")
    return qs if ids is None else qs.filter(zone_id__in=ids)


def _sees(user, zone_id):
    ids = scope.user_zone_ids(user)
    return ids is None or zone_id in ids


def _run(request):
    if not request.user.has_perm("evaluation.view_evaluationrun"):
        raise PermissionDenied
    run_id = request.GET.get("run")
    runs = EvaluationRun.objects.select_related("scheme")
    return get_object_or_404(runs, pk=run_id) if run_id else runs.first()


def _ranking_docx(request, run, results):
    """The ranking 通报; with ?masthead, as the user's own zone issues it: its 版头, its next 发文字号
    (registered, as for every 公文 downloaded with a 版头) and its 版记."""
    from zonework.reports import docx_format

    report = exports.ranking_report(run, results)
    if request.GET.get("masthead") and request.user.unit_id:
        from zonework.reports import actions as report_actions
        from zonework.reports.common import ReportError, issuer_for
        from zonework.reports.official import options_from

        zone = request.user.unit.zone
        try:
            report = exports.ranking_report(run, results, issuer_for(zone), zone=zone,
                                            options=options_from(request.GET))
            report_actions.issue_for(zone, report, acting_user=request.user)
        except (ReportError, PermissionDenied) as exc:
            return HttpResponse(error_text(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(docx_format.write_docx(report),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''kaohe.docx"
    return response


@login_required
def ranking(request):
    run = _run(request)
    results = list(_visible_results(run, request.user)) if run else []
    fmt = request.GET.get("export")
    if run and fmt == "xlsx":
        return excel.workbook_response(exports.ranking_workbook(run, results), f"考核排名{run.year}.xlsx")
    if run and fmt == "docx":
        return _ranking_docx(request, run, results)
    rows = exports.ranking_rows(run, results) if run else []
    ids = {r.zone.name: r.zone_id for r in results}
    return render(request, "evaluation/ranking.html", {
        "run": run, "rows": [(row, ids[row[1]]) for row in rows], "header": exports.HEADER,
        "schemes": EvaluationScheme.objects.all(), "default_year": clock.today().year - 1,
    })


@login_required
def zone_scores(request, run_id, zone_id):
    run = get_object_or_404(EvaluationRun, pk=run_id)
    if not request.user.has_perm("evaluation.view_evaluationrun") or not _sees(request.user, zone_id):
        raise Http404
    scores = (EvaluationScore.objects.filter(run=run, zone_id=zone_id)
              .select_related("item__part", "zone").order_by("item__part__sort_order", "item__sort_order"))
    result = EvaluationResult.objects.filter(run=run, zone_id=zone_id).select_related("zone").first()
    return render(request, "evaluation/zone_scores.html", {"run": run, "scores": scores, "result": result})


@login_required
def score_detail(request, pk):
    score = get_object_or_404(EvaluationScore.objects.select_related("item__part", "zone", "run__scheme",
                                                                     "item__indicator"), pk=pk)
    if not request.user.has_perm("evaluation.view_evaluationrun") or not _sees(request.user, score.zone_id):
        raise Http404
    return render(request, "evaluation/score_detail.html", {"score": score})


@login_required
@require_POST
def recompute(request):
    scheme = get_object_or_404(EvaluationScheme, pk=request.POST.get("scheme"))
    try:
        year = int(request.POST.get("year", ""))
        run = actions.recompute(scheme, year, acting_user=request.user)
    except (ValueError, ValidationError, scope.ScopeDenied) as exc:
        from django.contrib import messages

        messages.error(request, error_text(exc) if not isinstance(exc, ValueError) else "年度应为数字。")
        return redirect("evaluation:ranking")
    return redirect(f"/evaluation/?run={run.pk}")
