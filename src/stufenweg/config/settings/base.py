"""Settings shared by every environment (demo, test, production)."""

from __future__ import annotations

import os
from pathlib import Path

from stufenweg.config.env import env_database, env_int, env_str

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/stufenweg
DATA_DIR = Path(env_str("STUFENWEG_DATA_DIR", str(Path.cwd() / "data"))).resolve()

SECRET_KEY = "demo-only-not-secret"  # noqa: S105 - overridden by production.py
DEBUG = False
ALLOWED_HOSTS: list[str] = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver (the demo) leaves static files to WhiteNoise: Django's own static view answers
    # a path such as /static/../x with a SuspiciousFileOperation (500) instead of a 404
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "stufenweg.worker",  # before django_tasks_db: its db_worker (with a heartbeat) wins
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "stufenweg.core",
    "stufenweg.organisations",
    "stufenweg.accounts",
    "stufenweg.people",
    "stufenweg.programmes",
    "stufenweg.journeys",
    "stufenweg.casework",
    "stufenweg.groupwork",
    "stufenweg.support",
    "stufenweg.matching",
    "stufenweg.mentoring",
    "stufenweg.costs",
    "stufenweg.outcomes",
    "stufenweg.indicators",
    "stufenweg.forecasting",
    "stufenweg.interchange",
    "stufenweg.api",
    "stufenweg.earlywarning",
    "stufenweg.privacy",
    "stufenweg.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "stufenweg.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stufenweg.core.middleware.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "stufenweg.accounts.middleware.IdleTimeoutMiddleware",
    "stufenweg.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "stufenweg.config.urls"
WSGI_APPLICATION = "stufenweg.config.wsgi.application"
AUTH_USER_MODEL = "organisations.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
AUTHENTICATION_BACKENDS = ["stufenweg.accounts.backends.ThrottledModelBackend"]

# Two-factor login (TOTP + recovery codes) for every staff account; off only in settings/test.py so
# that tests of other areas can use force_login (the security tests switch it on).
STUFENWEG_REQUIRE_2FA = True
# the demo (``settings/demo.py``): demo-only commands such as ``totp_code`` work only there
STUFENWEG_DEMO = False
OTP_TOTP_ISSUER = "Stufenweg"
STUFENWEG_LOGIN_MAX_FAILURES = 5
STUFENWEG_LOGIN_MAX_FAILURES_PER_IP = 20
STUFENWEG_LOGIN_LOCK_SECONDS = 15 * 60
STUFENWEG_SESSION_IDLE_SECONDS = env_int("STUFENWEG_SESSION_IDLE_SECONDS", 30 * 60)

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stufenweg.web.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": env_database(default=f"sqlite:///{DATA_DIR / 'stufenweg.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# German first, English switchable. Message ids in the code are German (the product's language);
# the English catalogue lives in src/stufenweg/locale/en.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["stufenweg.web.formats"]  # d.m.Y in German
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STUFENWEG_STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
STUFENWEG_IMPORT_DIR = Path(
    env_str("STUFENWEG_IMPORT_DIR", str(DATA_DIR / "imports"))
)  # web uploads in progress
# documents attached to persons: encrypted files, served only through the download view
STUFENWEG_DOCUMENT_DIR = Path(env_str("STUFENWEG_DOCUMENT_DIR", str(DATA_DIR / "documents")))
STUFENWEG_DOCUMENT_MAX_BYTES = env_int("STUFENWEG_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STUFENWEG_MAX_UPLOAD_BYTES = env_int("STUFENWEG_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
# days an import run keeps its problem list (it quotes cell values); then only the count stays
STUFENWEG_IMPORT_PROBLEM_DAYS = env_int("STUFENWEG_IMPORT_PROBLEM_DAYS", 30)
# PostgreSQL: a report run works in two database sessions at once (two cores); 1 = one session
STUFENWEG_REPORT_PARTS = env_int("STUFENWEG_REPORT_PARTS", 2)

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True  # the token reaches htmx through <meta name="csrf-token">

TASKS = {
    "default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "stufenweg.api.authentication.ApiKeyAuthentication",
        "stufenweg.accounts.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "stufenweg.api.permissions.KeyScopeAllows",
        "rest_framework.permissions.IsAuthenticated",
    ],
    # a malformed or too deeply nested JSON body is a 400 with a German message, never a 500
    "DEFAULT_PARSER_CLASSES": ["stufenweg.api.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Stufenweg API",
    "DESCRIPTION": "Personen, Teilnahmen, Verlaufsereignisse, Maßnahmen und Programme.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "YesNoNaEnum": "stufenweg.people.models.YesNoNa",
        "EmployerContactKindEnum": "stufenweg.organisations.codes.ContactKind",
        "EmployerContactTopicEnum": "stufenweg.organisations.codes.ContactTopic",
        "VacancyStatusEnum": "stufenweg.organisations.codes.VacancyStatus",
        "GroupEventKindEnum": "stufenweg.groupwork.models.EventKind",
        "GroupEventStatusEnum": "stufenweg.groupwork.models.GroupEvent.Status",
        "BookingStatusEnum": "stufenweg.groupwork.models.Booking.Status",
        "AttendanceStatusEnum": "stufenweg.groupwork.models.Attendance.Status",
        "ServiceKindEnum": "stufenweg.support.codes.ServiceKind",
        "ReferralStatusEnum": "stufenweg.support.codes.ReferralStatus",
        "BarrierKindEnum": "stufenweg.support.codes.BarrierKind",
        "ProfileCategoryEnum": "stufenweg.support.codes.ProfileCategory",
        "CostCategoryEnum": "stufenweg.costs.models.CostCategory",
        "MentoringEntryKindEnum": "stufenweg.mentoring.models.EntryKind",
    },
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
}

# Structured logs without personal data: only ids and codes are logged, never names or notes.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "stufenweg.core.logformat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("STUFENWEG_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("STUFENWEG_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
