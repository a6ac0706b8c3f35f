"""Login security pages: change password, two-factor enrolment and verification, unlock."""

import base64

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zonework.core import actions, scope
from zonework.core.audit import write_entry
from zonework.core.choices import AuditAction
from zonework.core.forms import OTPTokenForm, PasswordChangeForm
from zonework.core.middleware import password_change_reason
from zonework.core.models import User
from zonework.core.scope import ScopeDenied

from .generic import add_errors


def _next(request):
    nxt = request.POST.get("next") or request.GET.get("next") or "/"
    return nxt if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}) else "/"


@login_required
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_own_password(request.user, form.cleaned_data["old_password"],
                                        form.cleaned_data["new_password"], acting_user=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "password" in exc.error_dict:
                exc = ValidationError({"new_password": exc.error_dict["password"]})
            add_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect("core:home")
    return render(request, "core/password_change.html", {
        "form": form, "reason": password_change_reason(request.user),
    })


def _otp_failed(user):
    # On record like a wrong password, and counted by the same lock: a stolen password alone does
    # not buy unlimited guesses at the second factor.
    write_entry(AuditAction.LOGIN_FAILED, obj=user, user_name=user.username, event="otp.failed",
                message="动态口令或恢复码不正确")


def _qr_svg(data):
    import segno

    # Rendered here, never by a web service: the secret must not leave the intranet.
    return segno.make(data, error="m").svg_inline(scale=4)


@login_required
def otp(request):
    """Enrolment (no confirmed device yet) or verification of the second factor."""
    from django_otp import login as otp_login
    from django_otp import match_token
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = OTPTokenForm(request.POST or None)
    if confirmed is not None:
        if request.method == "POST" and form.is_valid():
            device = match_token(user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            _otp_failed(user)
            form.add_error("token", "动态口令或恢复码不正确。")
        return render(request, "core/otp_verify.html", {"form": form, "next": _next(request)})

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="动态口令", confirmed=False)
    codes = None
    allowed, _why = device.verify_is_allowed()
    if request.method == "POST" and form.is_valid() and not allowed:
        form.add_error("token", "输入错误次数过多，请稍后再试。")
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = actions.confirm_second_factor(user, device, acting_user=user)
            otp_login(request, device)
            return render(request, "core/otp_codes.html", {"codes": codes, "next": _next(request)})
        _otp_failed(user)
        form.add_error("token", "动态口令不正确，请核对手机时间后重新输入。")
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "core/otp_enrol.html", {
        "form": form, "qr": _qr_svg(device.config_url), "secret": secret, "next": _next(request),
    })


@require_POST
@login_required
def user_unlock(request, pk):
    user = get_object_or_404(scope.restrict(User.objects.all(), request.user), pk=pk)
    try:
        actions.unlock_user(user, acting_user=request.user)
    except ScopeDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, f"已解除用户“{user.username}”的登录锁定。")
    return redirect("core:user_edit", pk=user.pk)


@require_POST
@login_required
def user_reset_otp(request, pk):
    user = get_object_or_404(scope.restrict(User.objects.all(), request.user), pk=pk)
    try:
        actions.reset_second_factor(user, acting_user=request.user)
    except ScopeDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, f"已重置用户“{user.username}”的动态口令，其下次登录时须重新绑定。")
    return redirect("core:user_edit", pk=user.pk)
