import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from zonework.core import clock, scope
from zonework.core.counting import CountingPaginator
from zonework.core.money import CURRENCY_NAMES, amounts_text
from zonework.core.tables import light_badge
from zonework.core.validation import error_text, form_error_text
from zonework.core.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectImportView,
    ObjectListView,
    run_posted,
)

from . import actions, excel, figures, stall
from .choices import CURRENCY_UNIT, PIPELINE, Stage
from .filtersets import InvestmentProjectFilterSet, MajorProjectFilterSet
from .forms import (
    InvestmentProjectForm,
    MajorProjectForm,
    MajorProjectYearForm,
    PaidInForm,
    StageChangeForm,
)
from .milestones import major_project_light
from .models import InvestmentProject, MajorProject
from .tables import InvestmentProjectTable, MajorProjectTable


def projects_for(request, action="view"):
    """The projects the user may `action`, in the zone chosen in the header."""
    return scope.in_zone(scope.restrict(InvestmentProject.objects.all(), request.user, action), getattr(request, "zone", None))


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied("您没有查看招商项目的权限。")


# --- list / edit / delete --------------------------------------------------------------------


class InvestmentProjectListView(ObjectListView):
    selectable = True
    import_url_name = "investment:investmentproject_import"
    model, table_class, filterset_class = InvestmentProject, InvestmentProjectTable, InvestmentProjectFilterSet
    nav_template = "investment/_nav.html"
    export_workbook = staticmethod(excel.export_projects)

    def get_queryset(self):
        return super().get_queryset().select_related("park", "industry", "unit", "officer")

    def bulk_actions(self):
        user, found = self.request.user, []
        if actions.can_remind_projects(user):
            found.append({"action": "remind", "label": gettext("催办选中"), "icon": "bell"})
        if user.has_perm("investment.change_investmentproject"):
            found.append({"action": "assign", "label": gettext("交办选中"), "icon": "person-check"})
        return found



class InvestmentProjectEditView(ObjectEditView):
    model, form_class = InvestmentProject, InvestmentProjectForm

    def call_create(self, data):
        return actions.create_project(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_project(obj, data, acting_user=self.request.user)


class InvestmentProjectDeleteView(ObjectDeleteView):
    model = InvestmentProject
    delete_action = staticmethod(actions.delete_project)


BULK_VERBS = {"remind": "催办", "assign": "交办"}


@login_required
def project_bulk(request):
    """催办 / 交办 the projects ticked on the list: the first request (from the list's buttons) shows the
    rows and how many, the confirmed post acts. Only rows in the user's scope and zone are taken."""
    from .forms import AssignProjectsForm, RemindProjectsForm

    _require(request, "investment.view_investmentproject")
    data = request.POST if request.method == "POST" else request.GET
    action = data.get("action")
    back = reverse("investment:investmentproject_list")
    if action not in BULK_VERBS:
        messages.error(request, gettext("请选择要执行的操作（催办或交办）。"))
        return HttpResponseRedirect(back)
    verb = BULK_VERBS[action]
    if action == "remind" and not actions.can_remind_projects(request.user):
        raise PermissionDenied("只有领导和督查室可以催办招商项目。")
    ids = [int(i) for i in data.getlist("pk") if str(i).isdigit() and len(str(i)) < 19]
    chosen = list(projects_for(request, "change" if action == "assign" else "view")
                  .filter(pk__in=ids).select_related("zone", "unit", "officer").order_by("unit__name", "name"))
    if not chosen:
        messages.error(request, f"请先勾选要{verb}的项目。")
        return HttpResponseRedirect(back)
    confirmed = request.method == "POST" and "confirm" in data
    if action == "remind":
        form = RemindProjectsForm(request.POST if confirmed else None)
    else:
        form = AssignProjectsForm(request.POST if confirmed else None, units={p.unit_id for p in chosen})
    if confirmed and form.is_valid():
        try:
            if action == "remind":
                reminded, skipped = actions.remind_projects(chosen, acting_user=request.user,
                                                            message=form.cleaned_data["message"])
                text = f"已催办{len(reminded)}个项目。"
                if skipped:
                    text += f"{len(skipped)}个项目今天已催办过或已达产、终止，未重复催办。"
            else:
                count = actions.assign_projects(chosen, form.cleaned_data["officer"], acting_user=request.user,
                                                note=form.cleaned_data["note"])
                text = f"已将{count}个项目交办给{form.cleaned_data['officer']}。"
        except (ValidationError, scope.ScopeDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, text)
            return HttpResponseRedirect(back)
    return render(request, "investment/bulk_confirm.html", {
        "title": f"{verb}项目", "action": action, "verb": verb, "projects": chosen, "form": form, "back": back,
    })


@login_required
def project_detail(request, pk):
    project = get_object_or_404(scope.restrict(InvestmentProject.objects.select_related(
        "zone", "unit", "park", "industry", "officer"), request.user), pk=pk)
    can_change = scope.can(request.user, "change", project)
    light = stall.stall_light(project.stage_date, stage=project.stage)
    return render(request, "investment/project_detail.html", {
        "title": project.name, "project": project, "can_change": can_change,
        "changes": project.stage_changes.select_related("by"),
        "paid": project.paid_in.all(),
        "stage_form": StageChangeForm(initial={"to_stage": _next_stage(project.stage), "date": clock.today()}),
        "paid_form": PaidInForm(initial={"month": clock.today().strftime("%Y-%m")}),
        "unit_label": CURRENCY_UNIT[project.currency],
        "stall_badge": light_badge(light) if light else "",
    })


def _next_stage(stage):
    order = [s.value for s in PIPELINE]
    if stage in order and order.index(stage) + 1 < len(order):
        return order[order.index(stage) + 1]
    return stage


@login_required
@require_POST
def project_stage(request, pk):
    """Move a project (the board's HTMX form and the detail page both post here)."""
    project = get_object_or_404(scope.restrict(InvestmentProject.objects.all(), request.user), pk=pk)
    form = StageChangeForm(request.POST)
    error = None
    if form.is_valid():
        try:
            actions.change_stage(project, form.cleaned_data["to_stage"], date=form.cleaned_data["date"],
                                 reason=form.cleaned_data["reason"], acting_user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            error = error_text(exc)
    else:
        error = form_error_text(form)
    project.refresh_from_db()
    if request.headers.get("HX-Request"):
        context = board_context(request)
        context["board_error"] = error
        context["board_notice"] = None if error else f"已将“{project}”调整为“{project.get_stage_display()}”。"
        return render(request, "investment/_board.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"已将“{project}”调整为“{project.get_stage_display()}”。")
    return HttpResponseRedirect(request.POST.get("next") or reverse("investment:investmentproject_detail",
                                                                    args=[pk]))


@login_required
@require_POST
def project_paid_in(request, pk):
    project = get_object_or_404(scope.restrict(InvestmentProject.objects.all(), request.user), pk=pk)
    run_posted(request, PaidInForm(request.POST),
               lambda data: actions.record_paid_in(project, data["month"], data["amount"], acting_user=request.user),
               lambda row: f"已登记到位资金：{row}")
    return HttpResponseRedirect(reverse("investment:investmentproject_detail", args=[pk]))


class ProjectImportView(ObjectImportView):
    model = InvestmentProject
    importer = staticmethod(excel.import_projects)
    columns = excel.PROJECT_COLUMNS


project_import = ProjectImportView.as_view()


# --- board, funnel, figures, stalled ---------------------------------------------------------


BOARD_ROWS = 12  # cards per column; the rest of a column is one link to the list filtered by that stage


def board_context(request):
    """The board's columns: each stage's count from one grouped query and its most recently moved
    BOARD_ROWS projects, so the page costs what it shows whatever the zone has stored."""
    from django.db.models import Count

    projects = projects_for(request)
    stages = [*PIPELINE, Stage.TERMINATED]
    counts = dict(projects.order_by().values_list("stage").annotate(n=Count("pk")))
    can_change = request.user.has_perm("investment.change_investmentproject")
    columns = []
    list_url = reverse("investment:investmentproject_list")
    for s in stages:
        shown = list(projects.filter(stage=s.value).select_related("officer").order_by("-stage_date", "name", "pk")
                     [:BOARD_ROWS]) if counts.get(s.value) else []
        for p in shown:
            p.stall = stall.stall_light(p.stage_date, stage=p.stage)
            p.can_change = can_change
        total = counts.get(s.value, 0)
        columns.append({"stage": s.value, "label": s.label, "projects": shown, "count": total,
                        "more": total - len(shown), "list_url": f"{list_url}?stage={s.value}"})
    return {"columns": columns, "stage_choices": Stage.choices, "today": clock.today()}


@login_required
def board(request):
    _require(request, "investment.view_investmentproject")
    context = board_context(request)
    context["title"] = gettext("招商项目看板")
    return render(request, "investment/board.html", context)


def _period(request):
    """(date_from, date_to, year, month) from ?year=&month= or ?date_from=&date_to=."""
    today = clock.today()
    try:
        year = int(request.GET.get("year") or today.year)
        month = int(request.GET["month"]) if request.GET.get("month") else None
        date_from, date_to = figures.year_period(year, month)
        if request.GET.get("date_from"):
            date_from = datetime.date.fromisoformat(request.GET["date_from"])
        if request.GET.get("date_to"):
            date_to = datetime.date.fromisoformat(request.GET["date_to"])
    except (ValueError, KeyError):
        raise ValidationError("期间格式不正确。") from None
    return date_from, date_to, year, month


def _period_or_default(request):
    try:
        return _period(request), None
    except ValidationError as exc:
        today = clock.today()
        return (*figures.year_period(today.year), today.year, None), exc.messages[0]


@login_required
def funnel(request):
    _require(request, "investment.view_investmentproject")
    (date_from, date_to, year, month), error = _period_or_default(request)
    rows, terminated = figures.funnel(projects_for(request), date_from, date_to)
    total = figures.compute(projects_for(request), date_from, date_to)[0]
    data = [{"name": label, "value": count} for _s, label, count in rows]
    return render(request, "investment/funnel.html", {
        "title": gettext("招商漏斗"), "rows": rows, "terminated": terminated, "chart": data,
        "date_from": date_from, "date_to": date_to, "year": year, "month": month, "total": total,
        "years": range(clock.today().year, clock.today().year - 6, -1), "error": error,
        "months": range(1, 13),
    })


@login_required
def figures_view(request):
    _require(request, "investment.view_investmentproject")
    (date_from, date_to, year, month), error = _period_or_default(request)
    by = request.GET.get("by") or "park"
    if by not in figures.GROUPS:
        by = "park"
    rows = figures.compute(projects_for(request), date_from, date_to, by=by)
    return render(request, "investment/figures.html", {
        "title": gettext("招商引资指标"), "rows": rows, "by": by, "groups": figures.GROUPS.items(),
        "date_from": date_from, "date_to": date_to, "year": year, "month": month, "error": error,
        "years": range(clock.today().year, clock.today().year - 6, -1), "months": range(1, 13),
        # Each cell carries its unit (8500万元, 110亿元), so the column heads name the currency only.
        "currencies": list(CURRENCY_NAMES.items()),
    })


STALLED_ROWS = 50


@login_required
def stalled(request):
    _require(request, "investment.view_investmentproject")
    qs = projects_for(request)
    mine = request.GET.get("mine") == "1"
    if mine:
        qs = qs.filter(officer=request.user)
    yellow, red = stall.thresholds()
    today = clock.today()
    paginator = CountingPaginator(stall.stalled_queryset(qs, today).select_related("officer", "unit"), STALLED_ROWS)
    page = paginator.get_page(request.GET.get("page"))
    rows = [{"project": p, "light": (light := stall.stall_light(p.stage_date, today, stage=p.stage)),
             "badge": light_badge(light)} for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "investment/stalled.html", {
        "title": gettext("停滞项目"), "rows": rows, "mine": mine, "yellow": yellow, "red": red, "page": page,
        "total": paginator.count, "query": query.urlencode()})


# --- major projects --------------------------------------------------------------------------


class MajorProjectListView(ObjectListView):
    model, table_class, filterset_class = MajorProject, MajorProjectTable, MajorProjectFilterSet
    nav_template = "investment/_nav.html"

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "investment_project")


class MajorProjectEditView(ObjectEditView):
    """Edit a major project; its page also lists and sets the yearly planned and completed investment."""

    model, form_class = MajorProject, MajorProjectForm
    template_name = "investment/majorproject_edit.html"

    def call_create(self, data):
        return actions.create_major_project(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_major_project(obj, data, acting_user=self.request.user)

    def render_form(self, form, obj):
        return self.render_with_years(form, obj)

    def render_with_years(self, form, obj):
        # The generic get() shows a reader without the change permission the record read-only.
        return render(self.request, self.template_name, {
            "form": form, "object": obj, "read_only": self.read_only,
            "title": (f"查看{self.verbose()}" if self.read_only else f"编辑{self.verbose()}" if obj
                      else f"新增{self.verbose()}"),
            "list_url": self.url("list"),
            "delete_url": self.url("delete", obj.pk) if obj and not self.read_only and self.request.user.has_perm(
                "investment.delete_majorproject") else None,
            **major_years_context(obj),
        })

    def post(self, request, pk=None):
        if pk is not None and "year" in request.POST:
            return self.post_year(request, pk)
        return super().post(request, pk)

    def post_year(self, request, pk):
        major = self.get_object(pk)
        self.require("change")
        run_posted(request, MajorProjectYearForm(request.POST),
                   lambda data: actions.set_major_project_year(major, data["year"], acting_user=request.user,
                                                               planned=data["planned_investment"],
                                                               completed=data["completed_investment"]),
                   lambda _row: "已保存年度投资。")
        return HttpResponseRedirect(reverse("investment:majorproject_edit", args=[pk]))


class MajorProjectDeleteView(ObjectDeleteView):
    model = MajorProject


def major_years_context(major):
    if major is None:
        return {}
    light, note = major_project_light(major)
    return {"years": major.years.all(), "year_form": MajorProjectYearForm(initial={"year": clock.today().year}),
            "light_badge": light_badge(light, note), "light_note": note}


# --- home ------------------------------------------------------------------------------------


def home_cards(request):
    if not request.user.has_perm("investment.view_investmentproject"):
        return []
    today = clock.today()
    qs = projects_for(request)
    total = figures.compute(qs, *figures.year_period(today.year))[0]
    stalled_count = stall.stalled_queryset(qs, today).count()
    amounts = amounts_text(total.agreed) if any(total.agreed.values()) else ""
    body = (gettext("%(year)s年新签约项目%(signed)s个") % {"year": today.year, "signed": total.signed}
            + (gettext("（协议投资%(amounts)s）") % {"amounts": amounts} if amounts else "")
            + gettext("；开工率%(rate)s%%；停滞项目%(stalled)s个。") % {
                "rate": total.construction_rate if total.construction_rate is not None else "—",
                "stalled": stalled_count})
    return [{"title": gettext("招商引资"), "body": body}]
