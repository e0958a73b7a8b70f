"""The participant list: search, filters, sorting, pagination, saved filters."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from stufenweg.casework import services
from stufenweg.casework.area import measures_in_area, programmes_in_area, regions_in_area
from stufenweg.casework.confirmations import confirmation
from stufenweg.casework.forms import FILTER_KEYS, ListFilterForm, SavedFilterForm
from stufenweg.casework.models import SavedFilter
from stufenweg.casework.overviews import caseworker_choices
from stufenweg.casework.permissions import can_act
from stufenweg.casework.selectors import PAGE_SIZE, participant_count, participant_ids, participant_rows
from stufenweg.casework.views.common import is_htmx
from stufenweg.core.audit import audit_reads
from stufenweg.journeys.authority import recording_kinds
from stufenweg.journeys.codes import EventKind

AUDIT_PURPOSE = "Fallbearbeitung (Liste)"


# Parameters that only page or sort a list: a query of these alone is the default list.
_PAGING_KEYS = {"page", "sort"}


def filter_query(params) -> str:
    """The filter part of a query string (ids and codes, never the search term); an empty status
    („alle“) is kept, since without one the list shows the running participations."""
    return urlencode([(k, v) for k in FILTER_KEYS for v in params.getlist(k) if v or k == "status"])


def _list_params(params):
    """The list's GET data: a query that only pages or sorts (the links „Weiter“, a column header)
    keeps the default status „laufende“ of the list it came from; no query is the unbound form."""
    if not params:
        return None
    if set(params) <= _PAGING_KEYS:
        params = params.copy()
        params["status"] = "active"
    return params


@login_required
@require_safe
def participant_list_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ListFilterForm(
        _list_params(request.GET),
        initial={"status": "active"},
        programmes=programmes_in_area(user).order_by("code"),
        regions=regions_in_area(user).order_by("name"),
        measures=measures_in_area(user).order_by("code"),
        caseworkers=caseworker_choices(user).only("first_name", "last_name", "username"),  # the labels
    )
    filters = form.filters()
    paginator = Paginator(participant_ids(user, filters), PAGE_SIZE)
    paginator.count = participant_count(user, filters)  # without the sort's per-row aggregate
    page = paginator.get_page(request.GET.get("page"))
    rows = participant_rows(list(page.object_list))
    if rows:
        audit_reads(actor=user, persons=[row.person for row in rows], purpose=AUDIT_PURPOSE)
    context = {
        "form": form,
        "page_obj": page,
        "rows": rows,
        "filters": filters,
        "sort": filters.sort,
        "saved_filters": SavedFilter.objects.filter(user=user),
        "saved_form": SavedFilterForm(initial={"query": filter_query(request.GET)}),
        "filter_query": filter_query(request.GET),
        # the button only for those the referral would accept (the organisation kinds that
        # record a referral: journeys.spec, checked by the service and the referral page)
        "may_refer": can_act(user, recording_kinds(EventKind.REFERRAL)),
    }
    if is_htmx(request) and request.htmx.target == "participant-results":
        return render(request, "casework/partials/participant_results.html", context)
    return render(request, "casework/participant_list.html", context)


@login_required
@require_POST
def saved_filter_save_view(request: HttpRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    url = reverse("casework:participant_list")
    if form.is_valid():
        query = form.cleaned_data["query"]
        # keep only known filter keys: the search term never goes into a saved filter
        from django.http import QueryDict

        query = filter_query(QueryDict(query))
        services.saved_filter_save(user=request.user, name=form.cleaned_data["name"], query=query)
        messages.success(request, confirmation("saved_filter_save"))
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
    messages.error(request, _("Der Filter wurde nicht gespeichert: Bitte geben Sie einen Namen an."))
    return HttpResponseRedirect(url)


@login_required
@require_POST
def saved_filter_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    services.saved_filter_delete(user=request.user, pk=pk)
    messages.success(request, confirmation("saved_filter_delete"))
    return HttpResponseRedirect(reverse("casework:participant_list"))
