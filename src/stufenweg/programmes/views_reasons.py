"""Programme administration: the lists of coded reasons (Verwaltung › Programme › Gründe).

The programme page shows the lists to every member of an organisation; only the coordination
office's writing members add, rename, reorder, deactivate or delete codes (``programmes.services``
checks the same again). A code in use is never deleted, only deactivated."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stufenweg.programmes import services
from stufenweg.programmes.forms import ReasonCodeForm
from stufenweg.programmes.models import Programme, ReasonCode
from stufenweg.programmes.selectors import programmes_visible_to
from stufenweg.programmes.views import _add_errors, _form_page, _programme, _require_writer


def _back(programme_id: int) -> str:
    return reverse("programmes:programme_detail", args=[programme_id]) + "#gruende"


def _reason(request: HttpRequest, pk: int) -> ReasonCode:
    return get_object_or_404(
        ReasonCode.objects.select_related("programme").filter(
            programme__in=programmes_visible_to(request.user)
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reason_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    _require_writer(request)
    initial = {"purpose": request.GET.get("liste", "")} if request.method == "GET" else None
    return _reason_form(
        request, programme, ReasonCode(programme=programme), title=_("Neuer Grund"), initial=initial
    )


@login_required
@require_http_methods(["GET", "POST"])
def reason_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reason = _reason(request, pk)
    _require_writer(request)
    return _reason_form(request, reason.programme, reason, title=_("Grund bearbeiten"))


def _reason_form(request: HttpRequest, programme: Programme, reason: ReasonCode, *, title: str, initial=None):
    created = reason.pk is None
    form = ReasonCodeForm(request.POST or None, instance=reason, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reason_code_save(reason_code=form.save(commit=False), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Der Grund wurde angelegt.") if created else _("Der Grund wurde gespeichert.")
            )
            return redirect(_back(programme.pk))
    return _form_page(request, form, title=title, programme=programme, back_url=_back(programme.pk))


@login_required
@require_POST
def reason_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reason = _reason(request, pk)
    _require_writer(request)
    try:
        services.reason_code_delete(reason_code=reason, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Der Grund wurde gelöscht."))
    return redirect(_back(reason.programme_id))
