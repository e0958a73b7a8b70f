"""Helpers shared by the casework views: the form page/partial pattern and permission checks."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from stufenweg.casework.action_forms import apply_rule_error
from stufenweg.casework.permissions import DELIVERING, can_act
from stufenweg.casework.selectors import may_act_on, participation_for
from stufenweg.core.audit import audit_read
from stufenweg.journeys.models import Participation
from stufenweg.journeys.rules import JourneyRuleError

FORM_PURPOSE = "Fallbearbeitung"


def require_act(request: HttpRequest, kinds: frozenset[str] = DELIVERING) -> None:
    """Refuse (403) users without an acting role in one of ``kinds`` (pages that are not about an
    existing participation; for one, use ``require_act_on``)."""
    if not can_act(request.user, kinds):
        raise PermissionDenied


def require_act_on(
    request: HttpRequest, participation: Participation, kinds: frozenset[str] = DELIVERING
) -> None:
    """Refuse (403) unless the user may act on this ``participation`` (already looked up through
    the read scope) through a writing membership in an organisation of ``kinds`` that sees it."""
    if not may_act_on(request.user, participation, kinds):
        raise PermissionDenied


def participation_to_act_on(
    request: HttpRequest, pk: int, kinds: frozenset[str] = DELIVERING
) -> Participation:
    """The participation ``pk`` for a write: 404 outside the user's read scope (checked first, as
    for a missing one), 403 when visible but outside the acting scope for ``kinds``."""
    try:
        participation = participation_for(request.user, pk)
    except Participation.DoesNotExist:
        raise Http404 from None
    require_act_on(request, participation, kinds)
    return participation


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _on_own_page(request: HttpRequest, action_url: str) -> bool:
    """True when an htmx request comes from the form's own page (which has the heading)."""
    current = request.headers.get("HX-Current-URL", "")
    return urlsplit(current).path == urlsplit(action_url).path


def form_response(
    request: HttpRequest,
    *,
    form,
    title: str,
    action_url: str,
    back_url: str,
    on_valid: Callable[[], object],
    success_message: str,
    context: dict | None = None,
    submit_label: str = "",
    refresh: bool = False,
) -> HttpResponse:
    """GET: show the form. POST: validate and call ``on_valid`` (a service); on a rule
    violation put the German message next to the field and show the form again (422 for htmx,
    200 without JavaScript); on success redirect to ``back_url``. Nothing is saved on error."""
    status = 200
    if request.method == "POST" and not refresh:
        if form.is_valid():
            try:
                on_valid()
            except JourneyRuleError as exc:
                apply_rule_error(form, exc)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, success_message)
                if is_htmx(request):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = back_url
                    return response
                return HttpResponseRedirect(back_url)
        status = 422 if is_htmx(request) else 200
    participation = (context or {}).get("participation")
    if participation is not None:  # the form page names the person (breadcrumb): record the read
        audit_read(actor=request.user, person=participation.person, purpose=FORM_PURPOSE)
    ctx = {
        "form": form,
        "title": title,
        "action_url": action_url,
        "back_url": back_url,
        "submit_label": submit_label,
        "show_title": is_htmx(request) and not _on_own_page(request, action_url),
        **(context or {}),
    }
    template = "casework/partials/form.html" if is_htmx(request) else "casework/form_page.html"
    return render(request, template, ctx, status=status)


def page_url(participation: Participation) -> str:
    return f"{reverse('casework:participant_detail', args=[participation.person_id])}?teilnahme={participation.pk}"


def entry_response(
    request,
    pk,
    *,
    form_class,
    title,
    url_name,
    save,
    message,
    form_kwargs=None,
    back=page_url,
    kinds: frozenset[str] = DELIVERING,
):
    """The form page of a casework entry on a participation (contact, appointment, barrier …):
    404/403 by the casework rule (``kinds``: the organisation kinds that write the entry),
    ``save(participation, cleaned_data, user)`` on a valid form, then back to
    ``back(participation)`` (the participant page unless told)."""
    participation = participation_to_act_on(request, pk, kinds)
    form = form_class(request.POST or None, **(form_kwargs(participation) if form_kwargs else {}))
    return form_response(
        request,
        form=form,
        title=title,
        action_url=reverse(url_name, args=[participation.pk]),
        back_url=back(participation),
        on_valid=lambda: save(participation, form.cleaned_data, request.user),
        success_message=message,
        context={"participation": participation},
    )
