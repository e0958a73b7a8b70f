"""DRF session authentication that honours two-factor login.

A browser session counts for the API only when it was verified with a second factor (when
``STUFENWEG_REQUIRE_2FA`` is on); token authentication is unaffected.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import SessionAuthentication

from stufenweg.accounts.middleware import require_2fa


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if require_2fa() and not (hasattr(user, "is_verified") and user.is_verified()):
            return None
        return result


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """OpenAPI description of the verified session (same cookie as Django's session)."""

    target_class = "stufenweg.accounts.authentication.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
