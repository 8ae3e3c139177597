"""Settings, read from the environment (README「配置」lists every variable)."""
import secrets
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from perf_targets.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("DEBUG 关闭时必须设置环境变量 SECRET_KEY。")
    # Local use only: one random key kept under var/, so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "core",
    "projects",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RefuseMalformedAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "indicators.middleware.RuleProfilesPerRequest",
]

ROOT_URLCONF = "perf_targets.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "perf_targets.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Two clerks saving at once must wait for each other rather than fail at once. WAL: readers (a login, another
    # department's pages) never wait for a writer, so a long import blocks only the writes that follow it.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache framework: Redis when REDIS_URL is set (shared by every app server), else each process's memory.
# It holds the sessions' copies (cached_db) and nothing a page could show stale.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "perf_targets.passwords.TranslatedMinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Failed logins: five tries, then one hour locked, per user name and address.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Behind reverse proxies, the lock-out is per user name and the real client address (core.client_address).
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Evidence files (佐证材料, DOMAIN §9) live in their own storage, never served at a public URL: only the download
# view, which checks who may see the project, reads them. Local files under var/ unless an S3-compatible bucket is
# configured (README「佐证材料的存储」).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
EVIDENCE_MAX_BYTES = int(env_str("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))


def evidence_storage() -> dict:
    """The `evidence` storage: FileSystemStorage under MEDIA_ROOT, or S3 when EVIDENCE_S3_BUCKET is set."""
    bucket = env_str("EVIDENCE_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # location: MEDIA_ROOT
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("EVIDENCE_S3_ENDPOINT_URL") or None,
            "region_name": env_str("EVIDENCE_S3_REGION") or None,
            "access_key": env_str("EVIDENCE_S3_ACCESS_KEY") or None,
            "secret_key": env_str("EVIDENCE_S3_SECRET_KEY") or None,
            "location": env_str("EVIDENCE_S3_PREFIX", "evidence-store"),
            "default_acl": "private",
            "file_overwrite": False,  # a name is taken once: a stored file is never replaced
            "querystring_auth": True,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": evidence_storage(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    # Token first: DRF answers an anonymous request with the first class's challenge (401 WWW-Authenticate: Token).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "indicators.api.renderers.BrowsableAPIRenderer",
    ],
    # JSON numbers as Decimal, never float.
    "DEFAULT_PARSER_CLASSES": [
        "indicators.api.parsers.DecimalJSONParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "indicators.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "indicators.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "预算绩效目标 API",
    "DESCRIPTION": "读取绩效目标与评价结果，提交实际完成值与支出。所有数值以字符串表示（十进制，全精度），日期为 ISO 8601。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the green/yellow/red/none choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {"MonitoringLevelEnum": "indicators.api.serializers_read.LEVEL_CHOICES",
                            "ReviewStateEnum": "projects.choices.ReviewState",
                            "ReviewActionEnum": "projects.choices.ReviewAction",
                            "DraftStateEnum": "projects.models.DraftTable.State"},
}

# Production hardening; `manage.py check --deploy` is clean with DEBUG=0.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # read from the cache, kept in the database
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Uploads waiting between their preview and 确认导入 (core/uploads.py): kept this long, then swept.
UPLOAD_STAGING_DIR = Path(env_str("UPLOAD_STAGING_DIR", str(VAR_DIR / "uploads")))
UPLOAD_STAGING_SECONDS = int(env_str("UPLOAD_STAGING_SECONDS", "3600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Domain rules (DOMAIN.md): each budget year is scored by its rule profile (projects.RuleProfile, edited in the
# admin). These seeded the profiles of the years that had projects when profiles arrived (projects migration 0012);
# nothing reads them at scoring time. The monitoring round dates are read here.
PERF_CLASS_POINTS = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
PERF_BUDGET_POINTS = Decimal(10)
PERF_OVER_ACHIEVEMENT_FACTOR = Decimal("1.2")
PERF_GREEN_RATIO = Decimal("0.8")
PERF_YELLOW_RATIO = Decimal("0.6")
PERF_MONITORING_ROUNDS = [(7, 31), (12, 31)]  # (month, day): August round as-of 31 July; year end

# Background jobs (issue #21): the city's workbooks and the department report. With a broker (CELERY_BROKER_URL, or
# REDIS_URL) they run on Celery workers (`celery -A perf_targets worker`); without one, in the request's own process,
# so `make run` needs nothing more. Finished files are kept under VAR_DIR/jobs for JOB_FILE_HOURS, never as media.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or env_str("REDIS_URL") or ""
CELERY_TASK_ACKS_LATE = True  # a job a dead worker had not claimed goes to another; one it had is settled as stale
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # one long export at a time per worker process
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True  # the job row is the result
# With the worker's beat (`make serve` starts it with -B): expired files leave the disk even when nobody exports.
CELERY_BEAT_SCHEDULE = {"tidy-export-jobs": {"task": "indicators.tidy_export_jobs", "schedule": 3600.0}}
JOB_FILES_DIR = Path(env_str("JOB_FILES_DIR", str(VAR_DIR / "jobs")))
JOB_FILE_HOURS = int(env_str("JOB_FILE_HOURS", "24"))
JOB_STALE_MINUTES = int(env_str("JOB_STALE_MINUTES", "60"))  # a job silent this long is shown as interrupted
JOB_PROGRESS_EVERY = int(env_str("JOB_PROGRESS_EVERY", "200"))  # projects between two progress writes
