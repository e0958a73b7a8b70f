"""The household page (``/personen/haushalte/<pk>/``), its chart and the form for a benefit month.

Outside the viewer's sight a household is a 404; the form is refused with 403 (and the reason)
where ``households.may_record_months`` says no (checked again in ``households.month_record``).
Every member shown is a read of personal data and audited."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from stufenweg.casework.views.common import form_response
from stufenweg.core.audit import audit_reads
from stufenweg.people import household_files, households
from stufenweg.people.models import Household, HouseholdMonth

PURPOSE = "Fallbearbeitung"
SHOWN_PROBLEMS = 100
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


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei mit Leistungsmonaten"),
        help_text=gettext_lazy(
            "households.csv des Austauschformats (Spalten household_id, month, members, llu, kdu; "
            "UTF-8, Komma oder Semikolon) oder eine XLSX-Arbeitsmappe mit dem Blatt „households“. "
            "Jede Zeile nennt diese Bedarfsgemeinschaft; ein erfasster Monat wird ersetzt. Bei einem "
            "Fehler wird nichts gespeichert."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


@dataclass(frozen=True)
class NoBenefitRun:
    """Consecutive months without a recorded benefit and with the same outcome, shown as one row."""

    first: dt.date
    last: dt.date
    months: int
    outcome_label: str

    recorded = False
    run = True


def table_rows(benefits: households.Benefits, *, shortest: int = 2) -> list:
    """The benefit table's rows: every recorded month on its own, runs of at least ``shortest``
    months without a row (same outcome) collapsed into one ``NoBenefitRun``."""
    rows: list = []
    pending: list[households.BenefitMonth] = []

    def flush():
        if len(pending) >= shortest:
            rows.append(
                NoBenefitRun(pending[0].month, pending[-1].month, len(pending), pending[0].outcome_label)
            )
        else:
            rows.extend(pending)
        pending.clear()

    for month in benefits.months:
        if not month.recorded and (not pending or pending[-1].outcome == month.outcome):
            pending.append(month)
            continue
        flush()
        if month.recorded:
            rows.append(month)
        else:
            pending.append(month)
    flush()
    return rows


def _detail_context(request, household: Household) -> dict:
    members, hidden = households.members_seen_by(request.user, household)
    benefits = households.benefits_of(household)
    _audit_members(request, household, members, "Seite")
    may_record = households.may_record_months(request.user, household)
    return {
        "household": household,
        "members": members,
        "hidden": hidden,
        "benefits": benefits,
        "rows": table_rows(benefits),
        "outcomes": [
            (households.OUTCOME_LABELS[o], benefits.count(o))
            for o in (households.ENDED, households.REDUCED, households.UNCHANGED)
        ],
        "may_record": may_record,
        "upload_form": UploadForm() if may_record else None,
    }


@login_required
@require_safe
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household(request, pk)
    return render(request, "people/household_detail.html", _detail_context(request, household))


@login_required
@require_POST
def household_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of benefit months for this household (``household_files.months_upload``): all or
    nothing; the problems (row, column, German message) on the page, the form open again."""
    household = _household(request, pk)  # 404 outside the read scope, checked first
    if not households.may_record_months(request.user, household):
        raise PermissionDenied(_("Sie können für diese Bedarfsgemeinschaft keine Leistungsmonate erfassen."))
    form = UploadForm(request.POST, request.FILES)
    problems: list = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > household_files.MAX_BYTES:
            form.add_error("file", _("Die Datei ist größer als 2 MB."))
        else:
            result = household_files.months_upload(
                household=household, data=upload.read(), name=upload.name, by=request.user
            )
            if result.ok:
                messages.success(
                    request,
                    _(
                        "Die Datei wurde übernommen (Monate: %(created)s neu, %(updated)s geändert, "
                        "%(unchanged)s unverändert)."
                    )
                    % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
                )
                return HttpResponseRedirect(
                    reverse("people:household_detail", args=[household.pk]) + "#h-benefits"
                )
            problems = result.problems
            form.add_error(
                "file",
                _("Die Datei wurde nicht übernommen (%(n)s Fehler, siehe unten); nichts wurde gespeichert.")
                % {"n": len(problems)},
            )
    context = _detail_context(request, household)
    context.update(upload_form=form, upload_problems=problems[:SHOWN_PROBLEMS], problem_count=len(problems))
    return render(request, "people/household_detail.html", context, status=422)


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
