"""Form widgets used across the apps."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """``<input type="date">``: the browser shows the date in the user's locale but sends and
    expects ISO (``2026-01-01``); a German-formatted value would leave the field empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
