"""Generic list / edit / delete pages, driven by the model (NetBox's habit).

Every queryset goes through the data-scope rule; every write goes through an action.
"""

import django_tables2 as tables
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django_tables2 import RequestConfig

from zonework.core import actions, clock, jobs, scope
from zonework.core.audit import write_entry
from zonework.core.choices import AuditAction
from zonework.core.counting import CountingPaginator
from zonework.core.excel import export_table, workbook_response
from zonework.core.forms import ImportForm
from zonework.core.importing import headers
from zonework.core.models import JobStatus
from zonework.core.validation import error_text, form_error_text
from zonework.core.zone_picker import searchable


class ScopedViewMixin(LoginRequiredMixin):
    model = None
    # Narrow lists to the zone chosen in the header switcher (for models that belong to a zone).
    zone_filter = True

    def scoped(self, action="view", every_zone=False):
        qs = scope.restrict(self.model._default_manager.all(), self.request.user, action)
        # A zone row itself (scope_zone "") is never narrowed: the zone list shows every zone in scope.
        if self.zone_filter and getattr(self.model, "scope_zone", None) and not every_zone:
            qs = scope.in_zone(qs, getattr(self.request, "zone", None))
        return qs

    def every_zone(self):
        """全部开发区 chosen in the header: a list shows all the user's zones (scope still applies)."""
        return bool(self.zone_filter and getattr(self.model, "scope_zone", None)
                    and getattr(self.request, "all_zones", False))

    def require(self, action):
        if not self.request.user.has_perm(scope.perm_name(self.model, action)):
            raise PermissionDenied(scope.denied_message(action, self.model))

    def verbose(self):
        return self.model._meta.verbose_name

    def url(self, suffix, *args):
        return reverse(f"{self.model._meta.app_label}:{self.model._meta.model_name}_{suffix}", args=args)


class ObjectListView(ScopedViewMixin, View):
    table_class = None
    filterset_class = None
    template_name = "core/object_list.html"
    per_page = 25
    # An app's tab bar above the list, and the URL of its Excel import (shown with the add permission).
    nav_template = None
    import_url_name = None
    # For a model with an Excel import: queryset -> Workbook in the import's layout, so that
    # ?export=xlsx gives a file that can be edited and uploaded again (otherwise the visible table).
    export_workbook = None
    # Rows can be ticked and exported on their own (导出选中): a checkbox column and a button.
    selectable = False

    def get_queryset(self):
        return self.scoped("view", every_zone=self.every_zone())

    def zone_column(self, table_class):
        """With 全部开发区, the zone of each row as the first column, unless the table has one;
        read with the rows (select_related), not one query per row."""
        if not self.every_zone() or "zone" in table_class.base_columns:
            return []
        return [("zone", tables.Column(accessor=self.model.scope_zone, verbose_name="开发区", orderable=False))]

    def extra_context(self):
        """What a list page shows beside the table (an upload form, say); nothing by default."""
        return {}

    def bulk_actions(self):
        """Actions on the ticked rows beside 导出选中, each {action, label, icon}: the rows go (as `pk`) with
        `action` to the URL named `<app>:<model>_bulk`, which confirms before it acts."""
        return []

    def filter_choices(self, queryset):
        """A filter's choices: in the user's scope and, like the list itself, in the current zone; with
        the zone joined, as choices name their zone (one query, not one per choice)."""
        queryset = scope.restrict(queryset, self.request.user, "view")
        zone_path = getattr(queryset.model, "scope_zone", None)
        if zone_path:
            queryset = scope.in_zone(queryset, getattr(self.request, "zone", None))
            if "__" not in zone_path:
                queryset = queryset.select_related(zone_path)
        return queryset

    def get(self, request):
        self.require("view")
        qs = self.get_queryset()
        if self.every_zone():
            qs = qs.select_related(self.model.scope_zone)
        filterset = self.filterset_class(request.GET or None, queryset=qs, request=request) if self.filterset_class else None
        if filterset is not None:
            for field in filterset.form.fields.values():
                if getattr(field, "queryset", None) is not None:
                    field.queryset = self.filter_choices(field.queryset)
                    searchable(field, request.user)
            qs = filterset.qs
        chosen = [int(pk) for pk in request.GET.getlist("pk") if pk.isdigit() and len(pk) < 19]
        if chosen:
            qs = qs.filter(pk__in=chosen)
        if request.GET.get("export") == "xlsx":
            what = "选中的" if chosen else ""
            write_entry(AuditAction.EXPORT, message=f"导出{what}{self.verbose()}（{qs.count()}条）")
            title = str(self.model._meta.verbose_name_plural)
            if self.export_workbook is not None:
                stamp = clock.today().strftime("%Y%m%d")
                return workbook_response(type(self).export_workbook(qs), f"{title}_{stamp}.xlsx")
            zone_extra = self.zone_column(self.table_class)
            table = self.table_class(qs, request=request, extra_columns=zone_extra,
                                     sequence=("zone", "...") if zone_extra else None)
            RequestConfig(request, paginate=False).configure(table)
            return export_table(table, title)
        extra = [("pk", tables.CheckBoxColumn(accessor="pk", attrs={"input": {"form": "select-form"},
                                                                     "th__input": {"id": "select-all"}}))] \
            if self.selectable else []
        zone_extra = self.zone_column(self.table_class)
        sequence = tuple(name for name, _ in extra + zone_extra) + ("...",)
        # No request= here: the table would configure (and count) itself once with the default paginator.
        table = self.table_class(qs, extra_columns=extra + zone_extra,
                                 sequence=sequence if extra or zone_extra else None)
        RequestConfig(request, paginate={"per_page": self.per_page, "paginator_class": CountingPaginator}).configure(table)
        query = request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        bulk = self.bulk_actions() if self.selectable else []
        return render(request, self.template_name, {
            "table": table,
            "filterset": filterset,
            "title": self.model._meta.verbose_name_plural,
            "model_name": self.model._meta.model_name,
            "add_url": self.url("add") if request.user.has_perm(scope.perm_name(self.model, "add")) else None,
            "import_url": reverse(self.import_url_name) if self.import_url_name and request.user.has_perm(
                scope.perm_name(self.model, "add")) else None,
            "nav_template": self.nav_template,
            "export_query": query.urlencode(),
            "selectable": self.selectable,
            "bulk_actions": bulk,
            "bulk_url": self.url("bulk") if bulk else None,
            "total": table.paginator.count,
            "total_estimated": table.paginator.estimated,
            **self.extra_context(),
        })


class ObjectEditView(ScopedViewMixin, View):
    form_class = None
    template_name = "core/object_edit.html"
    create_action = staticmethod(actions.create_object)
    update_action = staticmethod(actions.update_object)

    def get_object(self, pk):
        if pk is None:
            return None
        return get_object_or_404(scope.restrict(self.model._default_manager.all(), self.request.user), pk=pk)

    def make_form(self, obj, data=None):
        return self.form_class(data, instance=obj, user=self.request.user, zone=getattr(self.request, "zone", None))

    read_only = False

    def render_form(self, form, obj):
        return render(self.request, self.template_name, {
            "form": form,
            "object": obj,
            "title": (f"查看{self.verbose()}" if self.read_only else f"编辑{self.verbose()}" if obj
                      else f"新增{self.verbose()}"),
            "list_url": self.url("list"),
            "read_only": self.read_only,
            "delete_url": self.url("delete", obj.pk) if obj and not self.read_only and self.request.user.has_perm(
                scope.perm_name(self.model, "delete")) else None,
        })

    def get(self, request, pk=None):
        obj = self.get_object(pk)
        if obj is not None and not request.user.has_perm(scope.perm_name(self.model, "change")) \
                and request.user.has_perm(scope.perm_name(self.model, "view")):
            # A record's name links to this page in every list and on the dashboard; a reader who may
            # not change it sees it, fields disabled, instead of a refusal.
            self.read_only = True
            form = self.make_form(obj)
            for field in form.fields.values():
                field.disabled = True
            return self.render_form(form, obj)
        self.require("change" if obj else "add")
        return self.render_form(self.make_form(obj), obj)

    def post(self, request, pk=None):
        obj = self.get_object(pk)
        self.require("change" if obj else "add")
        form = self.make_form(obj, request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}
            try:
                obj = self.call_create(data) if obj is None else self.call_update(obj, data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, f"已保存{self.verbose()}“{obj}”。")
                return HttpResponseRedirect(self.url("list"))
        return self.render_form(form, obj)

    def call_create(self, data):
        return self.create_action(self.model, data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return self.update_action(obj, data, acting_user=self.request.user)


class ObjectDeleteView(ScopedViewMixin, View):
    template_name = "core/object_delete.html"
    delete_action = staticmethod(actions.delete_object)

    def get_object(self, pk):
        return get_object_or_404(scope.restrict(self.model._default_manager.all(), self.request.user), pk=pk)

    def get(self, request, pk):
        self.require("delete")
        obj = self.get_object(pk)
        return render(request, self.template_name, {"object": obj, "title": f"删除{self.verbose()}",
                                                    "list_url": self.url("list")})

    def post(self, request, pk):
        self.require("delete")
        obj = self.get_object(pk)
        label = str(obj)
        try:
            self.delete_action(obj, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
            return HttpResponseRedirect(self.url("list"))
        except (IntegrityError, ProtectedError, RestrictedError):
            # An app's own delete action that does not translate the database's refusal itself.
            messages.error(request, actions.referenced_message(label))
            return HttpResponseRedirect(self.url("list"))
        messages.success(request, f"已删除{self.verbose()}“{obj}”。")
        return HttpResponseRedirect(self.url("list"))


class ObjectImportView(ScopedViewMixin, View):
    """Upload an Excel file in the export's layout: a row with an id updates, the rest are new;
    the whole file is one transaction and errors are numbered by row (NetBox's habit).

    `importer(file, *, zone, acting_user)` returns {"created": n, "updated": m} or raises
    ValidationError with one message per bad row; `columns` are the app's `core.importing.Column`s,
    listed on the page as the headers the file may have.
    """

    template_name = "core/object_import.html"
    importer = None
    columns = ()

    def page(self, form, errors=()):
        return render(self.request, self.template_name, {
            "title": f"导入{self.verbose()}", "form": form, "errors": list(errors), "columns": headers(self.columns),
            "list_url": self.url("list"),
        })

    def get(self, request):
        self.require("add")
        return self.page(ImportForm())

    def post(self, request):
        self.require("add")
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        # A background job (eager in the embedded default, when it has finished by now).
        job = jobs.submit(type(self).importer, form.cleaned_data["file"], zone=request.zone,
                          acting_user=request.user, return_url=self.url("list"))
        if job.status == JobStatus.FAILED:
            return self.page(form, job.errors)
        if job.status == JobStatus.DONE:
            messages.success(request, f"导入{job.message}")
            return HttpResponseRedirect(self.url("list"))
        messages.info(request, f"“{job.filename}”已开始导入，本页显示进度。")
        return HttpResponseRedirect(reverse("core:job", args=[job.pk]))


def add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def run_posted(request, form, do, success):
    """Run `do(cleaned_data)` for a small form posted from a detail page, and say how it went: the
    success message (`success(result)`), or the form's or the action's refusal in one line.
    Returns (True, result) when it was done, (False, None) when nothing changed."""
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return False, None
    try:
        result = do(form.cleaned_data)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
        return False, None
    messages.success(request, success(result))
    return True, result
