"""Login throttling: after N failures within the lock window a key is locked for that window.

Two keys per attempt: the normalised user name (default 5 failures) and the client address
(default 20 failures, so that one office behind a shared address is not locked out by one
person). A locked key refuses even the right password. Settings:
``STUFENWEG_LOGIN_MAX_FAILURES``, ``STUFENWEG_LOGIN_MAX_FAILURES_PER_IP``,
``STUFENWEG_LOGIN_LOCK_SECONDS``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stufenweg.accounts.models import LoginThrottle


def _limits() -> tuple[int, int, int]:
    return (
        getattr(settings, "STUFENWEG_LOGIN_MAX_FAILURES", 5),
        getattr(settings, "STUFENWEG_LOGIN_MAX_FAILURES_PER_IP", 20),
        getattr(settings, "STUFENWEG_LOGIN_LOCK_SECONDS", 15 * 60),
    )


def _hash(kind: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def user_key(username: str | None) -> str:
    return _hash("user", (username or "").strip().casefold())


def ip_key(address: str | None) -> str:
    return _hash("ip", address or "unknown")


def client_address(request) -> str:
    return (getattr(request, "META", None) or {}).get("REMOTE_ADDR", "") or "unknown"


def _keys(username: str | None, request) -> list[tuple[str, int]]:
    per_user, per_ip, _ = _limits()
    keys = [(user_key(username), per_user)]
    if request is not None:
        keys.append((ip_key(client_address(request)), per_ip))
    return keys


def locked_until(username: str | None, request) -> dt.datetime | None:
    """The end of the lock that applies to this attempt, or ``None`` when it may proceed."""
    now = timezone.now()
    keys = [key for key, _ in _keys(username, request)]
    until = (
        LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )
    return until


def record_failure(username: str | None, request) -> dt.datetime | None:
    """Count one failed attempt; returns the lock end when this (or an earlier) failure locks."""
    now = timezone.now()
    _, _, lock_seconds = _limits()
    window = dt.timedelta(seconds=lock_seconds)
    result = None
    with transaction.atomic():
        for key, limit in _keys(username, request):
            row, _ = LoginThrottle.objects.select_for_update().get_or_create(
                key=key, defaults={"window_start": now}
            )
            if row.locked_until and row.locked_until > now:
                result = max(result or row.locked_until, row.locked_until)
                continue
            if row.window_start + window < now:
                row.failures, row.window_start, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= limit:
                row.locked_until = now + window
                result = max(result or row.locked_until, row.locked_until)
            row.save()
    return result


def record_success(username: str | None) -> None:
    LoginThrottle.objects.filter(key=user_key(username)).delete()
