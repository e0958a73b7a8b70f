"""Security headers every response carries: Content-Security-Policy and Permissions-Policy.

The policy allows scripts, styles, fonts and images only from the site itself: no inline
script or style, no ``eval`` (``'unsafe-inline'`` and ``'unsafe-eval'`` are never set), no
framing (``frame-ancestors 'none'`` next to ``X-Frame-Options: DENY``), forms post only to the
site. ``settings.STUFENWEG_CSP`` may replace single directives (for example the Swagger UI's
needs are met by its vendored files and need nothing extra).
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_CSP: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "worker-src": "'self' blob:",
}
FORBIDDEN = ("'unsafe-inline'", "'unsafe-eval'", "*")

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def content_security_policy() -> str:
    directives = {**DEFAULT_CSP, **getattr(settings, "STUFENWEG_CSP", {})}
    for name, value in directives.items():
        if any(token in value.split() for token in FORBIDDEN):
            raise ValueError(f"CSP directive {name} must not contain {FORBIDDEN}")
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # pages with personal data are not kept in shared caches or the browser's history cache
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response
