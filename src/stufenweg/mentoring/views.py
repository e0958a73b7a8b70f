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
from stufenweg.core.params import parse_id
from stufenweg.journeys.models import Participation
from stufenweg.mentoring import forms as mf
from stufenweg.mentoring import services
from stufenweg.mentoring.authority import (
    assigning_projects,
    default_setting_projects,
    default_setting_refusal,
    may_write_mentorship,
    mentor_candidates,
    reads_mentoring,
    refusal,
    require_entry_editor,
)
from stufenweg.mentoring.models import DEFAULT_SUPPORT_MONTHS, AftercareDefault, MentoringEntry, Mentorship
from stufenweg.mentoring.selectors import aftercare_worklist, placement_figures
from stufenweg.organisations.models import User
from stufenweg.organisations.ordering import name_key
from stufenweg.programmes.models import Measure, Programme


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


def _section_form(request, participation, *, form, title, action_url, on_valid, message) -> HttpResponse:
    """A form of the participant page's mentoring section: back to the participant page, which
    names the person (``form_response`` records the read)."""
    return form_response(
        request,
        form=form,
        title=title,
        action_url=action_url,
        back_url=page_url(participation),
        on_valid=on_valid,
        success_message=message,
        context={"participation": participation},
    )


def _entry_fields(form) -> dict:
    """The service's arguments from a valid ``EntryForm`` (recording and correcting alike)."""
    data = form.cleaned_data
    return {
        name: data[name] for name in ("occurred_on", "kind", "topic", "notes", "employer", "employer_topic")
    }


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
    return _section_form(
        request,
        participation,
        form=form,
        title=_("Mentorin/Mentor zuordnen"),
        action_url=reverse("mentoring:mentorship_add", args=[participation.pk]),
        on_valid=lambda: services.mentorship_assign(
            participation=participation,
            organisation=form.cleaned_data["organisation"],
            mentor=form.cleaned_data["mentor"],
            started_on=form.cleaned_data["started_on"],
            ended_on=form.cleaned_data["ended_on"],
            by=request.user,
        ),
        message=_("Das Mentoring wurde gespeichert."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship, participation = _mentorship(request, pk)
    form = mf.EntryForm(request.POST or None)
    return _section_form(
        request,
        participation,
        form=form,
        title=_("Mentoring-Eintrag erfassen"),
        action_url=reverse("mentoring:entry_add", args=[mentorship.pk]),
        on_valid=lambda: services.mentoring_entry_record(
            mentorship=mentorship, **_entry_fields(form), by=request.user
        ),
        message=_("Der Mentoring-Eintrag wurde gespeichert."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a log entry: 404 outside the read scope, 403 for others than its author, the mentor
    and the project's lead (``mentoring.authority.entry_editable``)."""
    try:
        entry = MentoringEntry.objects.select_related("mentorship", "employer_contact").get(pk=pk)
    except MentoringEntry.DoesNotExist:
        raise Http404 from None
    participation = _participation(request, entry.mentorship.participation_id)
    require_entry_editor(request.user, entry)  # 403 with the reason
    form = mf.EntryForm(request.POST or None, initial=mf.EntryForm.initial_of(entry))
    return _section_form(
        request,
        participation,
        form=form,
        title=_("Mentoring-Eintrag berichtigen"),
        action_url=reverse("mentoring:entry_edit", args=[entry.pk]),
        on_valid=lambda: services.mentoring_entry_correct(
            entry=entry, **_entry_fields(form), by=request.user
        ),
        message=_("Der Mentoring-Eintrag wurde berichtigt; die frühere Fassung bleibt erhalten."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_add(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship, participation = _mentorship(request, pk)
    form = mf.AftercareForm(
        request.POST or None,
        placements=services.placements(participation),
        default_months=services.default_support_months(mentorship),
    )
    return _section_form(
        request,
        participation,
        form=form,
        title=_("Nachbetreuung beginnen"),
        action_url=reverse("mentoring:aftercare_add", args=[mentorship.pk]),
        on_valid=lambda: services.after_placement_support_start(
            mentorship=mentorship,
            placement=form.cleaned_data["placement"],
            months=form.cleaned_data["months"],
            by=request.user,
        ),
        message=_("Die Nachbetreuung wurde gespeichert."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def mentorship_end(request: HttpRequest, pk: int) -> HttpResponse:
    mentorship, participation = _mentorship(request, pk)
    form = mf.EndForm(request.POST or None)
    return _section_form(
        request,
        participation,
        form=form,
        title=_("Mentoring beenden"),
        action_url=reverse("mentoring:mentorship_end", args=[mentorship.pk]),
        on_valid=lambda: services.mentorship_end(
            mentorship=mentorship, ended_on=form.cleaned_data["ended_on"], by=request.user
        ),
        message=_("Das Mentoring wurde beendet."),
    )


@login_required
@require_GET
def aftercare(request: HttpRequest) -> HttpResponse:
    rows = aftercare_worklist(request.user)
    audit_reads(actor=request.user, persons=[r.participation.person for r in rows], purpose="Nachbetreuung")
    return render(
        request,
        "mentoring/aftercare.html",
        {
            "rows": rows,
            "figures": placement_figures(request.user),
            "sets_defaults": default_setting_projects(request.user).exists(),
        },
    )


def _default_rows(projects) -> list[dict]:
    """Per project: the programmes it provides a measure in (and those with a default set), with
    the default months (None: ``DEFAULT_SUPPORT_MONTHS``). Three queries."""
    projects = sorted(projects, key=name_key)
    ids = [p.pk for p in projects]
    pairs = set(Measure.objects.filter(provider_id__in=ids).values_list("provider_id", "programme_id"))
    defaults = {
        (d.organisation_id, d.programme_id): d.months
        for d in AftercareDefault.objects.filter(organisation_id__in=ids)
    }
    pairs |= set(defaults)
    programmes = Programme.objects.in_bulk({programme for _org, programme in pairs})
    rows = []
    for project in projects:
        for programme in sorted(
            (programmes[pr] for org, pr in pairs if org == project.pk), key=lambda p: (p.code, p.pk)
        ):
            rows.append(
                {
                    "organisation": project,
                    "programme": programme,
                    "months": defaults.get((project.pk, programme.pk)),
                }
            )
    return rows


@login_required
@require_GET
def aftercare_defaults(request: HttpRequest) -> HttpResponse:
    """The default months of after-placement support per project and programme: the projects'
    leads and the coordination office's writers (403 for others)."""
    projects = default_setting_projects(request.user)
    if not projects.exists():
        _refuse_default_setting()
    return render(
        request,
        "mentoring/aftercare_defaults.html",
        {"rows": _default_rows(projects), "standard": DEFAULT_SUPPORT_MONTHS},
    )


def _refuse_default_setting() -> None:
    raise PermissionDenied(default_setting_refusal())


@login_required
@require_http_methods(["GET", "POST"])
def aftercare_default_edit(request: HttpRequest) -> HttpResponse:
    """The form for one project and programme (preselected by ``?projekt=&programm=``, ids only);
    403 for users who set no project's defaults, the service checks the chosen project again."""
    projects = default_setting_projects(request.user)
    if not projects.exists():
        _refuse_default_setting()
    initial = {}
    project_id, programme_id = parse_id(request.GET.get("projekt")), parse_id(request.GET.get("programm"))
    if project_id is not None and programme_id is not None:
        initial = {"organisation": project_id, "programme": programme_id}
        current = AftercareDefault.objects.filter(
            organisation_id=project_id, programme_id=programme_id
        ).first()
        initial["months"] = current.months if current else DEFAULT_SUPPORT_MONTHS
    form = mf.AftercareDefaultForm(request.POST or None, initial=initial, projects=projects)
    return form_response(
        request,
        form=form,
        title=_("Dauer der Nachbetreuung festlegen"),
        action_url=reverse("mentoring:aftercare_default_edit"),
        back_url=reverse("mentoring:aftercare_defaults"),
        on_valid=lambda: services.aftercare_default_set(
            organisation=form.cleaned_data["organisation"],
            programme=form.cleaned_data["programme"],
            months=form.cleaned_data["months"],
            by=request.user,
        ),
        success_message=_("Die Dauer der Nachbetreuung wurde gespeichert."),
    )
