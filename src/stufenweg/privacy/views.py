"""Pages of the data-protection officer: audit export, Art. 15 export, retention and erasure."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stufenweg.core.visibility import scope_of
from stufenweg.people.models import Person
from stufenweg.privacy import auditexport, export
from stufenweg.privacy.anonymise import person_anonymise
from stufenweg.privacy.forms import AuditExportForm, PersonLookupForm
from stufenweg.privacy.retention import expiries


def dpo_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not scope_of(request.user).audit:
            raise PermissionDenied(_("Nur für Datenschutzbeauftragte."))
        return view(request, *args, **kwargs)

    return wrapper


@dpo_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    lookup = PersonLookupForm(request.POST or None)
    if request.method == "POST" and lookup.is_valid():
        return redirect("privacy:person", pk=lookup.cleaned_data["person_id"].pk)
    return _home(request, lookup=lookup, audit_form=AuditExportForm())


def _home(
    request: HttpRequest, *, lookup: PersonLookupForm, audit_form: AuditExportForm, status: int = 200
) -> HttpResponse:
    context = {"lookup": lookup, "audit_form": audit_form, "due": len(expiries(today=timezone.localdate()))}
    return render(request, "privacy/home.html", context, status=status)


@dpo_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(Person, pk=pk)
    return render(request, "privacy/person.html", {"subject": subject})


@dpo_required
@require_GET
def person_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("json", "pdf"):
        raise PermissionDenied
    subject = get_object_or_404(Person, pk=pk)
    data = export.person_export_data(person=subject, by=request.user)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        response = HttpResponse(export.to_json(data), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(export.to_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="auskunft-{subject.pk}-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@dpo_required
@require_http_methods(["GET", "POST"])
def audit_export(request: HttpRequest) -> HttpResponse:
    # the page's form posts (the Personen-ID stays out of the address); a query string carries
    # the person by database id only
    if request.method == "POST":
        form = AuditExportForm(request.POST)
    else:
        form = AuditExportForm.from_query(request.GET, bind_empty=True)
    if not form.is_valid():  # the page again, with the German error next to the field
        return _home(request, lookup=PersonLookupForm(), audit_form=form, status=400)
    data = form.cleaned_data
    qs = auditexport.audit_entries(form.audit_filter())
    stamp = dt.date.today().isoformat()  # noqa: DTZ011 - file name only
    fmt = data["format"] or "csv"
    if fmt == "xlsx":
        body = auditexport.to_xlsx(qs)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = auditexport.to_csv(qs)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="protokoll-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@dpo_required
@require_GET
def retention(request: HttpRequest) -> HttpResponse:
    due = expiries(today=timezone.localdate())
    persons = {p.pk: p for p in Person.objects.filter(pk__in=[e.person_id for e in due])}
    rows = [(persons[e.person_id], e.expires_on) for e in due if e.person_id in persons]
    return render(request, "privacy/retention.html", {"rows": rows})


@dpo_required
@require_POST
def anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(Person, pk=pk)
    due = {e.person_id for e in expiries(today=timezone.localdate())}
    if subject.pk not in due:
        messages.error(
            request, _("Diese Person ist nicht zur Löschung fällig (Aufbewahrungsfrist läuft noch).")
        )
        return redirect("privacy:retention")
    person_anonymise(person=subject, by=request.user, reason="dpo")
    messages.success(request, _("Die Person wurde anonymisiert."))
    return redirect("privacy:retention")
