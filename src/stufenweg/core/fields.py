"""Encrypted model fields for special-category and sensitive free text (GDPR Art. 9, § 35 SGB I).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) before they reach the database and
decrypted when loaded. ``settings.STUFENWEG_FIELD_KEYS`` is a list of keys, newest first: the
first encrypts, all of them decrypt (``MultiFernet``), so keys can be rotated by adding a new
key in front and re-encrypting (``stufenweg rotate_field_keys``). Encrypted fields cannot be
searched or sorted in the database; use a keyed hash column where searching is needed
(``keyed_hash``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1:"


def _derive(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(("stufenweg-field-key:" + secret).encode()).digest())


def field_keys() -> list[bytes]:
    keys = getattr(settings, "STUFENWEG_FIELD_KEYS", None) or [_derive(settings.SECRET_KEY).decode()]
    return [k.encode() if isinstance(k, str) else k for k in keys]


@lru_cache(maxsize=8)
def _cipher(keys: tuple[bytes, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k) for k in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "STUFENWEG_FIELD_KEYS enthält einen ungültigen Schlüssel (erwartet: 32 Byte, URL-safe Base64)."
        ) from exc


def cipher() -> MultiFernet:
    return _cipher(tuple(field_keys()))


def encrypt(value: str) -> str:
    return PREFIX + cipher().encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption was switched on
    try:
        return cipher().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Ein verschlüsselter Wert kann mit keinem der Schlüssel in STUFENWEG_FIELD_KEYS gelesen werden."
        ) from exc


def keyed_hash(value: str) -> str:
    """A stable keyed hash (HMAC-SHA256) for equality search on an encrypted value."""
    normalised = " ".join(value.casefold().split())
    return hmac.new(field_keys()[-1], normalised.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted. Empty strings stay empty (nothing to protect)."""

    description = "Verschlüsselter Text"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
