"""Pages of the employer contact history and of vacancies (``arbeitgeber/…``). Thin: the
selectors decide what is shown, the services (``organisations.employer_services``) what is
written and by whom; the checks here only answer with a page (403) instead of an error."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stufenweg.core.audit import audit_reads
from stufenweg.journeys.selectors import participations_writable_by
from stufenweg.organisations import employer_services as services
from stufenweg.organisations.authority import may_change_contact, recording_organisations, writes_employers
from stufenweg.organisations.employer_forms import EmployerContactForm, VacancyForm
from stufenweg.organisations.employer_selectors import (
    contacts_visible_to,
    effective_placements,
    vacancies_visible_to,
)
from stufenweg.organisations.views import _employer_crumbs, _employer_for, form_page
from stufenweg.programmes.selectors import programmes_visible_to

READ_PURPOSE = "Arbeitgeberseite"


def _require_writer(request: HttpRequest) -> None:
    if not writes_employers(request.user):
        raise PermissionDenied


def _crumbs(employer) -> list[tuple[str, str]]:
    return [
        *_employer_crumbs(),
        (reverse("organisations:employer_detail", args=[employer.pk]), employer.name),
    ]


def _participations_for(request: HttpRequest, employer, current=None):
    """What a contact may concern: the user's writable participations with an internship or
    employment start at ``employer`` (and the contact's current one)."""
    hosted = effective_placements().filter(employer=employer).values("participation_id")
    rows = participations_writable_by(request.user).filter(pk__in=hosted)
    if current is not None:
        rows = rows | participations_writable_by(request.user).filter(pk=current)
    return rows.select_related("person", "programme").order_by(
        "person__last_name", "person__first_name", "pk"
    )


def _audit_choices(request: HttpRequest, form) -> None:
    """The participation choice shows names: a read row per person shown (GET and re-shown forms)."""
    field = form.fields.get("participation")
    if field is not None:
        persons = [p.person for p in field.queryset]
        if persons:
            audit_reads(
                actor=request.user,
                persons=persons,
                purpose=READ_PURPOSE,
                summary="Teilnehmende zur Auswahl im Arbeitgeberkontakt",
            )


def _contact_form(request: HttpRequest, employer, *, current=None, initial=None) -> EmployerContactForm:
    form = EmployerContactForm(
        request.POST or None,
        initial=initial,
        organisations=recording_organisations(request.user),
        participations=_participations_for(request, employer, current),
        programmes=programmes_visible_to(request.user).order_by("code"),
    )
    if request.method == "GET":
        _audit_choices(request, form)
    return form


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer_for(request, pk)
    _require_writer(request)
    form = _contact_form(request, employer)
    detail = reverse("organisations:employer_detail", args=[employer.pk])
    return form_page(
        request,
        form=form,
        title=_("Kontakt mit %(name)s erfassen") % {"name": employer.name},
        action_url=reverse("organisations:employer_contact_create", args=[employer.pk]),
        back_url=detail,
        on_valid=lambda: services.employer_contact_record(
            employer=employer,
            by=request.user,
            organisation=form.cleaned_data.get("organisation"),
            **form.service_kwargs(),
        ),
        success_message=_("Der Kontakt wurde erfasst."),
        crumbs=_crumbs(employer),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(contacts_visible_to(request.user), pk=pk)
    employer = _employer_for(request, contact.employer_id)
    if not may_change_contact(request.user, contact):
        raise PermissionDenied
    initial = {
        "occurred_on": contact.occurred_on,
        "kind": contact.kind,
        "topic": contact.topic,
        "programme": contact.programme_id,
        "participation": contact.participation_id,
        "notes": contact.notes,
    }
    form = _contact_form(request, employer, current=contact.participation_id, initial=initial)
    form.fields.pop("organisation", None)  # the recording organisation stays
    detail = reverse("organisations:employer_detail", args=[employer.pk])
    return form_page(
        request,
        form=form,
        title=_("Kontakt mit %(name)s bearbeiten") % {"name": employer.name},
        action_url=reverse("organisations:employer_contact_edit", args=[contact.pk]),
        back_url=detail,
        on_valid=lambda: services.employer_contact_update(
            contact=contact, by=request.user, **form.service_kwargs()
        ),
        success_message=_("Der Kontakt wurde gespeichert."),
        crumbs=_crumbs(employer),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer_for(request, pk)
    _require_writer(request)
    form = VacancyForm(request.POST or None, organisations=recording_organisations(request.user))
    detail = reverse("organisations:employer_detail", args=[employer.pk])
    return form_page(
        request,
        form=form,
        title=_("Stelle bei %(name)s erfassen") % {"name": employer.name},
        action_url=reverse("organisations:vacancy_create", args=[employer.pk]),
        back_url=detail,
        on_valid=lambda: services.vacancy_create(
            employer=employer,
            by=request.user,
            organisation=form.cleaned_data.get("organisation"),
            **form.service_kwargs(),
        ),
        success_message=_("Die Stelle wurde erfasst."),
        crumbs=_crumbs(employer),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(vacancies_visible_to(request.user), pk=pk)
    employer = _employer_for(request, vacancy.employer_id)
    _require_writer(request)
    form = VacancyForm(request.POST or None, vacancy=vacancy)
    detail = reverse("organisations:employer_detail", args=[employer.pk])
    return form_page(
        request,
        form=form,
        title=_("Stelle bearbeiten: %(title)s") % {"title": vacancy.title},
        action_url=reverse("organisations:vacancy_edit", args=[vacancy.pk]),
        back_url=detail,
        on_valid=lambda: services.vacancy_update(vacancy=vacancy, by=request.user, **form.service_kwargs()),
        success_message=_("Die Stelle wurde gespeichert.")
        if form.has_changed()
        else _("Es wurde nichts geändert."),
        crumbs=_crumbs(employer),
    )
