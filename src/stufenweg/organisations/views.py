"""Pages of the organisations administration (coordination office) and the employer register
(everyone who works with employers, ``organisations.authority``). Thin: the selectors decide what
is shown, the services what is written; the checks here only answer with a page (403) instead of
an error."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stufenweg.core.audit import audit_write
from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.models import AuditEntry
from stufenweg.core.visibility import scope_of
from stufenweg.organisations import services
from stufenweg.organisations.authority import reads_employers, writes_employers
from stufenweg.organisations.forms import (
    EmployerFilterForm,
    EmployerForm,
    OrganisationFilterForm,
    OrganisationForm,
    RegionForm,
)
from stufenweg.organisations.models import Organisation
from stufenweg.organisations.ordering import NAME_FIELDS, name_key, organisation_key, page_in_order
from stufenweg.organisations.selectors import (
    employers_visible_to,
    organisations_administered_by,
    regions_administered_by,
)

PAGE_SIZE = 50
CONTACT_PURPOSE = "Arbeitgeberkontakt"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def form_page(
    request: HttpRequest,
    *,
    form,
    title: str,
    action_url: str,
    back_url: str,
    on_valid: Callable[[], object],
    success_message: str,
    crumbs: list[tuple[str, str]],
    done_url: Callable[[object], str] | None = None,
) -> HttpResponse:
    """GET: the form. POST: validate, call the service; its ``ValidationError`` goes next to the
    field, nothing is written; on success a message and a redirect (``done_url(result)`` or
    ``back_url``). htmx posts get the form partial back (422 on errors) or ``HX-Redirect``."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = on_valid()
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, success_message)
                target = done_url(result) if done_url else back_url
                if _is_htmx(request):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = target
                    return response
                return HttpResponseRedirect(target)
        status = 422 if _is_htmx(request) else 200
    context = {
        "form": form,
        "title": title,
        "action_url": action_url,
        "back_url": back_url,
        "crumbs": crumbs,
        "submit_label": "",
        "show_title": False,
    }
    template = "casework/partials/form.html" if _is_htmx(request) else "organisations/form_page.html"
    return render(request, template, context, status=status)


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


# --- organisations administration (coordination office) ----------------------------------------


def _require_office_reader(request: HttpRequest) -> None:
    if not scope_of(request.user).everything:
        raise PermissionDenied


def _require_office_writer(request: HttpRequest) -> None:
    if not writes_for_coordination(request.user):
        raise PermissionDenied


def _admin_crumbs() -> list[tuple[str, str]]:
    return [(reverse("organisations:organisation_list"), _("Organisationen"))]


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    _require_office_reader(request)
    filters = OrganisationFilterForm(request.GET or None)
    rows = organisations_administered_by(request.user)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["region"]:
            rows = rows.filter(region=data["region"])
        if data["active"]:
            rows = rows.filter(active=data["active"] == "1")
    page_obj = page_in_order(  # by kind, then German order of the names; one page's member counts
        rows,
        organisation_key,
        _int(request.GET.get("page")),
        per_page=PAGE_SIZE,
        fields=("kind", *NAME_FIELDS),
        rows=lambda page: page.annotate(members=Count("memberships", distinct=True)),
    )
    return render(
        request,
        "organisations/organisation_list.html",
        {"filters": filters, "page_obj": page_obj, "may_write": writes_for_coordination(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require_office_writer(request)
    form = OrganisationForm(request.POST or None, creating=True)
    return form_page(
        request,
        form=form,
        title=_("Organisation anlegen"),
        action_url=reverse("organisations:organisation_create"),
        back_url=reverse("organisations:organisation_list"),
        on_valid=lambda: services.organisation_create(
            code=form.cleaned_data["code"],
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            region=form.cleaned_data["region"],
            by=request.user,
        ),
        success_message=_("Die Organisation wurde angelegt."),
        crumbs=_admin_crumbs(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_office_reader(request)  # outside the office: 403 before looking the id up
    org = get_object_or_404(organisations_administered_by(request.user), pk=pk)
    _require_office_writer(request)
    initial = {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "region": org.region_id,
        "active": org.active,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        title=_("Organisation bearbeiten: %(name)s") % {"name": org.name},
        action_url=reverse("organisations:organisation_edit", args=[org.pk]),
        back_url=reverse("organisations:organisation_list"),
        on_valid=lambda: services.organisation_update(
            organisation=org,
            code=form.cleaned_data["code"],
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            region=form.cleaned_data["region"],
            active=form.cleaned_data["active"],
            by=request.user,
        ),
        success_message=(
            _("Die Organisation wurde gespeichert.") if form.has_changed() else _("Es wurde nichts geändert.")
        ),
        crumbs=_admin_crumbs(),
    )


@login_required
@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    _require_office_reader(request)
    regions = sorted(
        regions_administered_by(request.user).annotate(
            offices=Count("organisations", filter=Q(organisations__kind=Organisation.Kind.REGIONAL_OFFICE)),
            organisations_count=Count("organisations"),
        ),
        key=name_key,
    )
    return render(
        request,
        "organisations/region_list.html",
        {"regions": regions, "may_write": writes_for_coordination(request.user)},
    )


def _region_crumbs() -> list[tuple[str, str]]:
    return [*_admin_crumbs(), (reverse("organisations:region_list"), _("Regionen"))]


@login_required
@require_http_methods(["GET", "POST"])
def region_create(request: HttpRequest) -> HttpResponse:
    _require_office_writer(request)
    form = RegionForm(request.POST or None)
    return form_page(
        request,
        form=form,
        title=_("Region anlegen"),
        action_url=reverse("organisations:region_create"),
        back_url=reverse("organisations:region_list"),
        on_valid=lambda: services.region_create(
            code=form.cleaned_data["code"], name=form.cleaned_data["name"], by=request.user
        ),
        success_message=_("Die Region wurde angelegt."),
        crumbs=_region_crumbs(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def region_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_office_reader(request)
    region = get_object_or_404(regions_administered_by(request.user), pk=pk)
    _require_office_writer(request)
    form = RegionForm(request.POST or None, initial={"code": region.code, "name": region.name})
    return form_page(
        request,
        form=form,
        title=_("Region bearbeiten: %(name)s") % {"name": region.name},
        action_url=reverse("organisations:region_edit", args=[region.pk]),
        back_url=reverse("organisations:region_list"),
        on_valid=lambda: services.region_update(
            region=region, code=form.cleaned_data["code"], name=form.cleaned_data["name"], by=request.user
        ),
        success_message=_("Die Region wurde gespeichert."),
        crumbs=_region_crumbs(),
    )


# --- employer register ---------------------------------------------------------------------------


def _require_employer_reader(request: HttpRequest) -> None:
    if not reads_employers(request.user):
        raise PermissionDenied


def _require_employer_writer(request: HttpRequest) -> None:
    if not writes_employers(request.user):
        raise PermissionDenied


def _employer_crumbs() -> list[tuple[str, str]]:
    return [(reverse("organisations:employer_list"), _("Arbeitgeber"))]


def _employer_for(request: HttpRequest, pk: int) -> Organisation:
    _require_employer_reader(request)
    return get_object_or_404(employers_visible_to(request.user), pk=pk)


def _record_contact_read(request: HttpRequest, employer: Organisation) -> None:
    """The page shows the contact person (personal data, not of a participant): a read row."""
    profile = getattr(employer, "employer_profile", None)
    if profile is not None and any(getattr(profile, n) for n in profile.PERSONAL_FIELDS):
        audit_write(
            actor=request.user,
            action=AuditEntry.Action.READ,
            object_type="organisations.employerprofile",
            object_id=str(employer.pk),
            purpose=CONTACT_PURPOSE,
            summary=f"Ansprechperson des Arbeitgebers {employer.code} angezeigt",
        )


@login_required
@require_GET
def employer_list(request: HttpRequest) -> HttpResponse:
    _require_employer_reader(request)
    filters = EmployerFilterForm(request.GET or None)
    rows = employers_visible_to(request.user)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            rows = rows.filter(Q(name__icontains=data["q"]) | Q(employer_profile__town__icontains=data["q"]))
        if data["sector"]:
            rows = rows.filter(employer_profile__sector=data["sector"])
        if data["region"]:
            rows = rows.filter(region=data["region"])
        if data["active"]:
            rows = rows.filter(active=data["active"] == "1")
    page_obj = page_in_order(
        rows, name_key, _int(request.GET.get("page")), per_page=PAGE_SIZE, fields=NAME_FIELDS
    )
    from stufenweg.organisations.employer_forms import SupportPeriodForm
    from stufenweg.organisations.employer_selectors import support_figures

    period = SupportPeriodForm(request.GET or None)
    date_from, date_to = period.period()
    return render(
        request,
        "organisations/employer_list.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "may_write": writes_employers(request.user),
            "period": period,
            "figures": support_figures(request.user, date_from=date_from, date_to=date_to),
        },
    )


@login_required
@require_GET
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from stufenweg.organisations.employer_selectors import contacts_of, placements_of, vacancies_visible_to

    employer = _employer_for(request, pk)
    _record_contact_read(request, employer)
    contacts = contacts_of(employer, request.user)
    placements = placements_of(employer, request.user)
    _record_participant_reads(request, employer, contacts, placements)
    may_write = writes_employers(request.user)
    if may_write:
        from stufenweg.organisations.authority import contact_changer

        may_change = contact_changer(request.user)
        for contact in contacts:
            contact.may_change = may_change(contact)
    return render(
        request,
        "organisations/employer_detail.html",
        {
            "employer": employer,
            "profile": getattr(employer, "employer_profile", None),
            "may_write": may_write,
            "crumbs": _employer_crumbs(),
            "contacts": contacts,
            "vacancies": list(vacancies_visible_to(request.user).filter(employer=employer)),
            "placements": placements,
        },
    )


def _record_participant_reads(request: HttpRequest, employer: Organisation, contacts, placements) -> None:
    """Participants shown on the employer page (their internships and placements, the contacts
    that concern them; only within the viewer's scope): one read row each."""
    from stufenweg.core.audit import audit_reads

    persons = {c.participant.pk: c.participant for c in contacts if c.participant is not None}
    persons.update({e.participation.person.pk: e.participation.person for e in placements.events})
    if persons:
        audit_reads(
            actor=request.user,
            persons=persons.values(),
            purpose="Arbeitgeberseite",
            summary=f"Praktika, Beschäftigungen und Kontakte beim Arbeitgeber {employer.code}",
        )


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    _require_employer_writer(request)
    form = EmployerForm(request.POST or None, office=writes_for_coordination(request.user))
    return form_page(
        request,
        form=form,
        title=_("Arbeitgeber anlegen"),
        action_url=reverse("organisations:employer_create"),
        back_url=reverse("organisations:employer_list"),
        on_valid=lambda: services.employer_create(by=request.user, **form.service_kwargs()),
        success_message=_("Der Arbeitgeber wurde angelegt."),
        crumbs=_employer_crumbs(),
        done_url=lambda org: reverse("organisations:employer_detail", args=[org.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer_for(request, pk)
    _require_employer_writer(request)
    if request.method == "GET":
        _record_contact_read(request, employer)  # the form shows the contact person
    form = EmployerForm(request.POST or None, office=writes_for_coordination(request.user), employer=employer)
    detail = reverse("organisations:employer_detail", args=[employer.pk])
    return form_page(
        request,
        form=form,
        title=_("Arbeitgeber bearbeiten: %(name)s") % {"name": employer.name},
        action_url=reverse("organisations:employer_edit", args=[employer.pk]),
        back_url=detail,
        on_valid=lambda: services.employer_update(
            employer=employer, by=request.user, **form.service_kwargs()
        ),
        success_message=(
            _("Der Arbeitgeber wurde gespeichert.") if form.has_changed() else _("Es wurde nichts geändert.")
        ),
        crumbs=[*_employer_crumbs(), (detail, employer.name)],
    )
