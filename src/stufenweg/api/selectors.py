"""Reads of the API app: a user's own API keys (never another's)."""

from __future__ import annotations

from django.db.models import QuerySet

from stufenweg.api.models import ApiKey


def api_keys_of(user) -> QuerySet[ApiKey]:
    """``user``'s keys, newest first (a key of someone else is not found: 404)."""
    return ApiKey.objects.filter(user=user).order_by("-created_at", "-id")
