"""Report form and target (Soll) form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.core.params import BoundedDateField
from stufenweg.core.widgets import DateInput
from stufenweg.indicators.definitions import BY_ID, DIMENSION_LABELS, FAMILY_LABELS, INDICATORS
from stufenweg.indicators.indicator import PERSON_DIMS
from stufenweg.indicators.presenting import indicator_label
from stufenweg.programmes.models import Programme, Target

BREAKDOWNS = [
    (d, DIMENSION_LABELS[d])
    for d in ("region", "stage", "measure", "provider", "gender", "age_band", *PERSON_DIMS)
]


class ReportForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programm"), queryset=Programme.objects.filter(active=True), empty_label=_("Bitte wählen")
    )
    date_from = BoundedDateField(label=_("Zeitraum von"), widget=DateInput)
    date_to = BoundedDateField(label=_("Zeitraum bis"), widget=DateInput)
    as_of = BoundedDateField(
        label=_("Stichtag"), required=False, widget=DateInput, help_text=_("leer = Ende des Zeitraums")
    )
    recorded_on = BoundedDateField(
        label=_("Erfassungsstand (Ende des Tages)"),
        required=False,
        widget=DateInput,
        help_text=_("leer = jetzt"),
    )
    by = forms.MultipleChoiceField(
        label=_("Aufschlüsselung"), choices=BREAKDOWNS, required=False, widget=forms.CheckboxSelectMultiple
    )
    suppress_below = forms.IntegerField(
        label=_("Kleinzellen unterdrücken unter"),
        required=False,
        min_value=1,
        help_text=_("z. B. 3: Werte 1 und 2 erscheinen als *"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = list(self.fields["programme"].queryset.values_list("pk", flat=True)[:2])
        if len(programmes) == 1:  # the only programme is the choice
            self.initial.setdefault("programme", programmes[0])

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Das Ende liegt vor dem Beginn."))
        return data


def _indicator_choices():
    """Evaluated when the form is shown, so that the labels follow the reader's language."""
    groups: dict[str, list] = {}
    for i in INDICATORS:
        if i.id != "prog.target_attainment":
            groups.setdefault(i.family, []).append((i.id, indicator_label(i)))
    # grouped by family under its name; the option shows the label, never the internal id
    return [(str(FAMILY_LABELS[family]), options) for family, options in groups.items()]


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("Kennzahl"), choices=_indicator_choices)

    class Meta:
        model = Target
        fields = ["programme", "indicator", "period_from", "period_to", "region", "stage", "target"]
        widgets = {"period_from": DateInput, "period_to": DateInput}
        labels = {
            "programme": _("Programm"),
            "period_from": _("Zeitraum von"),
            "period_to": _("Zeitraum bis"),
            "region": _("Region"),
            "stage": _("Stufe"),
            "target": _("Soll"),
        }
        help_texts = {
            "region": _("leer = alle Regionen"),
            "stage": _("leer = alle Stufen"),
            "target": _("Anzahl, oder bei einer Quote ein Anteil zwischen 0 und 1"),
        }

    def clean(self):
        data = super().clean()
        stage, programme = data.get("stage"), data.get("programme")
        if stage and programme and stage.programme_id != programme.id:
            self.add_error("stage", _("Die Stufe gehört nicht zu diesem Programm."))
        ind = data.get("indicator")
        target = data.get("target")
        if ind in BY_ID and BY_ID[ind].is_rate and target is not None and target > 1:
            self.add_error("target", _("Eine Quote wird als Anteil zwischen 0 und 1 angegeben."))
        return data
