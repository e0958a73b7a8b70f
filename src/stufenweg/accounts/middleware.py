"""Two middlewares for staff sessions: enforce two-factor login, end idle sessions.

``RequireTwoFactorMiddleware`` (after ``django_otp.middleware.OTPMiddleware``): every
authenticated user needs a confirmed TOTP device and a session verified with it. Without a
device the user is sent to the set-up, otherwise to the verification. Exempt: login, logout,
the two-factor pages themselves, the set-password link, static files, ``/health/``, ``/i18n/`` and the API (token
authentication; its session authentication requires a verified session, see
``accounts.authentication``). Switched by ``STUFENWEG_REQUIRE_2FA``.

``IdleTimeoutMiddleware``: a session without a request for ``STUFENWEG_SESSION_IDLE_SECONDS``
(default 30 minutes) is logged out.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

LAST_SEEN_KEY = "_stufenweg_last_seen"


def require_2fa() -> bool:
    return bool(getattr(settings, "STUFENWEG_REQUIRE_2FA", True))


def _exempt_prefixes() -> tuple[str, ...]:
    return (
        reverse("web:login"),
        reverse("web:logout"),
        reverse("accounts:setup"),
        reverse("accounts:verify"),
        reverse("accounts:recovery_codes"),
        reverse("accounts:password_link", args=["x", "x"]).removesuffix("x/x/"),
        settings.STATIC_URL,
        "/health/",
        "/i18n/",
        "/api/",
    )


def is_exempt(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in _exempt_prefixes())


def _with_next(url: str, request) -> str:
    if request.method == "GET":
        return f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            require_2fa()
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not is_exempt(request.path)
        ):
            if user_has_device(user, confirmed=True):
                target = reverse("accounts:verify")
            else:
                target = reverse("accounts:setup")
            if getattr(request, "htmx", False):
                response = HttpResponseRedirect(target)
                response["HX-Redirect"] = target
                return response
            return HttpResponseRedirect(_with_next(target, request))
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Idle timeout without a database write per request: the time of the last request is kept
    in a signed cookie bound to the session key (the session holds the login time as fallback)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            idle = getattr(settings, "STUFENWEG_SESSION_IDLE_SECONDS", 30 * 60)
            now = time.time()
            last = _last_seen(request)
            if last is not None and now - last > idle:
                logout(request)
                message = _("Sie wurden nach %(min)d Minuten ohne Aktivität abgemeldet.") % {
                    "min": idle // 60
                }
                if request.path.startswith("/api/"):
                    response = JsonResponse({"detail": message}, status=401)
                else:
                    messages.info(request, message)
                    response = HttpResponseRedirect(_with_next(reverse("web:login"), request))
                response.delete_cookie(SEEN_COOKIE)
                return response
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            response.set_signed_cookie(
                SEEN_COOKIE,
                str(time.time()),
                salt=_salt(request),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


SEEN_COOKIE = "stufenweg_seen"


def _salt(request) -> str:
    return "stufenweg-idle:" + (request.session.session_key or "")


def _last_seen(request) -> float | None:
    raw = request.get_signed_cookie(SEEN_COOKIE, default=None, salt=_salt(request))
    if raw is not None:
        try:
            return float(raw)
        except ValueError:
            pass
    return request.session.get(LAST_SEEN_KEY)
