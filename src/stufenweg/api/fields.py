"""Serializer fields shared by the API: codes instead of ids, bounded dates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stufenweg.core.params import EARLIEST, LATEST


class BoundedDateField(serializers.DateField):
    """An ISO date between 1900 and 2199 (date arithmetic on the rest is meaningless here)."""

    default_error_messages = {
        "out_of_range": _("Das Datum muss zwischen 1900 und 2199 liegen."),
    }

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if day is not None and not (EARLIEST <= day <= LATEST):
            self.fail("out_of_range")
        return day


class CodeField(serializers.SlugRelatedField):
    """A related object named by its exchange-format code; unknown codes are a field error."""

    default_error_messages = {
        "does_not_exist": _("Unbekannter Code „{value}“."),
        "invalid": _("Ungültiger Code."),
    }

    def __init__(self, *, selector=None, **kwargs):
        kwargs.setdefault("slug_field", "code")
        self.selector = selector
        if selector is not None and not kwargs.get("read_only"):
            kwargs.setdefault("queryset", selector(None))  # an empty placeholder; see get_queryset
        super().__init__(**kwargs)

    def get_queryset(self):
        if self.selector is not None:
            return self.selector(self.context["request"].user)
        return super().get_queryset()

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data or len(data) > 64 or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)
