"""Production settings refuse to start without their environment; every command honours DATABASE_URL."""

import os
import subprocess
import sys

import pytest

BOOT = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['NAME'])"


def run(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-c", BOOT], env=env, capture_output=True, text=True, timeout=60)


PROD = "stufenweg.config.settings.production"
GOOD = {
    "DJANGO_SETTINGS_MODULE": PROD,
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "stufenweg.example",
    "DATABASE_URL": "postgres://u:p@db.example:5432/stufenweg",
}


@pytest.mark.parametrize(
    ("missing", "named"),
    [("SECRET_KEY", "SECRET_KEY"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS"), ("DATABASE_URL", "DATABASE_URL")],
)
def test_production_refuses_to_start_without_a_setting(missing, named):
    result = run({k: v for k, v in GOOD.items() if k != missing})
    assert result.returncode != 0
    assert f"Umgebungsvariable {named} fehlt" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("SECRET_KEY", "kurz", "mindestens 40 Zeichen"),
        ("DATABASE_URL", "mysql://u@h/db", "postgres://… oder sqlite:///…"),
    ],
)
def test_production_refuses_a_malformed_setting(name, value, text):
    result = run({**GOOD, name: value})
    assert result.returncode != 0
    assert text in result.stderr
    assert value not in result.stderr  # a secret or a password in a URL is never echoed


def test_production_starts_with_all_settings():
    result = run(GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "stufenweg"


def test_every_command_honours_database_url(tmp_path):
    target = tmp_path / "anders.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{target}",
        "DJANGO_SETTINGS_MODULE": "stufenweg.config.settings.demo",
    }
    result = subprocess.run(
        [sys.executable, "-m", "stufenweg", "migrate", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert target.exists() and target.stat().st_size > 0
