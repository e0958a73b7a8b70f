"""The forecast form: programme, as-of day, region, back-test day, small-cell limit (GET)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stufenweg.core.params import BoundedDateField
from stufenweg.core.widgets import DateInput
from stufenweg.organisations.models import Region
from stufenweg.programmes.models import Programme


class ForecastForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programm"), queryset=Programme.objects.filter(active=True))
    as_of = BoundedDateField(label=_("Stichtag"), widget=DateInput, help_text=_("Prognose ab diesem Tag"))
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, empty_label=_("alle Regionen")
    )
    backtest_from = BoundedDateField(
        label=_("Rückblick ab"),
        required=False,
        widget=DateInput,
        help_text=_(
            "Prognose von diesem früheren Tag aus, verglichen mit dem tatsächlichen Verlauf; leer = kein Rückblick"
        ),
    )
    suppress_below = forms.IntegerField(
        label=_("Kleinzellen unterdrücken unter"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("z. B. 3: beobachtete Werte 1 und 2 erscheinen als *"),
    )

    def __init__(self, *args, region_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.all()
        if region_ids is not None:
            regions = regions.filter(id__in=region_ids)
        self.fields["region"].queryset = regions

    def clean(self):
        data = super().clean()
        as_of, back = data.get("as_of"), data.get("backtest_from")
        if as_of and as_of > timezone.localdate():
            self.add_error(
                "as_of",
                _(
                    "Der Stichtag liegt in der Zukunft; eine Prognose beginnt mit dem heutigen Stand oder früher."
                ),
            )
        if as_of and back and back >= as_of:
            self.add_error("backtest_from", _("Der Tag für den Rückblick muss vor dem Stichtag liegen."))
        return data
