"""Settings for the test suite. DATABASE_URL chooses SQLite (default, in memory) or PostgreSQL."""

import os

from stufenweg.config.env import env_database

from .base import *  # noqa: F403

DATABASES = {"default": env_database(default="sqlite:///:memory:")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].pop("OPTIONS", None)
else:
    # Test data only: a commit need not wait for the write-ahead log to reach the disk. The
    # migrations of the test database, the flush after every transactional test and the tests'
    # own commits then cost no fsync each; what a transaction sees is unchanged (only a crash of
    # the server could lose the last commits, and a test database is thrown away anyway).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
STUFENWEG_REQUIRE_2FA = False  # tests/security switch it on
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API inside tests

# Static files come straight from the apps (no collectstatic in tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
