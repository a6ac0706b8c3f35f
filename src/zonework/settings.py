"""Settings. Everything a deployment changes comes from the environment (see README)."""

import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository root when running from a checkout; data (SQLite, uploads) lives in var/ there.
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ZONEWORK_VAR_DIR", REPO_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


SECRET_KEY = os.environ.get("ZONEWORK_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("ZONEWORK_DEBUG", True)
ALLOWED_HOSTS = [h for h in os.environ.get("ZONEWORK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ZONEWORK_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "zonework.core",
]
OPTIONAL_APPS = [
    "zonework.economy",
    "zonework.documents",
    "zonework.work",
    "zonework.investment",
    "zonework.enterprises",
    "zonework.reports",
]
# Apps are added as they are built; a domain app is installed once its apps.py exists.
# ZONEWORK_APPS (comma-separated labels, or "none") narrows them, e.g. to run one app's tests alone
# (`ZONEWORK_APPS=enterprises pytest tests/enterprises`); a label that names no app is an error,
# not a silently smaller installation.
_labels = [a.split(".")[1] for a in OPTIONAL_APPS if (PACKAGE_DIR / a.split(".")[1] / "apps.py").exists()]
_only = os.environ.get("ZONEWORK_APPS")
_chosen = None if _only is None else {label.strip() for label in _only.split(",") if label.strip()} - {"none"}
if _chosen is not None and _chosen - set(_labels):
    raise ImproperlyConfigured(f"ZONEWORK_APPS names unknown apps {sorted(_chosen - set(_labels))}; "
                               f"known: {', '.join(_labels)} (or none).")
INSTALLED_APPS += [f"zonework.{label}" for label in _labels if _chosen is None or label in _chosen]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zonework.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zonework.core.middleware.RequestContextMiddleware",
    "zonework.core.middleware.CurrentZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zonework.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "zonework.urls"
WSGI_APPLICATION = "zonework.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zonework.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'zonework.sqlite3'}",
        conn_max_age=int(os.environ.get("ZONEWORK_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes (web, worker, commands) share one file; wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["zonework.core.auth.RoleBackend"]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "zonework.core.validators.LengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "zonework.core.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Login security (等保): lockout after N failures within the window, idle session expiry.
ZONEWORK_LOCKOUT_ATTEMPTS = env_int("ZONEWORK_LOCKOUT_ATTEMPTS", 5)
ZONEWORK_LOCKOUT_MINUTES = env_int("ZONEWORK_LOCKOUT_MINUTES", 15)
ZONEWORK_IDLE_MINUTES = env_int("ZONEWORK_IDLE_MINUTES", 30)
# Behind a reverse proxy, the client address for the audit log comes from X-Forwarded-For.
ZONEWORK_TRUST_X_FORWARDED_FOR = env_bool("ZONEWORK_TRUST_X_FORWARDED_FOR", False)
SESSION_COOKIE_AGE = ZONEWORK_IDLE_MINUTES * 60
# The idle middleware touches the session at most once a minute, which also renews its expiry.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("ZONEWORK_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("ZONEWORK_STATIC_ROOT", REPO_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Front-end libraries come from the npm registry at set-up (package.json); nothing loads from a CDN.
NODE_MODULES = Path(os.environ.get("ZONEWORK_NODE_MODULES", REPO_DIR / "node_modules"))
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / sub)
    for prefix, sub in [
        ("vendor/bootstrap", "bootstrap/dist"),
        ("vendor/bootstrap-icons", "bootstrap-icons/font"),
        ("vendor/htmx", "htmx.org/dist"),
        ("vendor/echarts", "echarts/dist"),
    ]
    if (NODE_MODULES / sub).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("ZONEWORK_MANIFEST_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ZONEWORK_MEDIA_ROOT", VAR_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["zonework.core.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zonework.core.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "zonework API",
    "DESCRIPTION": "开发区管委会工作平台接口。所有数据按调用者的数据范围过滤。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "zonework.investment.choices.Stage",
        "RequestStateEnum": "zonework.enterprises.choices.RequestState",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Economy lights (economy/progress.py): behind by no more than the margin is yellow, further is red;
# level targets in points of 完成进度 against 时序进度, growth targets in points of growth.
ZONEWORK_ECONOMY_LIGHTS = {"level_pts": 5, "growth_pts": 2, "approx_pts": 0.5}

# Monthly statistics are due from this day of the following month (the statistics bureau's usual
# release day); from then the month is on the statistician's to-do list until its figures are in.
ZONEWORK_STATISTICS_DUE_DAY = min(max(env_int("ZONEWORK_STATISTICS_DUE_DAY", 15), 1), 28)

# Investment: a project with no stage change for this many months is yellow / red (DOMAIN_NOTES §2).
ZONEWORK_STALL_YELLOW_MONTHS = env_int("ZONEWORK_STALL_YELLOW_MONTHS", 2)
ZONEWORK_STALL_RED_MONTHS = env_int("ZONEWORK_STALL_RED_MONTHS", 3)
# Major projects: a milestone this many days late is red; one due within SOON days is yellow.
ZONEWORK_MILESTONE_RED_DAYS = env_int("ZONEWORK_MILESTONE_RED_DAYS", 30)
ZONEWORK_MILESTONE_SOON_DAYS = env_int("ZONEWORK_MILESTONE_SOON_DAYS", 15)
# Enterprise requests: the time limits in working days (enterprises/limits.py), per-category
# overrides of them, and the working-day calendar (法定节假日 as ISO dates; 调休 working weekends in WORKDAYS).
ZONEWORK_REQUEST_DEFAULT_LIMITS = {"start": 1, "reply": 2, "resolve": 10, "resolve_complex": 25}
ZONEWORK_REQUEST_LIMITS = {}
ZONEWORK_HOLIDAYS = [d for d in os.environ.get("ZONEWORK_HOLIDAYS", "").split(",") if d]
ZONEWORK_WORKDAYS = [d for d in os.environ.get("ZONEWORK_WORKDAYS", "").split(",") if d]

# Background jobs: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("ZONEWORK_CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("ZONEWORK_CELERY_EAGER", not os.environ.get("ZONEWORK_CELERY_BROKER_URL"))
CELERY_TASK_EAGER_PROPAGATES = True
# With a worker and beat running: reminders every morning (without them, cron runs `zonework remind`).
CELERY_BEAT_SCHEDULE = {
    "work-reminders": {"task": "work.send_reminders", "schedule": crontab(hour=8, minute=0)},
}

EMAIL_BACKEND = os.environ.get("ZONEWORK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("ZONEWORK_FROM_EMAIL", "zonework@localhost")
EMAIL_HOST = os.environ.get("ZONEWORK_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("ZONEWORK_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("ZONEWORK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ZONEWORK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ZONEWORK_EMAIL_TLS", False)
EMAIL_TIMEOUT = env_int("ZONEWORK_EMAIL_TIMEOUT", 20)

# Channels beyond the 站内信 (zonework/core/channels): a JSON list of {"class": dotted path, options},
# e.g. [{"class": "zonework.core.channels.EmailChannel"},
#       {"class": "zonework.core.channels.DingTalkRobotChannel", "webhook": "https://oapi.dingtalk.com/robot/send?access_token=...", "secret": "SEC..."}].
# Empty: messages stay on the page (reminders still mail as before).
ZONEWORK_CHANNELS = json.loads(os.environ.get("ZONEWORK_CHANNELS", "[]") or "[]")
ZONEWORK_DELIVERY_ATTEMPTS = env_int("ZONEWORK_DELIVERY_ATTEMPTS", 3)
ZONEWORK_DELIVERY_RETRY_SECONDS = env_int("ZONEWORK_DELIVERY_RETRY_SECONDS", 60)
# The address links in e-mails start with (e.g. https://zw.example.gov.cn).
ZONEWORK_SITE_URL = os.environ.get("ZONEWORK_SITE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZONEWORK_LOG_LEVEL", "WARNING")},
}
