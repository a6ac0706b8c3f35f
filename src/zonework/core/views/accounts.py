from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zonework.core import actions, scope
from zonework.core.filtersets import UserFilterSet
from zonework.core.forms import LoginForm, UserForm
from zonework.core.middleware import CurrentZoneMiddleware
from zonework.core.models import User, Zone
from zonework.core.tables import UserTable

from .generic import ObjectListView, add_errors


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@require_POST
@login_required
def switch_zone(request):
    if request.POST.get("zone") == "all" and scope.zones_for(request.user).count() > 1:
        request.session[CurrentZoneMiddleware.ALL_KEY] = True
        messages.info(request, "列表显示全部开发区。")
        return HttpResponseRedirect(_next(request))
    if not str(request.POST.get("zone", "")).isdigit():
        messages.error(request, "请选择一个开发区。")
        return HttpResponseRedirect(_next(request))
    request.session.pop(CurrentZoneMiddleware.ALL_KEY, None)
    zone = get_object_or_404(scope.restrict(Zone.objects.all(), request.user), pk=request.POST.get("zone"))
    request.session[CurrentZoneMiddleware.KEY] = zone.pk
    messages.info(request, f"已切换到“{zone}”。")
    return HttpResponseRedirect(_next(request))


@login_required
def zone_search(request):
    """The user's zones matching ?q= (name, short name or city), for the pickers that do not list them all."""
    from django.http import JsonResponse

    from zonework.core.zone_picker import search

    hits = search(request.user, request.GET.get("q"))
    return JsonResponse({"results": [{"id": z.pk, "name": z.name, "short_name": z.short_name, "city": z.city}
                                     for z in hits]})


def _next(request):
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        nxt = "/"
    return nxt


class UserListView(ObjectListView):
    model, table_class, filterset_class = User, UserTable, UserFilterSet
    zone_filter = False

    def get(self, request):
        # User management is the system admin's (the change permission); the security admin reads
        # the list to find a locked account. Others who may view users (leaders) see names elsewhere.
        if not request.user.has_perm("core.unlock_user"):
            self.require("change")
        return super().get(request)

    def get_queryset(self):
        return super().get_queryset().select_related("unit").prefetch_related("roles")


def _user_form_page(request, obj):
    perm = "change" if obj else "add"
    # The security administrator reads a user's page (to unlock it or reset its codes) but does not
    # edit the account: that is the system administrator's (三员分立).
    read_only = obj is not None and request.method == "GET" and request.user.has_perm("core.unlock_user") \
        and not request.user.has_perm(scope.perm_name(User, perm))
    if not read_only and not request.user.has_perm(scope.perm_name(User, perm)):
        raise PermissionDenied(scope.denied_message(perm, User))
    form = UserForm(request.POST or None, instance=obj, user=request.user, zone=request.zone)
    if read_only:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in UserForm.Meta.fields}
        password = form.cleaned_data.get("password")
        try:
            if obj is None:
                obj = actions.create_user(data, password=password, acting_user=request.user)
            else:
                obj = actions.update_user(obj, data, acting_user=request.user)
                if password:
                    actions.set_password(obj, password, acting_user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"已保存用户“{obj.username}”。")
            return redirect("core:user_list")
    context = {"form": form, "object": obj, "read_only": read_only,
               "title": "查看用户" if read_only else "编辑用户" if obj else "新增用户",
               "list_url": reverse("core:user_list")}
    if obj is not None and request.user.has_perm("core.unlock_user"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from zonework.core.auth import lockout_until

        context.update(unlock_url=reverse("core:user_unlock", args=[obj.pk]), locked_until=lockout_until(obj.username))
        if TOTPDevice.objects.filter(user=obj, confirmed=True).exists():
            context["reset_otp_url"] = reverse("core:user_reset_otp", args=[obj.pk])
    return render(request, "core/object_edit.html", context)


@login_required
def user_add(request):
    return _user_form_page(request, None)


@login_required
def user_edit(request, pk):
    obj = get_object_or_404(scope.restrict(User.objects.all(), request.user), pk=pk)
    return _user_form_page(request, obj)
