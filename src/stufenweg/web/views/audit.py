"""The audit trail for the data-protection officer: read only, filterable, paginated."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from stufenweg.core.visibility import scope_of
from stufenweg.web.forms import AuditFilterForm
from stufenweg.web.selectors import audit_entries_visible_to

PAGE_SIZE = 50


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@require_GET
@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).audit:
        raise Http404
    entries = audit_entries_visible_to(request.user)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        if start := form.cleaned_data.get("date_from"):
            entries = entries.filter(at__gte=_start_of(start))
        if end := form.cleaned_data.get("date_to"):
            entries = entries.filter(at__lt=_start_of(end + dt.timedelta(days=1)))
        if action := form.cleaned_data.get("action"):
            entries = entries.filter(action=action)
        if actor := (form.cleaned_data.get("actor") or "").strip():
            entries = entries.filter(actor_label=actor)
        if person := form.cleaned_data.get("person"):
            entries = entries.filter(person_id=person)
    elif form.is_bound:
        entries = entries.none()
    page_obj = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/audit/list.html", {"form": form, "page_obj": page_obj})
