"""Production keeps its PostgreSQL connections open (one per worker thread) and checks them before reuse."""

import os
import subprocess
import sys

BOOT = (
    "import django; django.setup(); from django.conf import settings; "
    "db = settings.DATABASES['default']; print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
)
GOOD = {
    "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.production",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "stufenweg.example",
    "DATABASE_URL": "postgres://u:p@db.example:5432/stufenweg",
}


def boot(**overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DATABASE_CONN_MAX_AGE"}
    }
    env.update({**GOOD, **overrides})
    return subprocess.run([sys.executable, "-c", BOOT], env=env, capture_output=True, text=True, timeout=60)


def test_connections_are_persistent_and_checked_before_reuse():
    result = boot()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["600", "True"]


def test_connection_age_comes_from_the_environment():
    assert boot(DATABASE_CONN_MAX_AGE="0").stdout.split() == ["0", "True"]
    refused = boot(DATABASE_CONN_MAX_AGE="lange")
    assert refused.returncode != 0
    assert "DATABASE_CONN_MAX_AGE" in refused.stderr
