"""The place forecast page (aggregates only; the same readers as the indicator reports)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from stufenweg.indicators.views import _region_scope


@login_required
@require_safe
def forecast(request):
    _region_scope(request.user)  # the indicator reports' readers; 404 for everyone else
    return render(request, "forecasting/forecast.html", {})
