"""„Fall übernehmen“ and „Fachkraft zuweisen“ on the participant page.

Who may do it and to whom is decided by ``casework.assignment`` (the same rule in the service
``casework.services.caseworker_assign``, on the caseload page and for the buttons)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from stufenweg.casework import services
from stufenweg.casework.assignment import assignment_for
from stufenweg.casework.confirmations import confirmation
from stufenweg.casework.selectors import participation_for
from stufenweg.casework.views.common import form_response, page_url
from stufenweg.journeys.models import Participation
from stufenweg.organisations.models import User
from stufenweg.organisations.ordering import order_choices, staff_key


class CaseworkerForm(forms.Form):
    caseworker = order_choices(
        forms.ModelChoiceField(
            label=_("Fallverantwortliche/r"),
            queryset=User.objects.none(),
            required=False,
            empty_label=_("niemand (Zuordnung aufheben)"),
            help_text=_(
                "Angeboten werden die Fachkräfte der zuständigen Stellen, denen Sie Fälle zuweisen dürfen."
            ),
        ),
        staff_key,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = candidates


def _visible(request: HttpRequest, pk: int) -> Participation:
    try:
        return participation_for(request.user, pk)
    except Participation.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def case_take(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed-in caseworker takes the case over (one button, POST only)."""
    participation = _visible(request, pk)
    try:
        services.case_take(participation=participation, by=request.user)
    except ValidationError:
        raise PermissionDenied(
            _("Sie gehören nicht zu den Fachkräften, die diesen Fall übernehmen können.")
        ) from None
    messages.success(request, confirmation("case_take"))
    return HttpResponseRedirect(page_url(participation))


@login_required
@require_http_methods(["GET", "POST"])
def caseworker_assign(request: HttpRequest, pk: int) -> HttpResponse:
    participation = _visible(request, pk)
    rule = assignment_for(request.user, participation)
    if not rule.allowed:
        raise PermissionDenied(rule.refusal)
    form = CaseworkerForm(
        request.POST or None,
        candidates=rule.candidates(),
        initial={"caseworker": participation.caseworker_id},
    )

    def save():
        chosen = form.cleaned_data["caseworker"]
        services.caseworker_assign(participation=participation, caseworker=chosen, by=request.user)

    chosen = form.data.get("caseworker") if form.is_bound else None
    return form_response(
        request,
        form=form,
        title=str(_("Fachkraft zuweisen")),
        action_url=reverse("casework:caseworker_assign", args=[participation.pk]),
        back_url=page_url(participation),
        on_valid=save,
        success_message=confirmation("caseworker_assign" if chosen else "caseworker_unassign"),
        context={"participation": participation},
        submit_label=_("Zuweisen"),
    )
