"""The household page (``/personen/haushalte/<pk>/``), its chart and the form for a benefit month.

Outside the viewer's sight a household is a 404; the form is refused with 403 (and the reason)
where ``households.may_record_months`` says no (checked again in ``households.month_record``).
Every member shown is a read of personal data and audited."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from stufenweg.casework.views.common import form_response
from stufenweg.core.audit import audit_reads
from stufenweg.people import households
from stufenweg.people.models import Household, HouseholdMonth

PURPOSE = "Fallbearbeitung"
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _parse_month(value: str) -> dt.date | None:
    match = MONTH_RE.match((value or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        return None
    return dt.date(year, month, 1)


class HouseholdMonthForm(forms.Form):
    month = forms.CharField(
        label=gettext_lazy("Monat"),
        max_length=7,
        help_text=gettext_lazy("im Format JJJJ-MM, zum Beispiel 2024-03; ein erfasster Monat wird ersetzt"),
    )
    members = forms.IntegerField(
        label=gettext_lazy("Personen in der Bedarfsgemeinschaft"), min_value=1, max_value=99
    )
    llu = forms.DecimalField(
        label=gettext_lazy("Regelbedarf (LLU), EUR"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    kdu = forms.DecimalField(
        label=gettext_lazy("Unterkunft und Heizung (KdU), EUR"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        localize=True,
    )

    def clean_month(self) -> dt.date:
        month = _parse_month(self.cleaned_data["month"])
        if month is None:
            raise forms.ValidationError(_("Bitte geben Sie den Monat als JJJJ-MM an, zum Beispiel 2024-03."))
        return month


def _household(request: HttpRequest, pk: int) -> Household:
    try:
        return households.household_for(request.user, pk)
    except Household.DoesNotExist:
        raise Http404 from None


def _audit_members(request, household: Household, members, what: str) -> None:
    audit_reads(
        actor=request.user,
        persons=[m.person for m in members],
        purpose=PURPOSE,
        summary=f"{what} der Bedarfsgemeinschaft {household.pk}",
    )


@login_required
@require_safe
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)
    members, hidden = households.members_seen_by(request.user, household)
    benefits = households.benefits_of(household)
    _audit_members(request, household, members, "Seite")
    context = {
        "household": household,
        "members": members,
        "hidden": hidden,
        "benefits": benefits,
        "outcomes": [
            (households.OUTCOME_LABELS[o], benefits.count(o))
            for o in (households.ENDED, households.REDUCED, households.UNCHANGED)
        ],
        "may_record": households.may_record_months(request.user, household),
    }
    return render(request, "people/household_detail.html", context)


@login_required
@require_safe
def household_chart(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)
    png = households.chart_png(households.benefits_of(household))
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def household_month(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)  # 404 outside the read scope, checked first
    if not households.may_record_months(request.user, household):
        raise PermissionDenied(_("Sie können für diese Bedarfsgemeinschaft keine Leistungsmonate erfassen."))
    initial = {}
    wanted = _parse_month(request.GET.get("monat", ""))
    if wanted is not None:
        row = HouseholdMonth.objects.filter(household=household, month=wanted).first()
        initial = {"month": f"{wanted:%Y-%m}"}
        if row is not None:
            initial.update(members=row.members, llu=row.llu, kdu=row.kdu)
    form = HouseholdMonthForm(request.POST or None, initial=initial)

    def save():
        data = form.cleaned_data
        households.month_record(
            household=household,
            month=data["month"],
            members=data["members"],
            llu=Decimal(data["llu"]),
            kdu=Decimal(data["kdu"]),
            by=request.user,
        )

    back = reverse("people:household_detail", args=[household.pk])
    return form_response(
        request,
        form=form,
        title=_("Leistungsmonat erfassen"),
        action_url=reverse("people:household_month", args=[household.pk]),
        back_url=back + "#h-benefits",
        on_valid=save,
        success_message=_("Der Leistungsmonat wurde gespeichert."),
    )
