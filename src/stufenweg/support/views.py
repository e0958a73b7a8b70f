"""The support entries of the participant page (forms in the action panel, as the casework
entries) and the phases of a programme's support plans (programme settings).

Participant forms: 404 outside the read scope, 403 where the user may not write casework for the
participation (``casework.views.common.participation_to_act_on``, the casework rule; for the
referrals to services with the Jobcenter among the writers, ``authority.SERVICE_REFERRING``); the
form page records the read of the person it names. The services check the writer again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stufenweg.casework.views.common import entry_response, form_response, page_url, participation_to_act_on
from stufenweg.core.visibility import scope_of
from stufenweg.programmes.selectors import programmes_visible_to
from stufenweg.support import forms as sf
from stufenweg.support import services
from stufenweg.support.authority import SERVICE_REFERRING, may_configure_phases, phases_refusal
from stufenweg.support.models import ServiceReferral
from stufenweg.support.selectors import phase_names, referral_for


@login_required
@require_http_methods(["GET", "POST"])
def referral_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=sf.ReferralForm,
        title=_("Unterstützungsangebot planen"),
        url_name="support:referral_add",
        save=lambda p, d, u: services.service_referral_plan(
            participation=p, kind=d["kind"], on=d["on"], provider=d["provider"], notes=d["notes"], by=u
        ),
        message=_("Das Unterstützungsangebot wurde gespeichert."),
        kinds=SERVICE_REFERRING,
    )


def _referral(request: HttpRequest, pk: int):
    try:
        referral = referral_for(request.user, pk)
    except ServiceReferral.DoesNotExist:
        raise Http404 from None
    participation = participation_to_act_on(request, referral.participation_id, SERVICE_REFERRING)
    return referral, participation


@login_required
@require_http_methods(["GET", "POST"])
def referral_status(request: HttpRequest, pk: int) -> HttpResponse:
    referral, participation = _referral(request, pk)
    form = sf.ReferralStatusForm(request.POST or None, referral=referral)
    if not form.fields["status"].choices:  # ended or declined: only the correction is left
        raise PermissionDenied(
            _("Diese Vermittlung ist abgeschlossen; ändern lässt sie sich nur durch eine Korrektur.")
        )
    return form_response(
        request,
        form=form,
        title=_("Stand ändern: %(kind)s") % {"kind": referral.get_kind_display()},
        action_url=reverse("support:referral_status", args=[referral.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.service_referral_advance(
            referral=referral, status=form.cleaned_data["status"], on=form.cleaned_data["on"], by=request.user
        ),
        success_message=_("Der Stand des Unterstützungsangebots wurde gespeichert."),
        context={"participation": participation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_correct(request: HttpRequest, pk: int) -> HttpResponse:
    referral, participation = _referral(request, pk)
    form = sf.ReferralCorrectForm(request.POST or None, referral=referral)
    return form_response(
        request,
        form=form,
        title=_("Stand korrigieren: %(kind)s") % {"kind": referral.get_kind_display()},
        action_url=reverse("support:referral_correct", args=[referral.pk]),
        back_url=page_url(participation),
        on_valid=lambda: services.service_referral_correct(
            referral=referral, status=form.cleaned_data["status"], on=form.cleaned_data["on"], by=request.user
        ),
        success_message=_("Die Korrektur wurde gespeichert."),
        context={"participation": participation},
        submit_label=_("Korrigieren"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def barrier_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=sf.BarrierForm,
        title=_("Vermittlungshemmnis erfassen"),
        url_name="support:barrier_add",
        save=lambda p, d, u: services.barrier_record(
            participation=p, kind=d["kind"], present=d["present"], on=d["assessed_on"], notes=d["notes"], by=u
        ),
        message=_("Das Vermittlungshemmnis wurde gespeichert."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=sf.PhaseForm,
        title=_("Phase des Förderplans wechseln"),
        url_name="support:phase_add",
        save=lambda p, d, u: services.phase_change(participation=p, position=d["phase"], on=d["on"], by=u),
        message=_("Der Phasenwechsel wurde gespeichert."),
        form_kwargs=lambda p: {"phases": phase_names(p.programme)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_add(request: HttpRequest, pk: int) -> HttpResponse:
    return entry_response(
        request,
        pk,
        form_class=sf.ProfileForm,
        title=_("Profillage einschätzen"),
        url_name="support:profile_add",
        save=lambda p, d, u: services.profile_record(
            participation=p, category=d["category"], on=d["assessed_on"], by=u
        ),
        message=_("Die Profillage wurde gespeichert."),
    )


# --- the phases of a programme -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def programme_phases(request: HttpRequest, pk: int) -> HttpResponse:
    """The phases of a programme's support plans: members see them (404 for anyone else), the
    coordination office's writing members change them (403 with the reason for the others)."""
    if not scope_of(request.user).staff:
        raise Http404
    programme = get_object_or_404(programmes_visible_to(request.user), pk=pk)
    may_write = may_configure_phases(request.user)
    if request.method == "POST" and not may_write:
        raise PermissionDenied(phases_refusal())
    names = phase_names(programme)
    form = sf.PhasesForm(request.POST or None, initial={"names": "\n".join(names)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.phases_configure(
                    programme=programme, names=form.cleaned_data["names"].splitlines(), by=request.user
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Die Phasen des Förderplans wurden gespeichert."))
                return redirect("support:programme_phases", pk=programme.pk)
        status = 422
    context = {
        "programme": programme,
        "phases": names,
        "form": form if may_write else None,
        "action_url": reverse("support:programme_phases", args=[programme.pk]),
        "back_url": reverse("programmes:programme_detail", args=[programme.pk]),
        "title": _("Phasen des Förderplans"),
    }
    return render(request, "support/programme_phases.html", context, status=status)
