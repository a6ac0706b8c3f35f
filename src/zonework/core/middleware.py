import datetime
import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from zonework.core.context import audit_context, new_request_id


def client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded and settings.ZONEWORK_TRUST_X_FORWARDED_FOR:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


# What a caller's X-Request-ID may be: it is logged and echoed, so it must fit the audit column and
# carry nothing a header or a log line could be split by.
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(request):
    """The caller's X-Request-ID when it is a plain token of at most 64 characters, else a new one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if REQUEST_ID_RE.fullmatch(given) else new_request_id()


class RequestContextMiddleware:
    """Gives every request an id and carries who/where into the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        source = "api" if request.path.startswith("/api/") else "web"
        user = getattr(request, "user", None)
        with audit_context(user=user if user and user.is_authenticated else None, ip=client_ip(request),
                           request_id=request.request_id, source=source):
            response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class IdleTimeoutMiddleware:
    """Logs a session out after ZONEWORK_IDLE_MINUTES without a request."""

    KEY = "zonework_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.ZONEWORK_IDLE_MINUTES * 60:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                messages.warning(request, f"您已超过{settings.ZONEWORK_IDLE_MINUTES}分钟未操作，请重新登录。")
                return redirect(f"{reverse('core:login')}?next={request.path}")
            if last is None or now - last > 60:
                request.session[self.KEY] = now
        return self.get_response(request)


class CurrentZoneMiddleware:
    """The zone the header's switcher points at: pages show that zone's rows."""

    KEY = "zonework_zone_id"
    # 全部开发区: lists show every zone of the user's at once (with a zone column); pages about one
    # zone (the dashboard, forms) keep using request.zone.
    ALL_KEY = "zonework_all_zones"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.zone = None
        request.all_zones = False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from zonework.core.scope import zones_for

            zones = zones_for(user)
            wanted = request.session.get(self.KEY)
            zone = zones.filter(pk=wanted).first() if wanted else None
            if zone is None:
                default = user.unit.zone_id if user.unit_id else None
                zone = zones.filter(pk=default).first() if default else zones.order_by("name").first()
            request.zone = zone
            request.all_zones = bool(request.session.get(self.ALL_KEY))
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """Chinese unless the user chose English with the header's switch.

    Django's own middleware would follow the browser's Accept-Language, and an intranet PC with an
    English browser would then show English to staff who read Chinese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _exempt(request, names):
    if request.path.startswith(("/static/", "/i18n/", "/captcha/")):
        return True
    return request.path in {reverse(name) for name in names}


def _refuse_api(message):
    from django.http import JsonResponse

    return JsonResponse({"detail": message}, status=403)


class SecondFactorMiddleware:
    """With ZONEWORK_OTP_REQUIRED, the roles in ZONEWORK_OTP_ROLES reach nothing before their second
    factor: enrolment if they have no confirmed device yet, else the code (or a recovery code)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and otp_required_for(user)
                and not user.is_verified() and not _exempt(request, ("core:otp", "core:logout"))):
            if request.path.startswith("/api/"):
                return _refuse_api("请先在网页上完成动态口令验证。")
            return redirect(f"{reverse('core:otp')}?next={request.path}")
        return self.get_response(request)


def otp_required_for(user):
    if not settings.ZONEWORK_OTP_REQUIRED:
        return False
    return user.is_superuser or bool(user.role_codes() & set(settings.ZONEWORK_OTP_ROLES))


class PasswordPolicyMiddleware:
    """A password set by someone else, or older than ZONEWORK_PASSWORD_MAX_AGE_DAYS, is changed
    before anything else is reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and not _exempt(request, ("core:password_change", "core:logout", "core:otp"))):
            reason = password_change_reason(user)
            if reason:
                if request.path.startswith("/api/"):
                    return _refuse_api(reason)
                messages.warning(request, reason)
                return redirect(reverse("core:password_change"))
        return self.get_response(request)


def password_change_reason(user):
    """Why the user must change the password now, or "" when not."""
    from zonework.core import clock

    if user.must_change_password:
        return "首次登录或密码被管理员重置后，须先修改密码。"
    days = settings.ZONEWORK_PASSWORD_MAX_AGE_DAYS
    changed = user.password_changed_at
    if days and changed is not None and clock.now() - changed > datetime.timedelta(days=days):
        return f"密码已超过{days}天未修改，请修改密码后继续使用。"
    return ""


class PermissionsPolicyMiddleware:
    """Switches off browser features no page uses (camera, location ...), so injected or framed content
    cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.ZONEWORK_PERMISSIONS_POLICY)
        return response
