"""The audit trail for the data-protection officer: read only, filterable, paginated."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from stufenweg.core.visibility import scope_of
from stufenweg.privacy.auditexport import filter_entries
from stufenweg.privacy.forms import AuditFilterForm
from stufenweg.web.selectors import audit_entries_visible_to

PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).audit:
        raise Http404
    entries = audit_entries_visible_to(request.user)
    if request.method == "POST":
        # the Personen-ID comes by POST and is resolved here: the address keeps the database id
        form = AuditFilterForm(request.POST)
        if form.is_valid():
            query = form.to_query()
            return redirect(reverse("web:audit_list") + (f"?{query}" if query else ""))
    else:
        form = AuditFilterForm.from_query(request.GET)
    if form.is_valid():
        entries = filter_entries(entries, form.audit_filter())
    elif form.is_bound:
        entries = entries.none()
    page_obj = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/audit/list.html", {"form": form, "page_obj": page_obj})
