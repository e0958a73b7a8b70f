"""Pages of the early warning: the worklist of warned participants, the decision form, the model
page of a programme (switch, training, coefficients, fairness audit) and its XLSX report.

The worklist and the decision form show persons: 404 without personal-data scope, reads recorded
(``core.audit``). The model pages show no person (coefficients and suppressed aggregates): open
to members of an organisation (404 for anyone else). Writes are checked again in the services."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stufenweg.casework.views.common import page_url
from stufenweg.core.audit import audit_read, audit_reads
from stufenweg.core.params import parse_id
from stufenweg.core.visibility import scope_of
from stufenweg.earlywarning import authority, services
from stufenweg.earlywarning.fairness import DIMENSIONS, FIGURES, group_label
from stufenweg.earlywarning.features import feature_label
from stufenweg.earlywarning.forms import DecisionForm, SettingForm
from stufenweg.earlywarning.models import RiskModel
from stufenweg.earlywarning.scoring import current_model
from stufenweg.earlywarning.selectors import enabled_models, latest_decisions, risk_for
from stufenweg.earlywarning.selectors import worklist as worklist_items
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.programmes.selectors import programmes_visible_to

AUDIT_PURPOSE = "Frühwarnung"
PAGE_SIZE = 25
WEAK_AUC = 0.65  # below this the model page advises against switching the warning on


def _require_personal_data(request: HttpRequest) -> None:
    if not scope_of(request.user).personal_data:
        raise PermissionDenied(_("Die Frühwarnung zeigt Teilnehmende; Ihre Rolle sieht keine."))


def _require_staff(request: HttpRequest) -> None:
    if not scope_of(request.user).staff:
        raise PermissionDenied(_("Nur Mitglieder einer Organisation sehen die Modelle der Frühwarnung."))


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    _require_personal_data(request)
    mine = request.GET.get("meine") == "1"
    open_only = request.GET.get("offen") == "1"
    models = enabled_models()
    programmes = list(programmes_visible_to(request.user).filter(pk__in=list(models)).order_by("code"))
    programme_id = parse_id(request.GET.get("programm"))
    if programme_id not in {p.pk for p in programmes}:
        programme_id = None
    items = worklist_items(request.user, mine=mine, programme_id=programme_id, open_only=open_only)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("seite"))
    audit_reads(
        actor=request.user, persons=[item.participation.person for item in page], purpose=AUDIT_PURPOSE
    )
    context = {
        "page_obj": page,
        "items": list(page),
        "decidable": authority.decidable_ids(request.user, [item.participation.pk for item in page]),
        "total": len(items),
        "mine": mine,
        "open_only": open_only,
        "programmes": programmes,
        "programme_id": programme_id,
        "any_enabled": bool(models),
    }
    return render(request, "earlywarning/worklist.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        participation = (
            participations_visible_to(request.user).select_related("person", "programme").get(pk=pk)
        )
    except Participation.DoesNotExist:
        raise Http404 from None
    if not authority.may_decide(request.user, participation):
        raise PermissionDenied(authority.decide_refusal())
    found = risk_for(participation)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.decision_record(
                    participation=participation,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Ihre Entscheidung zur Frühwarnung wurde gespeichert."))
                return redirect(page_url(participation))
        status = 422
    audit_read(actor=request.user, person=participation.person, purpose=AUDIT_PURPOSE)
    context = {
        "participation": participation,
        "model": found[0] if found else None,
        "risk": found[1] if found else None,
        "decision": latest_decisions([participation.pk]).get(participation.pk),
        "form": form,
        "back_url": page_url(participation),
    }
    return render(request, "earlywarning/decide.html", context, status=status)


@login_required
@require_GET
def model_index(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    rows = []
    for programme in programmes_visible_to(request.user).order_by("code"):
        rows.append(
            {
                "programme": programme,
                "setting": services.setting_of(programme),
                "model": current_model(programme.pk),
            }
        )
    return render(request, "earlywarning/model_index.html", {"rows": rows})


def _coefficient_rows(model: RiskModel, stage_names: dict[str, str]) -> list[dict]:
    rows = [
        {"label": feature_label(name, stage_names), "coefficient": coef, "mean": mean}
        for name, coef, mean in zip(model.features, model.coefficients, model.means, strict=True)
    ]
    rows.sort(key=lambda r: -abs(r["coefficient"]))
    return rows


def _fairness_rows(model: RiskModel) -> list[dict]:
    out = []
    for dim, title in DIMENSIONS.items():
        groups = [
            {"label": _(group_label(dim, row["group"])), **{f: row[f] for f in FIGURES}}
            for row in (model.fairness.get("dimensions") or {}).get(dim, [])
        ]
        out.append({"key": dim, "title": _(title), "groups": groups})
    return out


def _programme_page(request: HttpRequest, programme, *, setting_form=None, status: int = 200) -> HttpResponse:
    setting = services.setting_of(programme)
    may_configure = authority.may_configure(request.user)
    if setting_form is None and may_configure:
        setting_form = SettingForm(initial={"enabled": setting.enabled, "horizon_days": setting.horizon_days})
    model = current_model(programme.pk)
    stage_names = dict(programme.stages.values_list("code", "name"))
    context = {
        "programme": programme,
        "setting": setting,
        "may_configure": may_configure,
        "setting_form": setting_form if may_configure else None,
        "model": model,
        "coefficients": _coefficient_rows(model, stage_names) if model else [],
        "fairness": _fairness_rows(model) if model else [],
        "total": model.fairness.get("total") if model else None,
        "min_persons": model.fairness.get("min_persons") if model else None,
        "history": list(RiskModel.objects.filter(programme=programme)[:10]),
        "weak_auc": WEAK_AUC,
    }
    return render(request, "earlywarning/programme_model.html", context, status=status)


def _programme(request: HttpRequest, pk: int):
    if not scope_of(request.user).staff:
        raise Http404
    return get_object_or_404(programmes_visible_to(request.user), pk=pk)


@login_required
@require_GET
def programme_model(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_page(request, _programme(request, pk))


@login_required
@require_POST
def setting_change(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    if not authority.may_configure(request.user):
        raise PermissionDenied(authority.configure_refusal())
    form = SettingForm(request.POST)
    if form.is_valid():
        try:
            services.setting_change(
                programme=programme,
                enabled=form.cleaned_data["enabled"],
                horizon_days=form.cleaned_data["horizon_days"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Die Einstellung der Frühwarnung wurde gespeichert."))
            return redirect("earlywarning:programme_model", pk=programme.pk)
    return _programme_page(request, programme, setting_form=form, status=422)


@login_required
@require_POST
def training_request(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    if not authority.may_configure(request.user):
        raise PermissionDenied(authority.configure_refusal())
    try:
        model = services.training_request(programme=programme, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("earlywarning:programme_model", pk=programme.pk)
    model.refresh_from_db()
    if model.status == RiskModel.Status.DONE:
        messages.success(request, _("Das Modell wurde neu trainiert."))
    elif model.status == RiskModel.Status.FAILED:
        messages.error(request, _(model.message) or _("Das Training ist fehlgeschlagen."))
    else:
        messages.info(
            request, _("Das Training wurde angestoßen; die Seite zeigt das Ergebnis, sobald es fertig ist.")
        )
    return redirect("earlywarning:programme_model", pk=programme.pk)


@login_required
@require_GET
def fairness_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The report of the programme's current model (404 when there is none)."""
    programme = _programme(request, pk)
    model = current_model(programme.pk)
    if model is None:
        raise Http404
    from stufenweg.earlywarning.report import fairness_workbook

    buffer = io.BytesIO()
    stage_names = dict(model.programme.stages.values_list("code", "name"))
    fairness_workbook(
        buffer,
        model=model,
        coefficients=_coefficient_rows(model, stage_names),
        fairness=_fairness_rows(model),
    )
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"fruehwarnung-{slugify(model.programme.code)}-{model.trained_at:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def programme_url(programme) -> str:
    return reverse("earlywarning:programme_model", args=[programme.pk])
