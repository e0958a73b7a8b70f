"""Production: every secret and host comes from the environment; start-up refuses without them."""

from stufenweg.config.env import env_bool, env_database, env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True, min_length=40)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": env_database(required=True)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Persistent connections, one per worker thread, kept DATABASE_CONN_MAX_AGE seconds; a reused
    # connection is checked (one round trip) when a request first needs it, so a restarted
    # database costs no failed request.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_NAME = "__Host-sessionid"  # Secure, host-only, Path=/ (the browser enforces it)
CSRF_COOKIE_NAME = "__Host-csrftoken"
STUFENWEG_REQUIRE_2FA = True  # never switched off in production
# Keys for encrypted fields, newest first (comma-separated Fernet keys). Without it the key is
# derived from SECRET_KEY; set it so that SECRET_KEY can change without losing the notes.
if env_list("STUFENWEG_FIELD_KEYS"):
    STUFENWEG_FIELD_KEYS = env_list("STUFENWEG_FIELD_KEYS")
