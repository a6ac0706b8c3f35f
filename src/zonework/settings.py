"""Settings. Everything a deployment changes comes from the environment (see README)."""

import datetime
import hashlib
import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE
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


DEBUG = env_bool("ZONEWORK_DEBUG", True)
SECRET_KEY = os.environ.get("ZONEWORK_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        # A built-in key is public (it is in this file): sessions, CSRF tokens and password-reset links
        # signed with it can be forged. Outside development, refuse to start rather than fall back.
        raise ImproperlyConfigured(
            "ZONEWORK_DEBUG=0 时必须设置 ZONEWORK_SECRET_KEY（至少 50 个随机字符，例如 "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))' 的输出）；"
            "拒绝使用内置的开发密钥启动。")
    SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
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
    "knox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "captcha",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "zonework.core",
]
OPTIONAL_APPS = [
    "zonework.economy",
    "zonework.documents",
    "zonework.work",
    "zonework.investment",
    "zonework.enterprises",
    "zonework.reports",
    "zonework.evaluation",
    "zonework.returns",
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
    "csp.middleware.CSPMiddleware",
    "zonework.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zonework.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zonework.core.middleware.RequestContextMiddleware",
    "zonework.core.limits.InputLimitsMiddleware",
    "zonework.core.middleware.CurrentZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zonework.core.middleware.IdleTimeoutMiddleware",
    "zonework.core.middleware.SecondFactorMiddleware",
    "zonework.core.middleware.PasswordPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# HTTPS (等保: 传输保密性). Behind a TLS-terminating proxy set ZONEWORK_HTTPS=1: HTTP is redirected,
# browsers are told to use HTTPS only (HSTS), and cookies never travel in clear. The demo on
# http://127.0.0.1 leaves it off.
ZONEWORK_HTTPS = env_bool("ZONEWORK_HTTPS", False)
SECURE_SSL_REDIRECT = ZONEWORK_HTTPS
SESSION_COOKIE_SECURE = ZONEWORK_HTTPS
CSRF_COOKIE_SECURE = ZONEWORK_HTTPS
SECURE_HSTS_SECONDS = env_int("ZONEWORK_HSTS_SECONDS", 31536000) if ZONEWORK_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ZONEWORK_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("ZONEWORK_HSTS_PRELOAD", True)
if env_bool("ZONEWORK_TRUST_X_FORWARDED_PROTO", ZONEWORK_HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Content Security Policy: scripts only from the product's own static files, or inline with the nonce
# of this response; nothing from elsewhere (the intranet is offline, and injected markup cannot run).
# Styles allow inline: Bootstrap markup and ECharts set style attributes; a style cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Browser features the product never uses are switched off for every page (Permissions-Policy).
ZONEWORK_PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                               "microphone=(), payment=(), usb=()")

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
    # A small office on one file: web threads, the worker and commands write at once (issue 12 §10).
    # WAL lets readers go on while one writes; IMMEDIATE takes the write lock at BEGIN, so two
    # transactions that read then write wait for each other (busy timeout) instead of one failing at
    # once with "database is locked" (a deferred transaction cannot wait to upgrade its lock).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": env_int("ZONEWORK_SQLITE_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests on a file, not in memory: threads of a live server then hold their own connections and
    # really write at once, as a deployed site does (tests/core/test_sqlite_concurrency.py). On tmpfs
    # when there is one, so that the file costs the suite no disk syncs; one file per checkout.
    _shm = Path("/dev/shm")
    _test_dir = _shm if _shm.is_dir() and os.access(_shm, os.W_OK) else VAR_DIR
    _checkout = hashlib.sha1(str(REPO_DIR).encode()).hexdigest()[:8]
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "ZONEWORK_TEST_SQLITE", str(_test_dir / f"zonework-test-{_checkout}.sqlite3"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["zonework.core.auth.RoleBackend"]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "zonework.core.validators.LengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "zonework.core.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "zonework.core.validators.HistoryValidator", "OPTIONS": {"remember": 5}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

ZONEWORK_IDLE_MINUTES = env_int("ZONEWORK_IDLE_MINUTES", 30)
# Login security (等保): lockout after N failures (per account, per known address, per source address),
# for a period that doubles with each further failure; a captcha after a few; idle session expiry.
ZONEWORK_LOCKOUT_ATTEMPTS = env_int("ZONEWORK_LOCKOUT_ATTEMPTS", 5)
ZONEWORK_LOCKOUT_MINUTES = env_int("ZONEWORK_LOCKOUT_MINUTES", 15)
ZONEWORK_LOCKOUT_MAX_MINUTES = env_int("ZONEWORK_LOCKOUT_MAX_MINUTES", 24 * 60)
# Failures older than this no longer count against an account (nor do those before a success or unlock).
ZONEWORK_LOCKOUT_MEMORY_HOURS = env_int("ZONEWORK_LOCKOUT_MEMORY_HOURS", 24)
# One address trying many names; higher than per account, as an office may share one address (NAT).
ZONEWORK_LOCKOUT_ADDRESS_ATTEMPTS = env_int("ZONEWORK_LOCKOUT_ADDRESS_ATTEMPTS", 20)
ZONEWORK_LOCKOUT_ADDRESS_WINDOW_MINUTES = env_int("ZONEWORK_LOCKOUT_ADDRESS_WINDOW_MINUTES", 60)
# An address the account logged in from successfully within this many days is its own.
ZONEWORK_KNOWN_ADDRESS_DAYS = env_int("ZONEWORK_KNOWN_ADDRESS_DAYS", 180)
ZONEWORK_CAPTCHA_AFTER = env_int("ZONEWORK_CAPTCHA_AFTER", 3)
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 5  # minutes
CAPTCHA_FONT_SIZE = 34  # readable on an office monitor; the library default is a thumbnail
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.random_char_challenge"
# Passwords: changed every N days (0: never expire); a new or reset account changes it at first login.
ZONEWORK_PASSWORD_MAX_AGE_DAYS = env_int("ZONEWORK_PASSWORD_MAX_AGE_DAYS", 90)
# Two factors (TOTP, with recovery codes) for the powerful roles; off in the demo, on in a real install.
ZONEWORK_OTP_REQUIRED = env_bool("ZONEWORK_OTP_REQUIRED", False)
ZONEWORK_OTP_ROLES = tuple(
    r.strip() for r in os.environ.get("ZONEWORK_OTP_ROLES", "admin,security_admin,auditor").split(",") if r.strip()
)
OTP_TOTP_ISSUER = "zonework"
# API tokens (django-rest-knox): stored as a hash, revocable; a token unused for the idle minutes
# (like a session) or older than the hours stops working. ZONEWORK_TOKEN_IDLE_MINUTES=0: no idle limit.
ZONEWORK_TOKEN_TTL_HOURS = env_int("ZONEWORK_TOKEN_TTL_HOURS", 8)
ZONEWORK_TOKEN_IDLE_MINUTES = env_int("ZONEWORK_TOKEN_IDLE_MINUTES", ZONEWORK_IDLE_MINUTES)
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
# Uploaded files: on a directory (MEDIA_ROOT; with several web hosts a shared mount, e.g. NFS) or on an
# S3-compatible store (MinIO, Ceph RGW, a cloud's object storage) through django-storages. The product
# only reads and writes files through the storage API, so web processes and workers on other hosts see
# the same files either way (deploy/README.md).
ZONEWORK_STORAGE = os.environ.get("ZONEWORK_STORAGE", "filesystem").strip().lower()
if ZONEWORK_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("ZONEWORK_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("ZONEWORK_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("ZONEWORK_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("ZONEWORK_S3_SECRET_KEY") or None,
            "region_name": os.environ.get("ZONEWORK_S3_REGION") or None,
            "location": os.environ.get("ZONEWORK_S3_PREFIX", ""),
            # Files are private: nothing is served from the bucket, only through views that check scope.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not STORAGES["default"]["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("ZONEWORK_STORAGE=s3 需要 ZONEWORK_S3_BUCKET（存储桶名称）。")
elif ZONEWORK_STORAGE != "filesystem":
    raise ImproperlyConfigured(
        f"ZONEWORK_STORAGE={ZONEWORK_STORAGE!r} 无效：可选 filesystem（目录，默认）或 s3（S3 兼容对象存储）。")
# Checked before a parser opens an upload (core/filelimits.py): zip bombs in .docx/.xlsx, huge PDFs.
ZONEWORK_FILE_LIMITS = {
    "zip_uncompressed_mb": env_int("ZONEWORK_ZIP_MAX_UNCOMPRESSED_MB", 64),
    "zip_ratio": env_int("ZONEWORK_ZIP_MAX_RATIO", 100),
    "zip_ratio_floor_mb": env_int("ZONEWORK_ZIP_RATIO_FLOOR_MB", 8),
    "zip_members": env_int("ZONEWORK_ZIP_MAX_MEMBERS", 5000),
    "pdf_mb": env_int("ZONEWORK_PDF_MAX_MB", 40),
    "pdf_pages": env_int("ZONEWORK_PDF_MAX_PAGES", 500),
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024
# Attachments (core/attachments.py): allowed extensions and the largest file, in MB.
ZONEWORK_ATTACHMENT_TYPES = [t for t in os.environ.get(
    "ZONEWORK_ATTACHMENT_TYPES", "pdf,ofd,doc,docx,xls,xlsx,ppt,pptx,wps,et,jpg,jpeg,png,txt,csv").split(",") if t]
ZONEWORK_ATTACHMENT_MAX_MB = env_int("ZONEWORK_ATTACHMENT_MAX_MB", 20)
# Request limits (core/limits.py): JSON bodies, API page size.
ZONEWORK_JSON_MAX_DEPTH = env_int("ZONEWORK_JSON_MAX_DEPTH", 32)
ZONEWORK_JSON_MAX_BYTES = env_int("ZONEWORK_JSON_MAX_BYTES", 2 * 1024 * 1024)
ZONEWORK_PAGE_MAX_LIMIT = env_int("ZONEWORK_PAGE_MAX_LIMIT", 500)
# Lists whose rows in scope the planner puts above this are counted by its estimate (core/counting.py).
ZONEWORK_EXACT_COUNT_LIMIT = env_int("ZONEWORK_EXACT_COUNT_LIMIT", 100_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    # Token logins and writes are rate-limited (core.api.throttling reads ZONEWORK_THROTTLE_RATES).
    "DEFAULT_THROTTLE_CLASSES": ["zonework.core.api.throttling.WriteRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["zonework.core.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "zonework.core.limits.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "zonework.core.limits.LimitedPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zonework.core.api.exceptions.exception_handler",
}
ZONEWORK_THROTTLE_RATES = {
    "login": os.environ.get("ZONEWORK_THROTTLE_LOGIN", "10/min"),
    "writes": os.environ.get("ZONEWORK_THROTTLE_WRITES", "300/min"),
}
_token_max = datetime.timedelta(hours=ZONEWORK_TOKEN_TTL_HOURS)
_token_idle = datetime.timedelta(minutes=ZONEWORK_TOKEN_IDLE_MINUTES)
REST_KNOX = {
    # Each use pushes the expiry out by the idle period, never past the token's maximum age.
    "TOKEN_TTL": min(_token_idle, _token_max) if ZONEWORK_TOKEN_IDLE_MINUTES else _token_max,
    "AUTO_REFRESH": bool(ZONEWORK_TOKEN_IDLE_MINUTES),
    "AUTO_REFRESH_MAX_TTL": _token_max,
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_LIMIT_PER_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "zonework API",
    "DESCRIPTION": "开发区管委会工作平台接口。所有数据按调用者的数据范围过滤。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema lists every endpoint and field: for signed-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "zonework.investment.choices.Stage",
        "RequestStateEnum": "zonework.enterprises.choices.RequestState",
        "TaskStatusEnum": "zonework.work.choices.TaskStatus",
        "UploadStatusEnum": "zonework.economy.choices.UploadStatus",
        "JobStatusEnum": "zonework.reports.choices.JobStatus",
        "DocumentStatusEnum": "zonework.documents.choices.DocumentStatus",
        "ExtensionStatusEnum": "zonework.work.choices.ExtensionStatus",
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

# The cache holds rate-limit counters and the bell's to-do counts. One process: its own memory. Several
# web processes (deploy/): they must share it, or each keeps its own limits and stale counts, so
# ZONEWORK_CACHE_URL names a Redis (redis://127.0.0.1:6379/1).
ZONEWORK_CACHE_URL = os.environ.get("ZONEWORK_CACHE_URL", "").strip()
if ZONEWORK_CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": ZONEWORK_CACHE_URL, "KEY_PREFIX": "zonework"}}

# Background jobs: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("ZONEWORK_CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("ZONEWORK_CELERY_EAGER", not os.environ.get("ZONEWORK_CELERY_BROKER_URL"))
CELERY_TASK_EAGER_PROPAGATES = True
# One queue name per installation: two installations sharing a Redis must not take each other's jobs.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("ZONEWORK_CELERY_QUEUE", "zonework")
# A job is acknowledged when done, so a worker killed mid-job leaves it queued for another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# With a worker and beat running: reminders every morning (without them, cron runs `zonework remind`).
CELERY_BEAT_SCHEDULE = {
    "work-reminders": {"task": "work.send_reminders", "schedule": crontab(hour=8, minute=0)},
    # Returns due in a few days or past their due day: the zone's statisticians are reminded.
    "returns-reminders": {"task": "returns.send_reminders", "schedule": crontab(hour=8, minute=5)},
    # Fails a job or a document that made no progress for ZONEWORK_JOB_TIMEOUT_MINUTES (a worker died).
    "watchdog": {"task": "core.watchdog", "schedule": crontab(minute="*/5")},
}
ZONEWORK_JOB_TIMEOUT_MINUTES = env_int("ZONEWORK_JOB_TIMEOUT_MINUTES", 30)

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
