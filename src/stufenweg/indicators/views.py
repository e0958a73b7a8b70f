"""Report pages: form, background run with progress, result tables, charts, downloads; targets.

Coordination office: all regions. Regional office: the report is restricted to its region(s).
Everyone else gets 404. Reports contain aggregates only, never names.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.core.authority import writes_for_coordination
from stufenweg.core.visibility import scope_of
from stufenweg.indicators import fmt
from stufenweg.indicators.charts import CHARTS, pixels, render_chart
from stufenweg.indicators.definitions import BY_ID
from stufenweg.indicators.forms import ReportForm, TargetForm
from stufenweg.indicators.models import ReportRun
from stufenweg.indicators.presenting import indicator_label, localise, present, target_value
from stufenweg.indicators.tasks import generate_report
from stufenweg.organisations.models import Region
from stufenweg.programmes.models import Target
from stufenweg.programmes.services import target_refusal, target_save

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
CHART_DPI = 110


def _region_scope(user):
    """None = all regions (coordination office, statistics role: aggregates only); a tuple of
    region ids for regional offices; 404 for everyone else."""
    scope = scope_of(user)
    if scope.everything or scope.statistics:
        return None
    if scope.region_ids:
        return tuple(sorted(scope.region_ids))
    raise Http404


def _run_for(request, pk) -> ReportRun:
    _region_scope(request.user)
    return get_object_or_404(ReportRun.objects.select_related("programme"), pk=pk, created_by=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def report(request):
    region_ids = _region_scope(request.user)
    today = timezone.localdate()
    form = ReportForm(
        request.POST or None,
        initial={"date_from": dt.date(today.year, 1, 1), "date_to": today},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded_on = None
        if data.get("recorded_on"):
            recorded_on = timezone.make_aware(
                dt.datetime.combine(data["recorded_on"], dt.time.max)
            ).isoformat()
        region_codes = (
            list(Region.objects.filter(id__in=region_ids).values_list("code", flat=True))
            if region_ids
            else []
        )
        run = ReportRun.objects.create(
            created_by=request.user,
            programme=data["programme"],
            params={
                "from": data["date_from"].isoformat(),
                "to": data["date_to"].isoformat(),
                "as_of": data["as_of"].isoformat() if data.get("as_of") else None,
                "recorded_on": recorded_on or timezone.now().isoformat(),
                "by": list(data.get("by") or []),
                "suppress_below": data.get("suppress_below"),
                "region_ids": list(region_ids) if region_ids is not None else None,
                "region_codes": region_codes,
                # the programme's settings at this moment: the run and its downloads keep them
                "settings": data["programme"].report_settings(),
            },
        )
        generate_report.enqueue(run.pk)
        return redirect("indicators:run", pk=run.pk)
    runs = list(ReportRun.objects.filter(created_by=request.user).select_related("programme")[:10])
    for r in runs:
        r.period_text = " – ".join(
            fmt.day(dt.date.fromisoformat(r.params[k])) if r.params.get(k) else "–" for k in ("from", "to")
        )
    return render(
        request,
        "indicators/report_form.html",
        {"form": form, "runs": runs, "regional": region_ids is not None},
    )


@login_required
@require_safe
def run_detail(request, pk):
    run = _run_for(request, pk)
    context = {"run": run}
    if run.status == ReportRun.Status.DONE:
        report = present(run.result)
        context["report"] = report
        context["charts"] = [
            {"name": name, "title": report["charts"][name]["title"], "size": pixels(report, name, CHART_DPI)}
            for name in CHARTS
            if name != "targets" or report["charts"]["targets"]["labels"]
        ]
    template = (
        "indicators/_run_status.html"
        if request.htmx and run.status != ReportRun.Status.DONE
        else "indicators/run.html"
    )
    response = render(request, template, context)
    if request.htmx and run.status == ReportRun.Status.DONE:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_safe
def chart(request, pk, name):
    run = _run_for(request, pk)
    if run.status != ReportRun.Status.DONE or name not in CHARTS:
        raise Http404
    return HttpResponse(render_chart(localise(run.result), name, dpi=CHART_DPI), content_type="image/png")


@login_required
@require_safe
def download(request, pk, fmt):
    run = _run_for(request, pk)
    if run.status != ReportRun.Status.DONE or fmt not in CONTENT_TYPES:
        raise Http404
    from stufenweg.indicators import render as renderers
    from stufenweg.indicators.results import contract_report
    from stufenweg.indicators.tasks import params_from_run

    # CSV: ?variante=excel (default: for German Excel) or ?variante=maschinell (the contract's CSV)
    variant = request.GET.get("variante") or renderers.CSV_EXCEL
    if fmt == "csv" and variant not in renderers.CSV_VARIANTS:
        message = _("Unbekannte CSV-Variante; möglich sind: %(variants)s.")
        return HttpResponseBadRequest(
            message % {"variants": ", ".join(renderers.CSV_VARIANTS)},
            content_type="text/plain; charset=utf-8",
        )
    if fmt in ("xlsx", "pdf"):
        data = renderers.render_standard(run.result, fmt)
    else:
        contract = contract_report(params_from_run(run))
        data = renderers.to_json(contract) if fmt == "json" else renderers.to_csv(contract, variant)
    name = f"bericht-{run.programme.code}-{run.pk}"
    if fmt == "csv" and variant == renderers.CSV_MACHINE:
        name += "-maschinell"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def targets(request):
    """The targets; every member of the coordination office sees them, only a writing member gets
    the form (a read-only member's POST is refused with 403 and the reason)."""
    if not scope_of(request.user).everything:
        raise Http404
    if not writes_for_coordination(request.user):
        refused = request.method == "POST"
        return _targets_page(request, None, status=403 if refused else 200, refused=refused)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target_save(target=form.save(commit=False), by=request.user)
        return redirect("indicators:targets")
    return _targets_page(request, form)


def _targets_page(request, form: TargetForm | None, *, status: int = 200, refused: bool = False):
    rows = list(
        Target.objects.select_related("programme", "region", "stage").order_by(
            "programme__code", "indicator", "period_from"
        )
    )
    for t in rows:
        t.indicator_text = indicator_label(BY_ID[t.indicator]) if t.indicator in BY_ID else ""
        t.period_text = f"{fmt.day(t.period_from)} – {fmt.day(t.period_to)}"
        t.target_text = target_value(t.indicator, float(t.target))  # a rate's as a percentage
    context = {
        "form": form,
        "targets": rows,
        "refusal": target_refusal() if form is None else "",
        "refused": refused,
    }
    return render(request, "indicators/targets.html", context, status=status)
