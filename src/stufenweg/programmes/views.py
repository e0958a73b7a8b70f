"""Programme administration pages (Verwaltung › Programme): programmes with their settings, stages
with their rules and next stages, caseload ratios with validity dates.

Every member of an organisation sees them (``programmes_visible_to``; anyone else gets a 404);
only the coordination office's writing members change them (``core.authority``): the forms answer
anyone else with 403 and the reason. The services check the same again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.visibility import scope_of
from stufenweg.programmes import services
from stufenweg.programmes.forms import CaseloadRatioForm, ProgrammeForm, StageForm
from stufenweg.programmes.models import CaseloadRatio, Programme, Stage
from stufenweg.programmes.reason_codes import reason_lists
from stufenweg.programmes.selectors import programmes_visible_to


def _require_staff(request: HttpRequest) -> None:
    """Programmes are for members of an organisation; anyone else finds nothing here."""
    if not scope_of(request.user).staff:
        raise Http404


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(programmes_visible_to(request.user), pk=pk)


def _require_writer(request: HttpRequest) -> None:
    """Staff who may not write get 403 with the reason (after the 404 for those who see nothing)."""
    if not writes_for_coordination(request.user):
        raise PermissionDenied(services.programme_refusal())


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal next to the fields it names (the form's own errors otherwise)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(
    request: HttpRequest, form, *, title: str, programme: Programme | None, back_url: str, notice=""
):
    context = {
        "form": form,
        "title": title,
        "programme": programme,
        "back_url": back_url,
        "notice": notice,
    }
    return render(request, "programmes/form_page.html", context, status=422 if form.errors else 200)


REPORT_NOTICE = gettext_noop(
    "Änderungen an den Einstellungen für „in Arbeit“, dem Fenster „beim Austritt“ und dem "
    "Verbleibszeitpunkt gelten für Berichte, die danach erstellt werden. Bereits erstellte Berichte "
    "behalten die Einstellungen, mit denen sie berechnet wurden, auch in ihren Downloads."
)


@login_required
@require_safe
def programme_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    today = timezone.localdate()
    programmes = list(
        programmes_visible_to(request.user)
        .annotate(stage_count=Count("stages"))
        .prefetch_related("caseload_ratios")
        .order_by("code")
    )
    for programme in programmes:
        programme.ratio_today = programme.caseload_ratio_on(today)
    context = {"programmes": programmes, "may_write": writes_for_coordination(request.user)}
    return render(request, "programmes/programme_list.html", context)


@login_required
@require_safe
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        programmes_visible_to(request.user).prefetch_related(
            Prefetch("stages", queryset=Stage.objects.order_by("position").prefetch_related("next_stages")),
            Prefetch("caseload_ratios", queryset=CaseloadRatio.objects.order_by("-valid_from")),
        ),
        pk=pk,
    )
    today = timezone.localdate()
    kinds = dict(ProgrammeForm.base_fields["in_work_kinds"].choices)
    statuses = dict(ProgrammeForm.base_fields["in_work_statuses"].choices)
    context = {
        "programme": programme,
        "stages": list(programme.stages.all()),
        "ratios": list(programme.caseload_ratios.all()),
        "ratio_today": programme.caseload_ratio_on(today),
        "in_work_kinds": [kinds.get(code, code) for code in programme.in_work_kinds or ()],
        "in_work_statuses": [statuses.get(code, code) for code in programme.in_work_statuses or ()],
        "ltu_rule": dict(ProgrammeForm(instance=programme).fields["ltu_rule"].choices).get(
            programme.ltu_rule
        ),
        "may_write": writes_for_coordination(request.user),
        "today": today,
        "reason_lists": reason_lists(programme),
    }
    return render(request, "programmes/programme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    _require_writer(request)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_save(programme=form.apply(), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Das Programm „%(name)s“ wurde angelegt.") % {"name": programme.name})
            return redirect("programmes:programme_detail", pk=programme.pk)
    return _form_page(
        request,
        form,
        title=_("Neues Programm"),
        programme=None,
        back_url=reverse("programmes:programme_list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    _require_writer(request)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_save(programme=form.apply(), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Die Einstellungen des Programms wurden gespeichert."))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return _form_page(
        request,
        form,
        title=_("Programm bearbeiten"),
        programme=programme,
        back_url=reverse("programmes:programme_detail", args=[programme.pk]),
        notice=_(REPORT_NOTICE),
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    _require_writer(request)
    return _stage_form(request, programme, Stage(programme=programme), title=_("Neue Stufe"))


@login_required
@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stage = get_object_or_404(Stage.objects.filter(programme__in=programmes_visible_to(request.user)), pk=pk)
    _require_writer(request)
    return _stage_form(request, stage.programme, stage, title=_("Stufe bearbeiten"))


def _stage_form(request: HttpRequest, programme: Programme, stage: Stage, *, title: str) -> HttpResponse:
    created = stage.pk is None
    form = StageForm(request.POST or None, instance=stage, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_save(
                stage=form.save(commit=False),
                next_stages=list(form.cleaned_data["next_stages"]),
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            message = _("Die Stufe wurde angelegt.") if created else _("Die Stufe wurde gespeichert.")
            messages.success(request, message)
            return redirect(reverse("programmes:programme_detail", args=[programme.pk]) + "#stufen")
    return _form_page(
        request,
        form,
        title=title,
        programme=programme,
        back_url=reverse("programmes:programme_detail", args=[programme.pk]) + "#stufen",
    )


@login_required
@require_POST
def stage_move(request: HttpRequest, pk: int) -> HttpResponse:
    stage = get_object_or_404(
        Stage.objects.select_related("programme").filter(programme__in=programmes_visible_to(request.user)),
        pk=pk,
    )
    _require_writer(request)
    step = {"hoch": -1, "runter": 1}.get(request.POST.get("richtung", ""))
    back = reverse("programmes:programme_detail", args=[stage.programme_id]) + "#stufen"
    if step is None:
        messages.error(request, _("Die Richtung fehlt: „hoch“ oder „runter“."))
        return redirect(back)
    try:
        services.stage_move(stage=stage, step=step, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Reihenfolge der Stufen wurde gespeichert."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def ratio_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    _require_writer(request)
    return _ratio_form(
        request, programme, CaseloadRatio(programme=programme), title=_("Neuer Betreuungsschlüssel")
    )


@login_required
@require_http_methods(["GET", "POST"])
def ratio_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ratio = get_object_or_404(
        CaseloadRatio.objects.select_related("programme").filter(
            programme__in=programmes_visible_to(request.user)
        ),
        pk=pk,
    )
    _require_writer(request)
    return _ratio_form(request, ratio.programme, ratio, title=_("Betreuungsschlüssel korrigieren"))


def _ratio_form(
    request: HttpRequest, programme: Programme, ratio: CaseloadRatio, *, title: str
) -> HttpResponse:
    form = CaseloadRatioForm(request.POST or None, instance=ratio, programme=programme)
    back = reverse("programmes:programme_detail", args=[programme.pk]) + "#schluessel"
    if request.method == "POST" and form.is_valid():
        try:
            services.caseload_ratio_save(ratio=form.save(commit=False), by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Der Betreuungsschlüssel wurde gespeichert."))
            return redirect(back)
    return _form_page(request, form, title=title, programme=programme, back_url=back)
