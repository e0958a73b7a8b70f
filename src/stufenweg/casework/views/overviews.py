"""Overview screens: worklists, caseload (with reassignment), measures and capacity."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.casework import overviews as sel
from stufenweg.casework import services
from stufenweg.casework.area import programmes_in_area, regions_in_area
from stufenweg.casework.confirmations import reassigned_message
from stufenweg.casework.forms import ReassignForm
from stufenweg.casework.permissions import COORDINATING, DELIVERING, acting_scope
from stufenweg.casework.search import name_order
from stufenweg.casework.selectors import ACTIVE_STATES, participations_actable_by
from stufenweg.core.audit import audit_reads
from stufenweg.core.params import QueryParams, parse_id, parse_ids
from stufenweg.core.visibility import scope_of
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations.ordering import name_key

WORKLIST_PURPOSE = "Fallbearbeitung (Arbeitslisten)"
REASSIGNING = COORDINATING | DELIVERING


def _personal(request: HttpRequest) -> None:
    if not scope_of(request.user).personal_data:
        raise PermissionDenied


@login_required
@require_safe
def worklists(request: HttpRequest) -> HttpResponse:
    _personal(request)
    today = timezone.localdate()
    params = QueryParams(request.GET)
    region = params.id("region", _("Region"))
    params.warn(request)
    only = request.GET.get("liste") or None
    lists = sel.worklists(request.user, today=today, region=region, only=only)
    persons = {row.person.pk: row.person for wl in lists.values() for row in wl.rows}
    if persons:
        audit_reads(actor=request.user, persons=list(persons.values()), purpose=WORKLIST_PURPOSE)
    context = {
        "lists": lists,
        "waiting_summary": sel.waiting_summary(request.user, region=region),
        "regions": sorted(regions_in_area(request.user), key=name_key),
        "region": region,
        "only": only,
        "today": today,
        "sections": [
            (
                "reviews",
                _("Fällige Quartalsgespräche"),
                _(
                    "Letztes Quartalsgespräch (sonst Eintritt) liegt drei Monate zurück oder wird es in den nächsten 14 Tagen."
                ),
            ),
            (
                "follow_ups",
                _("Fällige Verbleibsabfragen"),
                _(
                    "Austritt liegt sechs Monate (Programmeinstellung) zurück oder wird es in den nächsten 30 Tagen; noch kein Verbleib erfasst; höchstens drei Monate überfällig."
                ),
            ),
            (
                "overdue",
                _("Geplantes Ende überschritten"),
                _(
                    "in Stufe, das geplante Ende liegt schon zurück: verlängern oder den Austritt erfassen; am längsten überschritten zuerst"
                ),
            ),
            ("planned_ends", _("Geplantes Ende in den nächsten 30 Tagen"), ""),
            ("waiting", _("Warteliste"), _("nach Programm, Stufe und Region, längste Wartezeit zuerst")),
            (
                "no_contact",
                _("Seit sechs Wochen ohne Kontakt"),
                _("laufende Teilnahmen ohne erfassten Kontakt in den letzten 42 Tagen"),
            ),
        ],
    }
    return render(request, "casework/worklists.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def caseload(request: HttpRequest) -> HttpResponse:
    _personal(request)
    user = request.user
    # reassign only participations this user may act on (a writing membership in an organisation
    # that sees them), not every visible one because the user writes somewhere else
    acting = acting_scope(user, REASSIGNING)
    may_reassign = acting.personal_data
    rows = sel.caseload(user, acting=acting)
    params = QueryParams(request.GET)
    from_caseworker = params.id("von", _("Fallverantwortliche/r"))
    if not request.GET.get("von"):
        from_caseworker = parse_id(request.POST.get("von"))
    params.warn(request)
    form = None
    if may_reassign and from_caseworker is not None:
        if request.method == "POST":
            asked = parse_ids(request.POST.getlist("participations"))
            if (
                asked
                and participations_visible_to(user)
                .filter(pk__in=asked)
                .exclude(pk__in=participations_actable_by(user, REASSIGNING).values("pk"))
                .exists()
            ):
                raise PermissionDenied  # visible but not writable by this user
        participations = (
            participations_actable_by(user, REASSIGNING)
            .filter(caseworker_id=from_caseworker, state__in=ACTIVE_STATES)
            .select_related("person", "programme")
            .order_by(*name_order("person__"), "pk")
        )
        form = ReassignForm(
            request.POST if request.method == "POST" else None,
            participations=participations,
            caseworkers=sel.caseworker_choices(user).exclude(pk=from_caseworker),
        )
        if request.method == "POST" and form.is_valid():
            try:  # the service decides per participation (casework.assignment); 403 when refused
                moved = services.caseload_reassign(
                    participations=form.cleaned_data["participations"],
                    caseworker=form.cleaned_data["caseworker"],
                    by=user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, reassigned_message(moved))
                return HttpResponseRedirect(reverse("casework:caseload"))
        shown = list(participations[:200])
        if shown:
            audit_reads(actor=user, persons=[p.person for p in shown], purpose="Fallbearbeitung (Fallzahlen)")
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "rows": rows,
        "may_reassign": may_reassign,
        "form": form,
        "from_caseworker": from_caseworker,
        "breaches": sum(1 for row in rows if row.breach),
    }
    return render(
        request, "casework/caseload.html", context, status=422 if form is not None and form.errors else 200
    )


@login_required
@require_safe
def measure_list(request: HttpRequest) -> HttpResponse:
    _personal(request)
    today = timezone.localdate()
    params = QueryParams(request.GET)
    programme = params.id("programme", _("Programm"))
    region = params.id("region", _("Region"))
    params.warn(request)
    scope = scope_of(request.user)
    if "region" not in request.GET and len(scope.region_ids) == 1 and not scope.everything:
        region = next(iter(scope.region_ids))  # a regional office starts with its own region
    rows = sel.measure_overview(request.user, today=today, programme=programme, region=region)
    months = sel.month_starts(today)
    context = {
        "rows": rows,
        "months": months,
        "programmes": programmes_in_area(request.user).order_by("code"),
        "regions": sorted(regions_in_area(request.user), key=name_key),
        "programme": programme,
        "region": region,
        "today": today,
        "totals": {
            "places": sum(r.measure.places for r in rows),
            "occupied": sum(r.occupied for r in rows),
            "free": sum(r.free for r in rows),
        },
    }
    return render(request, "casework/measure_list.html", context)
