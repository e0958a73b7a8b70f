"""The cost pages: the programmes, one programme's costs, savings and balance (with a region
filter and a chart), the forms of a cost entry.

Readers: the coordination office's members (also read-only; ``scope_of(user).everything``).
Writers: its writing members, asked as the service asks (``core.authority``); the service checks
again, so web, API and import behave alike. The page shows sums over households, never a person;
the households whose benefit months it reads are recorded in the audit trail (one row each)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.core.audit import audit_object_reads
from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.visibility import scope_of
from stufenweg.costs import services
from stufenweg.costs.balance import entries_of, households_of, programme_balance
from stufenweg.costs.chart import chart_png
from stufenweg.costs.forms import CostEntryForm, FilterForm
from stufenweg.costs.models import CostEntry
from stufenweg.programmes.models import Programme

AUDIT_PURPOSE = "Kosten und Einsparungen"


def reads_costs(user) -> bool:
    return scope_of(user).everything


def _require_reader(user) -> None:
    if not reads_costs(user):
        raise PermissionDenied


def _require_writer(user) -> None:
    _require_reader(user)
    if not writes_for_coordination(user):
        raise PermissionDenied


def _filters(request: HttpRequest) -> tuple[FilterForm, dict]:
    form = FilterForm(request.GET if request.GET else None)
    chosen = {"region": None, "first": None, "last": None}
    if form.is_bound and form.is_valid():
        chosen.update({k: v for k, v in form.cleaned_data.items() if v})
    return form, chosen


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    programmes = Programme.objects.order_by("name")
    return render(request, "costs/index.html", {"programmes": programmes})


@login_required
@require_safe
def programme_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request.user)
    programme = get_object_or_404(Programme, pk=pk)
    form, chosen = _filters(request)
    result = programme_balance(programme, **chosen)
    households = households_of(programme, chosen["region"])
    audit_object_reads(
        actor=request.user,
        object_type="people.household",
        object_ids=[h.pk for h in households],
        purpose=AUDIT_PURPOSE,
        summary=f"Einsparungen des Programms {programme.code}",
    )
    context = {
        "programme": programme,
        "form": form,
        "region": chosen["region"],
        "result": result,
        "entries": entries_of(programme, chosen["region"]),
        "may_write": writes_for_coordination(request.user),
        "chart_query": request.GET.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "costs/programme.html", context)


@login_required
@require_safe
def chart(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request.user)
    programme = get_object_or_404(Programme, pk=pk)
    _form, chosen = _filters(request)
    response = HttpResponse(chart_png(programme_balance(programme, **chosen)), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _entry_form(request: HttpRequest, programme: Programme, entry: CostEntry | None) -> HttpResponse:
    initial = {}
    if entry is not None:
        initial = {
            "organisation": entry.organisation_id,
            "region": entry.region_id,
            "category": entry.category,
            "monthly_amount": entry.monthly_amount,
            "valid_from": entry.valid_from,
            "valid_to": entry.valid_to,
            "note": entry.note,
        }
    form = CostEntryForm(request.POST if request.method == "POST" else None, initial=initial)
    back = reverse("costs:programme", args=[programme.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_entry_save(entry=entry, programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Der Kostenposten wurde gespeichert."))
            return HttpResponseRedirect(back)
    title = _("Kostenposten ändern") if entry else _("Kostenposten erfassen")
    context = {"form": form, "programme": programme, "title": title, "back_url": back, "entry": entry}
    return render(request, "costs/entry_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require_writer(request.user)
    programme = get_object_or_404(Programme, pk=pk)
    return _entry_form(request, programme, None)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not reads_costs(request.user):
        raise Http404
    _require_writer(request.user)
    entry = get_object_or_404(CostEntry.objects.select_related("programme"), pk=pk)
    return _entry_form(request, entry.programme, entry)
