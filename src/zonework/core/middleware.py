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


class RequestContextMiddleware:
    """Gives every request an id and carries who/where into the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request.META.get("HTTP_X_REQUEST_ID") or new_request_id()
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

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.zone = None
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


class PermissionsPolicyMiddleware:
    """Switches off browser features no page uses (camera, location ...), so injected or framed content
    cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.ZONEWORK_PERMISSIONS_POLICY)
        return response
