"""The start page: one overview per persona, from selectors only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from stufenweg.core.audit import audit_reads
from stufenweg.core.time import today
from stufenweg.web.selectors import start_page

AUDIT_PURPOSE = "Startseite"


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    page = start_page(request.user, today=today())
    persons = page.persons_shown()
    if persons:
        audit_reads(actor=request.user, persons=persons, purpose=AUDIT_PURPOSE)
    return render(request, "web/home.html", {"page": page})
