"""DRF authentication with the project's API keys (``api.ApiKey``).

Clients send ``Authorization: Token sw_<prefix>_<secret>`` (``Bearer`` is accepted too). The
key is found by its public prefix and compared by its SHA-256 in constant time; expired and
revoked keys and keys of deactivated accounts are refused with a German message. On success
``request.auth`` is the ``ApiKey`` (its scope is checked by ``api.permissions.KeyScopeAllows``).
"""

from __future__ import annotations

import hmac
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from stufenweg.api.models import KEY_PREFIX, ApiKey, key_hash
from stufenweg.api.services import api_key_mark_used

KEYWORDS = (b"token", b"bearer")
PREFIX = re.compile(r"[0-9a-f]{8}")


def _parse(header: bytes) -> str | None:
    """The key of an ``Authorization`` header with one of our keywords; None for other schemes."""
    parts = header.split()
    if not parts or parts[0].lower() not in KEYWORDS:
        return None
    if len(parts) != 2:
        raise AuthenticationFailed(_("Ungültiger Authorization-Header: erwartet wird „Token <Schlüssel>“."))
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError:
        raise AuthenticationFailed(_("Ungültiger API-Schlüssel.")) from None


def _lookup(key: str) -> ApiKey:
    label, _sep, rest = key.partition("_")
    prefix, _sep, secret = rest.partition("_")
    invalid = AuthenticationFailed(_("Ungültiger API-Schlüssel."))
    if label != KEY_PREFIX or not PREFIX.fullmatch(prefix) or not secret or len(key) > 200:
        raise invalid
    api_key = ApiKey.objects.select_related("user").filter(prefix=prefix).first()
    # compare even when no row matches, so that timing does not tell whether a prefix exists
    stored = api_key.secret_hash if api_key is not None else "0" * 64
    if not hmac.compare_digest(stored, key_hash(key)) or api_key is None:
        raise invalid
    return api_key


class ApiKeyAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        key = _parse(get_authorization_header(request))
        if key is None:
            return None
        api_key = _lookup(key)
        now = timezone.now()
        if api_key.revoked_at is not None:
            raise AuthenticationFailed(_("Dieser API-Schlüssel wurde widerrufen."))
        if api_key.is_expired(now):
            raise AuthenticationFailed(
                _("Dieser API-Schlüssel ist abgelaufen. Legen Sie unter „Mein Konto“ einen neuen an.")
            )
        if not api_key.user.is_active:
            raise AuthenticationFailed(_("Das Benutzerkonto ist deaktiviert."))
        api_key_mark_used(api_key=api_key, now=now)
        return api_key.user, api_key

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """OpenAPI description of the key header (named ``tokenAuth`` as before)."""

    target_class = "stufenweg.api.authentication.ApiKeyAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "API-Schlüssel aus „Mein Konto“ mit vorangestelltem „Token “ (oder "
            "„Bearer “), z. B. „Token sw_1a2b3c4d_…“.",
        }
