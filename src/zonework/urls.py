import contextlib

from django.apps import apps
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("zonework.core.api.urls")),
    path("", include("zonework.core.urls")),
]

# Each domain app mounts its pages at /<app>/ and its API at /api/<app>/ once it is installed.
for label in ("economy", "documents", "work", "investment", "enterprises", "reports", "evaluation", "returns"):
    if apps.is_installed(f"zonework.{label}"):
        urlpatterns.insert(-1, path(f"{label}/", include(f"zonework.{label}.urls")))
        with contextlib.suppress(ModuleNotFoundError):
            urlpatterns.insert(-2, path(f"api/{label}/", include(f"zonework.{label}.api.urls")))

# The product's own Chinese error pages (with DEBUG off; see run.sh).
handler400 = "zonework.core.views.errors.bad_request"
handler404 = "zonework.core.views.errors.page_not_found"
handler500 = "zonework.core.views.errors.server_error"
