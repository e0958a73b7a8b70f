"""The place forecast page and its XLSX download (aggregates only).

Readers: those of the indicator reports (``indicators.views._region_scope``): the coordination
office and the statistics role for every region, a regional office for its own region(s);
everyone else gets 404. The form is sent with GET (it changes nothing); the forecast is computed
in the request (a fraction of a second on the demo data; ``docs/forecasting.md``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from stufenweg.forecasting import charts, tables
from stufenweg.forecasting.forms import ForecastForm
from stufenweg.forecasting.model import add_months
from stufenweg.forecasting.service import ForecastParams, forecast
from stufenweg.forecasting.xlsx import workbook
from stufenweg.indicators import fmt
from stufenweg.indicators.views import CONTENT_TYPES, _region_scope

FIELDS = ("programme", "as_of", "region", "backtest_from", "suppress_below")


def _params(form: ForecastForm, region_ids) -> ForecastParams:
    data = form.cleaned_data
    return ForecastParams(
        programme=data["programme"],
        as_of=data["as_of"],
        backtest_from=data.get("backtest_from"),
        region_ids=region_ids,
        region=data["region"].pk if data.get("region") else None,
        suppress_below=data.get("suppress_below"),
    )


def _form(request, region_ids) -> ForecastForm:
    today = timezone.localdate()
    submitted = any(name in request.GET for name in FIELDS)
    return ForecastForm(
        request.GET if submitted else None,
        region_ids=region_ids,
        initial={"as_of": today, "backtest_from": add_months(today, -12)},
    )


@login_required
@require_safe
def forecast_page(request):
    region_ids = _region_scope(request.user)  # 404 for anyone who may not read the reports
    form = _form(request, region_ids)
    context = {"form": form, "regional": region_ids is not None}
    if form.is_bound and form.is_valid():
        result = forecast(_params(form, region_ids))
        width, height = charts.pixels()
        names = ["total", "stages", "waiting"] + (["backtest"] if result["backtest"] else [])
        context.update(
            result=result,
            as_of_text=fmt.day(result["as_of"]),
            charts=[
                {
                    "name": n,
                    "alt": charts.alt(n),
                    "src": charts.data_uri(charts.CHARTS[n](result)),
                    "width": width,
                    "height": height,
                }
                for n in names
            ],
            tables=[
                {**t, "rows": [[tables.text(v) for v in row] for row in t["rows"]]}
                for t in tables.build(result)
            ],
            download=request.GET.urlencode(),
        )
    return render(request, "forecasting/forecast.html", context)


@login_required
@require_safe
def download(request):
    region_ids = _region_scope(request.user)
    form = _form(request, region_ids)
    if not form.is_valid():
        return forecast_page(request)
    result = forecast(_params(form, region_ids))
    response = HttpResponse(workbook(result), content_type=CONTENT_TYPES["xlsx"])
    stamp = result["as_of"].strftime("%Y-%m-%d") if isinstance(result["as_of"], dt.date) else ""
    response["Content-Disposition"] = (
        f'attachment; filename="platzprognose-{result["programme"]["code"]}-{stamp}.xlsx"'
    )
    return response
