"""Action forms: journey actions (through journeys.services), corrections, casework entries,
and the referral of a new person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stufenweg.casework import forms as cf
from stufenweg.casework import services
from stufenweg.casework.action_forms import CorrectEventForm, VoidEventForm
from stufenweg.casework.actions import ACTIONS
from stufenweg.casework.area import programmes_in_area, referrers_in_area, regions_in_area
from stufenweg.casework.confirmations import confirmation
from stufenweg.casework.models import Appointment, Goal, PlanAction
from stufenweg.casework.permissions import DELIVERING, acting_organisations
from stufenweg.casework.selectors import goal_for, plan_action_for
from stufenweg.casework.views.common import (
    entry_response,
    form_response,
    page_url,
    participation_to_act_on,
    require_act,
    require_act_on,
)
from stufenweg.journeys import services as journey_services
from stufenweg.journeys.authority import EventNotPermitted, amending_kinds, recording_kinds, refusal_message
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.selectors import events_visible_to
from stufenweg.organisations.models import Organisation
from stufenweg.people.services import person_create


@login_required
@require_http_methods(["GET", "POST"])
def journey_action(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    spec = ACTIONS.get(slug)
    if spec is None:
        raise Http404
    try:
        participation = participation_to_act_on(request, pk, spec.kinds)
    except PermissionDenied:  # with the services' German refusal, as the API and the import say it
        raise EventNotPermitted(refusal_message(spec.event_kind)) from None
    refresh = request.method == "POST" and "_refresh" in request.POST
    if request.method == "POST" and not refresh:
        form = spec.form_class(request.POST, participation=participation, user=request.user)
    else:
        # GET (optionally ?occurred_on=…) or "show free places for this date": an unbound form
        # that keeps what was typed; the date decides which measures are offered
        source = request.POST if refresh else request.GET
        initial = {
            key: source.getlist(key) if len(source.getlist(key)) > 1 else source.get(key) for key in source
        }
        initial.pop("csrfmiddlewaretoken", None)
        form = spec.form_class(None, participation=participation, user=request.user, initial=initial)
    return form_response(
        request,
        form=form,
        title=str(spec.label),
        action_url=reverse("casework:journey_action", args=[participation.pk, slug]),
        back_url=page_url(participation),
        on_valid=form.save,
        success_message=str(spec.done),
        context={"participation": participation, "refreshable": "measure" in form.fields},
        refresh=refresh,
    )


def _event(request: HttpRequest, pk: int, *, void: bool = False):
    event = get_object_or_404(
        events_visible_to(request.user).select_related("participation__person", "participation__programme"),
        pk=pk,
    )
    if event.kind == EventKind.VOID or event.superseded_by.exists():
        raise Http404
    try:
        require_act_on(request, event.participation, amending_kinds(event.kind))
    except PermissionDenied:
        raise EventNotPermitted(refusal_message(EventKind.VOID if void else event.kind, event.kind)) from None
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_correct(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = CorrectEventForm(request.POST or None, event=event, user=request.user)
    return form_response(
        request,
        form=form,
        title=_("Ereignis korrigieren: %(event)s") % {"event": event},
        action_url=reverse("casework:event_correct", args=[event.pk]),
        back_url=page_url(event.participation),
        on_valid=form.save,
        success_message=confirmation("event_correct"),
        context={"participation": event.participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_void(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, void=True)
    form = VoidEventForm(request.POST or None, event=event, user=request.user)
    return form_response(
        request,
        form=form,
        title=_("Ereignis zurücknehmen: %(event)s") % {"event": event},
        action_url=reverse("casework:event_void", args=[event.pk]),
        back_url=page_url(event.participation),
        on_valid=form.save,
        success_message=confirmation("event_void"),
        context={"participation": event.participation},
        submit_label=_("Zurücknehmen"),
    )


# --- casework entries ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=cf.ContactForm,
        title=_("Kontakt erfassen"),
        url_name="casework:contact_add",
        save=lambda p, d, u: services.contact_record(
            participation=p, kind=d["kind"], on=d["occurred_on"], notes=d["notes"], by=u
        ),
        message=confirmation("contact_add"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=cf.AppointmentForm,
        title=_("Termin anlegen"),
        url_name="casework:appointment_add",
        save=lambda p, d, u: services.appointment_schedule(
            participation=p, starts_at=d["starts_at"], kind=d["kind"], place=d["place"], by=u
        ),
        message=confirmation("appointment_add"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=cf.NeedsAssessmentForm,
        title=_("Bedarf einschätzen"),
        url_name="casework:assessment_add",
        save=lambda p, d, u: services.needs_assessment_record(
            participation=p,
            key_area=d["key_area"],
            rating=d["rating"],
            on=d["assessed_on"],
            notes=d["notes"],
            by=u,
        ),
        message=confirmation("assessment_add"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=cf.GoalForm,
        title=_("Ziel im Förderplan anlegen"),
        url_name="casework:goal_add",
        save=lambda p, d, u: services.goal_add(
            participation=p, title=d["title"], key_area=d["key_area"], due_on=d["due_on"], by=u
        ),
        message=confirmation("goal_add"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=cf.PlanActionForm,
        title=_("Schritt im Förderplan anlegen"),
        url_name="casework:plan_action_add",
        save=lambda p, d, u: services.plan_action_add(
            goal=d["goal"],
            description=d["description"],
            responsible=d["responsible"],
            due_on=d["due_on"],
            by=u,
        ),
        message=confirmation("plan_action_add"),
        form_kwargs=lambda p: {"goals": Goal.objects.filter(plan__participation=p)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        action = plan_action_for(request.user, pk)
    except PlanAction.DoesNotExist:
        raise Http404 from None
    participation = participation_to_act_on(request, action.goal.plan.participation_id, DELIVERING)
    form = cf.ProgressForm(request.POST or None, initial={"progress": action.progress})
    return form_response(
        request,
        form=form,
        title=_("Fortschritt: %(step)s") % {"step": action.description},
        action_url=reverse("casework:plan_action_progress", args=[action.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.plan_action_progress(
            action=action, progress=form.cleaned_data["progress"], by=request.user
        ),
        success_message=confirmation("plan_action_progress"),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_status(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        goal = goal_for(request.user, pk)
    except Goal.DoesNotExist:
        raise Http404 from None
    participation = participation_to_act_on(request, goal.plan.participation_id, DELIVERING)
    form = cf.GoalStatusForm(request.POST or None, initial={"status": goal.status})
    return form_response(
        request,
        form=form,
        title=_("Ziel: %(goal)s") % {"goal": goal.title},
        action_url=reverse("casework:goal_status", args=[goal.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.goal_set_status(
            goal=goal, status=form.cleaned_data["status"], by=request.user
        ),
        success_message=confirmation("goal_status"),
        context={"participation": participation},
    )


def _edit_message(form, changed: str) -> str:
    return changed if form.has_changed() else confirmation("nothing_changed")


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a goal's title, key area and due date (in any status; see ``services.goal_edit``)."""
    try:
        goal = goal_for(request.user, pk)
    except Goal.DoesNotExist:
        raise Http404 from None
    participation = participation_to_act_on(request, goal.plan.participation_id, DELIVERING)
    form = cf.GoalEditForm(request.POST or None, goal=goal)
    return form_response(
        request,
        form=form,
        title=_("Ziel bearbeiten"),
        action_url=reverse("casework:goal_edit", args=[goal.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.goal_edit(
            goal=goal,
            title=form.cleaned_data["title"],
            key_area=form.cleaned_data["key_area"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,
        ),
        success_message=_edit_message(form, confirmation("goal_edit")),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a step's text, responsibility, due date and (when done) the day it was done."""
    try:
        action = plan_action_for(request.user, pk)
    except PlanAction.DoesNotExist:
        raise Http404 from None
    participation = participation_to_act_on(request, action.goal.plan.participation_id, DELIVERING)
    form = cf.PlanActionEditForm(request.POST or None, action=action)
    return form_response(
        request,
        form=form,
        title=_("Schritt bearbeiten"),
        action_url=reverse("casework:plan_action_edit", args=[action.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.plan_action_edit(
            action=action,
            description=form.cleaned_data["description"],
            responsible=form.cleaned_data["responsible"],
            due_on=form.cleaned_data["due_on"],
            done_on=form.cleaned_data.get("done_on"),
            by=request.user,
        ),
        success_message=_edit_message(form, confirmation("plan_action_edit")),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_status(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_object_or_404(Appointment, pk=pk)  # 404 below when its participation is hidden
    participation = participation_to_act_on(request, appointment.participation_id, DELIVERING)
    form = cf.AppointmentStatusForm(request.POST or None, initial={"status": appointment.status})
    return form_response(
        request,
        form=form,
        title=_("Termin: Stand ändern"),
        action_url=reverse("casework:appointment_status", args=[appointment.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.appointment_set_status(
            appointment=appointment, status=form.cleaned_data["status"], by=request.user
        ),
        success_message=confirmation("appointment_status"),
        context={"participation": participation},
    )


# --- referral of a new person --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest) -> HttpResponse:
    try:
        require_act(request, recording_kinds(EventKind.REFERRAL))  # the same rule as the button
    except PermissionDenied:
        raise EventNotPermitted(refusal_message(EventKind.REFERRAL)) from None
    own = [o.pk for o in acting_organisations(request.user, frozenset({Organisation.Kind.JOBCENTER}))]
    # a Jobcenter refers for itself; an office records a referral on behalf of a Jobcenter of its
    # area (the form lists them in German order)
    referrers = Organisation.objects.filter(pk__in=own) if own else referrers_in_area(request.user)
    form = cf.ReferForm(
        request.POST or None,
        programmes=programmes_in_area(request.user).filter(active=True).order_by("code"),
        referrers=referrers,
    )
    form.fields["region"].queryset = regions_in_area(request.user)  # the user's area
    created = {}

    @transaction.atomic
    def save():
        d = form.cleaned_data
        person = person_create(
            by=request.user,
            person_id=d["person_id"],
            first_name=d["first_name"],
            last_name=d["last_name"],
            birth_date=d["birth_date"],
            gender=d["gender"],
        )
        event = journey_services.participation_refer(
            person=person,
            programme=d["programme"],
            on=d["occurred_on"],
            referrer=d["referrer"],
            region=d["region"],
            by=request.user,
        )
        created["participation"] = event.participation

    response = form_response(
        request,
        form=form,
        title=_("Person zuweisen"),
        action_url=reverse("casework:refer"),
        back_url=reverse("casework:participant_list"),
        on_valid=save,
        success_message=confirmation("refer"),
        submit_label=_("Zuweisen"),
    )
    if "participation" in created:
        url = page_url(created["participation"])
        if response.has_header("HX-Redirect"):
            response["HX-Redirect"] = url
        else:
            response["Location"] = url
    return response
