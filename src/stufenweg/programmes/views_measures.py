"""Measures administration (Verwaltung › Maßnahmen): the list with filters, create and edit.

Every member of the coordination office sees the pages (others: 404, as for a page that does not
exist for them); only a writing member gets the form (``core.authority``): a read-only member sees
the reason instead, and a POST is refused with 403. The service (``measures_admin.measure_save``)
checks the same."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.params import QueryParams
from stufenweg.core.visibility import scope_of
from stufenweg.organisations.models import Organisation, Region
from stufenweg.organisations.ordering import name_key
from stufenweg.programmes.forms_measures import MeasureForm
from stufenweg.programmes.measures_admin import PROVIDER_KINDS, measure_refusal, measure_save
from stufenweg.programmes.models import Measure, MeasureStart, Programme, Stage


def _office(request: HttpRequest) -> bool:
    """404 unless the user belongs to the coordination office; whether they may write."""
    if not scope_of(request.user).everything:
        raise Http404
    return writes_for_coordination(request.user)


@login_required
@require_safe
def measure_list(request: HttpRequest) -> HttpResponse:
    may_write = _office(request)
    params = QueryParams(request.GET)
    chosen = {
        "programme": params.id("programm", _("Programm")),
        "region": params.id("region", _("Region")),
        "provider": params.id("traeger", _("Träger")),
    }
    params.warn(request)
    measures = (
        Measure.objects.select_related("programme", "provider", "region")
        .prefetch_related(
            Prefetch("stages", queryset=Stage.objects.order_by("position")),
            Prefetch("starts", queryset=MeasureStart.objects.order_by("on")),
        )
        .order_by("programme__code", "code")
    )
    for name, value in chosen.items():
        if value:
            measures = measures.filter(**{f"{name}_id": value})
    context = {
        "measures": list(measures),
        "programmes": Programme.objects.order_by("code"),
        "regions": sorted(Region.objects.all(), key=name_key),
        "providers": sorted(Organisation.objects.filter(kind__in=PROVIDER_KINDS), key=name_key),
        "chosen": chosen,
        "may_write": may_write,
    }
    return render(request, "programmes/measures/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, Measure())


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    return _form_page(request, get_object_or_404(Measure, pk=pk))


def _form_page(request: HttpRequest, measure: Measure) -> HttpResponse:
    may_write = _office(request)
    title = _("Maßnahme %(code)s bearbeiten") % {"code": measure.code} if measure.pk else _("Neue Maßnahme")
    context = {"title": title, "measure": measure}
    if not may_write:
        refused = request.method == "POST"
        context.update(form=None, refusal=measure_refusal(), refused=refused)
        return render(request, "programmes/measures/form.html", context, status=403 if refused else 200)
    created = measure.pk is None
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            measure_save(
                measure=form.instance,
                stages=form.cleaned_data["stages"],
                start_dates=form.cleaned_data["start_dates"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            text = (
                _("Die Maßnahme %(code)s wurde angelegt.")
                if created
                else _("Die Maßnahme %(code)s wurde gespeichert.")
            )
            messages.success(request, text % {"code": form.instance.code})
            return redirect("measures_admin:list")
    context["form"] = form
    return render(request, "programmes/measures/form.html", context)
