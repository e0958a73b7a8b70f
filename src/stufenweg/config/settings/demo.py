"""The demo: SQLite in ./data, no settings needed. Debug pages stay off: a mistyped or forbidden
address gets the product's German error page, not Django's English technical page listing every
route (``STUFENWEG_DEMO`` is what marks the demo, e.g. for ``totp_code``)."""

from .base import *  # noqa: F403

DEBUG = False
STUFENWEG_DEMO = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# The demo serves static files straight from the apps; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
