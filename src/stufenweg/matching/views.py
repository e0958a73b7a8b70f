"""The matching page of a participation (target occupations, availability, qualifications, ranked
suggestions, chosen suggestions) and its forms.

Reads: 404 outside the read scope; the page names the person and records the read (purpose
„Matching“). Writes: 404 outside the read scope, 403 where the user may not write casework for
the participation (``casework.views.common.participation_to_act_on``); the services check again.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stufenweg.casework.authority import may_write
from stufenweg.casework.models import Goal
from stufenweg.casework.permissions import DELIVERING
from stufenweg.casework.selectors import participation_for
from stufenweg.casework.views.common import (
    entry_response,
    form_response,
    page_url,
    participation_to_act_on,
)
from stufenweg.core.audit import audit_read
from stufenweg.core.params import parse_id
from stufenweg.journeys.models import Participation
from stufenweg.matching import forms as mf
from stufenweg.matching import services
from stufenweg.matching.authority import sees_vacancies
from stufenweg.matching.codes import MAX_TARGETS, SUGGESTIONS_PER_PAGE
from stufenweg.matching.ranking import MEASURE, VACANCY
from stufenweg.matching.selectors import (
    availability_of,
    current_targets,
    matching_file,
    suggestion_for,
    suggestions_for,
)
from stufenweg.organisations.employer_selectors import vacancies_visible_to
from stufenweg.programmes.models import Measure

PURPOSE = "Matching"


def matching_url(participation: Participation) -> str:
    return reverse("matching:participant", args=[participation.pk])


@login_required
@require_GET
def participant_matching(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        participation = participation_for(request.user, pk)
    except Participation.DoesNotExist:
        raise Http404 from None
    audit_read(actor=request.user, person=participation.person, purpose=PURPOSE)
    today = timezone.localdate()
    suggestions = suggestions_for(request.user, participation, today=today)
    page = Paginator(suggestions, SUGGESTIONS_PER_PAGE).get_page(parse_id(request.GET.get("page")) or 1)
    return render(
        request,
        "matching/participant.html",
        {
            "participation": participation,
            "person": participation.person,
            "file": matching_file(participation),
            "page": page,
            "offset": page.start_index() - 1 if suggestions else 0,
            "can_act": may_write(request.user, participation),
            "sees_vacancies": sees_vacancies(request.user),
            "back_url": page_url(participation),
        },
    )


def _targets_initial(participation: Participation) -> dict:
    initial = {
        f"occupation_{i}": t.code for i, t in enumerate(current_targets(participation)[:MAX_TARGETS], 1)
    }
    availability = availability_of(participation)
    if availability:
        initial.update(hours=availability.hours, available_from=availability.available_from)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def targets_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=mf.TargetsForm,
        form_kwargs=lambda participation: {"initial": _targets_initial(participation)},
        title=_("Berufsziele und Verfügbarkeit"),
        url_name="matching:targets_edit",
        save=lambda participation, data, user: services.targets_set(
            participation=participation,
            codes=data["codes"],
            hours=data["hours"],
            available_from=data["available_from"],
            by=user,
        ),
        message=_("Die Berufsziele wurden gespeichert."),
        back=matching_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=mf.QualificationForm,
        title=_("Qualifikation erfassen"),
        url_name="matching:qualification_add",
        save=lambda participation, data, user: services.qualification_record(
            participation=participation,
            kind=data["kind"],
            text=data["text"],
            achieved_on=data["achieved_on"],
            by=user,
        ),
        message=_("Die Qualifikation wurde gespeichert."),
        back=matching_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the choice of one suggestion (GET ``?massnahme=<id>`` or ``?stelle=<id>``: the
    form with its reasons) and record it (POST)."""
    participation = participation_to_act_on(request, pk, DELIVERING)
    goals = list(
        Goal.objects.filter(plan__participation=participation, status=Goal.Status.OPEN).order_by(
            "due_on", "id"
        )
    )
    initial = {
        "measure": parse_id(request.GET.get("massnahme")),
        "vacancy": parse_id(request.GET.get("stelle")),
    }
    form = mf.ChoiceForm(request.POST or None, initial=initial, goals=goals)
    data = form.data if form.is_bound else initial
    measure_id, vacancy_id = (parse_id(str(data.get(name) or "")) for name in ("measure", "vacancy"))
    today = timezone.localdate()
    kind, target_id = (MEASURE, measure_id) if measure_id else (VACANCY, vacancy_id)
    suggestion = (
        suggestion_for(request.user, participation, kind=kind, pk=target_id, today=today)
        if target_id
        else None
    )

    if suggestion is not None:
        form.fields["note"].help_text = _("Gründe: %(reasons)s") % {"reasons": suggestion.reasons_text}

    def save():
        measure = vacancy = None
        if form.cleaned_data["measure"]:
            measure = Measure.objects.filter(pk=form.cleaned_data["measure"]).first()
            if measure is None:
                raise Http404
        else:
            vacancy = vacancies_visible_to(request.user).filter(pk=form.cleaned_data["vacancy"]).first()
            if vacancy is None:
                raise Http404
        goal = next((g for g in goals if g.pk == form.cleaned_data["goal"]), None)
        return services.match_choose(
            participation=participation,
            measure=measure,
            vacancy=vacancy,
            goal=goal,
            note=form.cleaned_data["note"],
            by=request.user,
        )

    return form_response(
        request,
        form=form,
        title=_("Vorschlag wählen: %(title)s") % {"title": suggestion.candidate.title}
        if suggestion
        else _("Vorschlag wählen"),
        action_url=reverse("matching:choose", args=[participation.pk]),
        back_url=matching_url(participation),
        on_valid=save,
        success_message=_("Der gewählte Vorschlag wurde festgehalten."),
        context={"participation": participation, "suggestion": suggestion},
        submit_label=_("Vorschlag wählen"),
    )
