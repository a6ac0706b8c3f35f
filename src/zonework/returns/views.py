"""Pages of 数据填报: forms, the reviewer's status grid, the zone's filing page, the review page and
each figure's history. Every change goes through returns.actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zonework.core import clock, excel, scope
from zonework.core.validation import error_messages, error_text, form_error_text

from . import actions, grid
from .choices import FigureStatus, FilingStatus
from .excel import build_filing
from .forms import ReturnFormForm
from .models import FigureEvent, ReturnFigure, ReturnFiling, ReturnForm


def _forms(user):
    """The forms the user may see that name at least one of the user's zones."""
    forms = scope.restrict(ReturnForm.objects.all(), user, "view")
    ids = scope.user_zone_ids(user)
    return forms if ids is None else forms.filter(pk__in=ReturnForm.zones.through.objects.filter(
        zone_id__in=ids).values("returnform_id"))


def _filing(request, pk):
    qs = scope.restrict(ReturnFiling.objects.select_related("form", "zone", "submitted_by", "reviewed_by"),
                        request.user, "view")
    filing = qs.filter(pk=pk).first()
    if filing is None:
        raise Http404("找不到该填报（或不在您的数据范围内）。")
    return filing


def _figures(filing):
    return list(filing.figures.select_related("indicator").order_by("indicator__sort_order", "indicator__name"))


@login_required
def index(request):
    user = request.user
    if not user.has_perm("returns.view_returnfiling"):
        raise PermissionDenied
    filings = scope.in_zone(scope.restrict(ReturnFiling.objects.select_related("form", "zone"), user, "view"),
                            getattr(request, "zone", None))
    mine = []
    if user.has_perm("returns.file_returnfiling"):
        mine = list(filings.filter(status__in=actions.EDITABLE).order_by("year", "period")[:50])
    return render(request, "returns/index.html", {
        "forms": _forms(user), "mine": mine, "today": clock.today(),
        "recent": list(filings.order_by("-year", "-period", "zone__name")[:30]),
    })


@login_required
def form_edit(request, pk=None):
    user = request.user
    form_obj = get_object_or_404(_forms(user), pk=pk) if pk else None
    if not user.has_perm("returns.change_returnform" if pk else "returns.add_returnform"):
        raise PermissionDenied
    form = ReturnFormForm(request.POST or None, instance=form_obj, user=user)
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                obj = (actions.update_form(form_obj, data, acting_user=user) if form_obj
                       else actions.create_form(data, acting_user=user))
            except (ValidationError, scope.ScopeDenied) as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, f"报表“{obj}”已保存。")
                return redirect("returns:grid", obj.pk)
        else:
            messages.error(request, form_error_text(form))
    return render(request, "returns/form_edit.html", {"form": form, "object": form_obj})


@login_required
def status_grid(request, pk):
    form = get_object_or_404(_forms(request.user), pk=pk)
    if not request.user.has_perm("returns.view_returnfiling"):
        raise PermissionDenied
    today = clock.today()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    data = grid.build(form, year, request.user, today)
    years = list(range(today.year, today.year - 5, -1))
    return render(request, "returns/grid.html", {**data, "years": years})


@login_required
@require_POST
def open_period(request, pk):
    form = get_object_or_404(_forms(request.user), pk=pk)
    year = request.POST.get("year", "")
    period = request.POST.get("period") or None
    try:
        created = actions.open_filings(form, int(year), int(period) if period else None, acting_user=request.user)
    except ValueError:
        messages.error(request, "年份或期别应为数字。")
    except (ValidationError, scope.ScopeDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已开启{len(created)}个开发区的填报。")
    return redirect(reverse("returns:grid", args=[form.pk]) + f"?year={year}")


def _posted_rows(request, figures):
    return {f.pk: {"ytd_value": request.POST.get(f"ytd-{f.pk}", ""), "yoy_pct": request.POST.get(f"yoy-{f.pk}", ""),
                   "unit": request.POST.get(f"unit-{f.pk}", ""), "note": request.POST.get(f"note-{f.pk}", "")}
            for f in figures if f"ytd-{f.pk}" in request.POST}


@login_required
def filing_page(request, pk):
    """The zone's statistician fills, uploads and submits; everyone in scope reads."""
    filing = _filing(request, pk)
    user = request.user
    can_file = scope.can(user, "file", filing) and filing.status in actions.EDITABLE
    figures = _figures(filing)
    errors, posted = [], {}
    if request.method == "POST":
        if not can_file:
            raise PermissionDenied
        what = request.POST.get("action", "save")
        try:
            if what == "upload":
                upload = request.FILES.get("file")
                if upload is None:
                    raise ValidationError("请选择要上传的填报表（.xlsx）。")
                actions.upload_filing(filing, upload.read(), acting_user=user)
                messages.success(request, "填报表已读入，请核对后报送。")
            else:
                posted = _posted_rows(request, figures)
                actions.fill_filing(filing, posted, acting_user=user)
                if what == "submit":
                    actions.submit_filing(filing, acting_user=user)
                    messages.success(request, f"“{filing}”已报送，等待审核。")
                else:
                    messages.success(request, "已保存草稿。")
        except (ValidationError, scope.ScopeDenied) as exc:
            errors = error_messages(exc)
        else:
            return redirect("returns:filing", filing.pk)
        filing = _filing(request, pk)
        figures = _figures(filing)
    rows = []
    for f in figures:
        typed = posted.get(f.pk, {})
        editable = can_file and (filing.status == FilingStatus.DRAFT
                                 or f.status in (FigureStatus.RETURNED, FigureStatus.CORRECTED))
        rows.append({"figure": f, "editable": editable,
                     "ytd": typed.get("ytd_value", _text(f.ytd_value)), "yoy": typed.get("yoy_pct", _text(f.yoy_pct)),
                     "unit": typed.get("unit", f.value_unit or f.indicator.unit), "note": typed.get("note", f.note)})
    return render(request, "returns/filing.html", {
        "filing": filing, "rows": rows, "errors": errors, "can_file": can_file,
        "can_review": scope.can(user, "review", filing) and filing.status == FilingStatus.SUBMITTED,
        "late": filing.is_late(), "observations": filing.status == FilingStatus.APPROVED,
    }, status=400 if errors else 200)


def _text(value):
    if value is None:
        return ""
    return format(value.normalize(), "f")


@login_required
def filing_excel(request, pk):
    filing = _filing(request, pk)
    return excel.workbook_response(build_filing(filing), f"{filing.zone.name}{filing.year}年{filing.period_label}"
                                                         f"{filing.form.name}.xlsx")


@login_required
def review(request, pk):
    filing = _filing(request, pk)
    user = request.user
    if not scope.can(user, "review", filing):
        raise PermissionDenied
    figures = _figures(filing)
    errors, reasons = [], {}
    if request.method == "POST":
        what = request.POST.get("action")
        reasons = {f.pk: request.POST.get(f"reason-{f.pk}", "") for f in figures}
        try:
            if what == "approve":
                actions.approve_filing(filing, acting_user=user)
                messages.success(request, f"“{filing}”已审核通过，数据已写入统计数据。")
            elif what == "return":
                actions.return_filing(filing, reasons, acting_user=user)
                messages.success(request, f"“{filing}”已退回开发区更正。")
            else:
                raise ValidationError("请选择“审核通过”或“退回”。")
        except (ValidationError, scope.ScopeDenied) as exc:
            errors = error_messages(exc)
        else:
            return redirect(reverse("returns:grid", args=[filing.form_id]) + f"?year={filing.year}")
        filing = _filing(request, pk)
        figures = _figures(filing)
    from .checks import comparison_figures, jump_pct

    last_year, _previous = comparison_figures(filing)
    rows = []
    for f in figures:
        base = last_year.get(f.indicator_id)
        change = jump_pct(f.ytd_value, f.value_unit, base)
        rows.append({"figure": f, "reason": reasons.get(f.pk, ""), "last_year": base,
                     "change": change.quantize(1) if change is not None else None})
    return render(request, "returns/review.html", {
        "filing": filing, "rows": rows, "errors": errors,
        "open": filing.status == FilingStatus.SUBMITTED, "late": filing.is_late(),
    }, status=400 if errors else 200)


@login_required
def figure_history(request, pk):
    figure = get_object_or_404(scope.restrict(ReturnFigure.objects.select_related("filing__form", "filing__zone",
                                                                                  "indicator"), request.user, "view"),
                               pk=pk)
    events = FigureEvent.objects.filter(figure=figure).select_related("by").order_by("at", "id")
    return render(request, "returns/figure_history.html", {"figure": figure, "events": events})
