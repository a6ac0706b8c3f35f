"""The security admin's pages: roles with their permissions and data scope (三员分立).

Every save goes through core.actions.create_role / update_role, which write the role.* event.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from zonework.core import actions, scope
from zonework.core.models import Role
from zonework.core.role_forms import RoleForm

from .generic import add_errors


def _require(user, action):
    if not user.has_perm(scope.perm_name(Role, action)):
        raise PermissionDenied(scope.denied_message(action, Role))


@login_required
def role_list(request):
    _require(request.user, "view")
    roles = Role.objects.annotate(perm_count=Count("permissions", distinct=True),
                                  user_count=Count("users", distinct=True)).order_by("-builtin", "id")
    return render(request, "core/role_list.html", {
        "title": "角色与权限", "roles": roles,
        "add_url": reverse("core:role_add") if request.user.has_perm("core.add_role") else None,
        "can_change": request.user.has_perm("core.change_role"),
    })


def _role_page(request, role):
    _require(request.user, "change" if role else "add")
    form = RoleForm(request.POST or None, role=role)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name", "data_scope", "description")}
        if not form.fields["permissions"].disabled:
            data["permissions"] = form.cleaned_data["permissions"]
        try:
            if role is None:
                role = actions.create_role({"code": form.cleaned_data["code"], **data}, acting_user=request.user)
            else:
                role = actions.update_role(role, data, acting_user=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"已保存角色“{role}”。")
            return redirect("core:role_list")
    return render(request, "core/role_edit.html", {
        "form": form, "object": role, "title": "编辑角色" if role else "新增角色",
        "list_url": reverse("core:role_list"),
    })


@login_required
def role_add(request):
    return _role_page(request, None)


@login_required
def role_edit(request, pk):
    return _role_page(request, get_object_or_404(Role, pk=pk))
