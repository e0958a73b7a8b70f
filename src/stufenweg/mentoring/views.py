"""Mentoring pages: the forms of the participant page's mentoring section (in the action panel)
and the worklist „Nachbetreuung“ with the placement figures.

Participant forms: 404 outside the read scope (the participation, or its mentoring), 403 where
the user may not write (``mentoring.authority``); the form page records the read of the person it
names. The services check the writer again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stufenweg.casework.selectors import participation_for
from stufenweg.casework.views.common import form_response, page_url
from stufenweg.core.audit import audit_reads
from stufenweg.journeys.models import Participation
from stufenweg.mentoring import forms as mf
from stufenweg.mentoring import services
from stufenweg.mentoring.authority import (
    assigning_projects,
    may_write_mentorship,
    mentor_candidates,
    reads_mentoring,
    refusal,
)
from stufenweg.mentoring.models import Mentorship
from stufenweg.mentoring.selectors import aftercare_worklist, placement_figures
from stufenweg.organisations.models import User


def _participation(request, pk) -> Participation:
    try:
        participation = participation_for(request.user, pk)
    except Participation.DoesNotExist:
        raise Http404 from None
    if not reads_mentoring(request.user, participation):
        raise Http404
    return participation


def _mentorship(request, pk) -> tuple[Mentorship, Participation]:
    try:
        mentorship = Mentorship.objects.get(pk=pk)
    except Mentorship.DoesNotExist:
        raise Http404 from None
    participation = _participation(request, mentorship.participation_id)
    if not may_write_mentorship(request.user, mentorship):
        raise PermissionDenied(refusal())
    return mentorship, participation


@login_required
@require_http_methods(["GET", "POST"])
def mentorship_add(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _participation(request, pk)
    projects = assigning_projects(request.user, participation)
    if not projects:
        raise PermissionDenied(refusal())
    candidates = User.objects.none()
    for project in projects:
        candidates = candidates | mentor_candidates(request.user, project)
    form = mf.AssignForm(request.POST or None, projects=projects, candidates=candidates.distinct())
    return form_response(
        request,
        form=form,
        title=_("Mentorin/Mentor zuordnen"),
        action_url=reverse("mentoring:mentorship_add", args=[participation.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.mentorship_assign(
            participation=participation,
            organisation=form.cleaned_data["organisation"],
            mentor=form.cleaned_data["mentor"],
            started_on=form.cleaned_data["started_on"],
            ended_on=form.cleaned_data["ended_on"],
            by=request.user,
        ),
        success_message=_("Das Mentoring wurde gespeichert."),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship, participation = _mentorship(request, pk)
    form = mf.EntryForm(request.POST or None)
    data = lambda: form.cleaned_data  # noqa: E731
    return form_response(
        request,
        form=form,
        title=_("Mentoring-Eintrag erfassen"),
        action_url=reverse("mentoring:entry_add", args=[mentorship.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.mentoring_entry_record(
            mentorship=mentorship,
            occurred_on=data()["occurred_on"],
            kind=data()["kind"],
            topic=data()["topic"],
            notes=data()["notes"],
            employer=data()["employer"],
            employer_topic=data()["employer_topic"],
            by=request.user,
        ),
        success_message=_("Der Mentoring-Eintrag wurde gespeichert."),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_add(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship, participation = _mentorship(request, pk)
    form = mf.AftercareForm(request.POST or None, placements=services.placements(participation))
    return form_response(
        request,
        form=form,
        title=_("Nachbetreuung beginnen"),
        action_url=reverse("mentoring:aftercare_add", args=[mentorship.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.after_placement_support_start(
            mentorship=mentorship,
            placement=form.cleaned_data["placement"],
            months=form.cleaned_data["months"],
            by=request.user,
        ),
        success_message=_("Die Nachbetreuung wurde gespeichert."),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentorship_end(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship, participation = _mentorship(request, pk)
    form = mf.EndForm(request.POST or None)
    return form_response(
        request,
        form=form,
        title=_("Mentoring beenden"),
        action_url=reverse("mentoring:mentorship_end", args=[mentorship.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.mentorship_end(
            mentorship=mentorship, ended_on=form.cleaned_data["ended_on"], by=request.user
        ),
        success_message=_("Das Mentoring wurde beendet."),
        context={"participation": participation},
    )


@login_required
@require_GET
def aftercare(request: HttpRequest) -> HttpResponse:
    rows = aftercare_worklist(request.user)
    audit_reads(actor=request.user, persons=[r.participation.person for r in rows], purpose="Nachbetreuung")
    return render(
        request,
        "mentoring/aftercare.html",
        {"rows": rows, "figures": placement_figures(request.user)},
    )
