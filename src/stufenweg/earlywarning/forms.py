from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.earlywarning.models import Decision


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            (Decision.Outcome.CONFIRMED, _("Warnung bestätigt: ich kümmere mich")),
            (Decision.Outcome.DISMISSED, _("Warnung verworfen: kein erhöhtes Risiko")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie, ob Sie die Warnung bestätigen oder verwerfen.")},
    )
    note = forms.CharField(
        label=_("Notiz (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Die Notiz darf höchstens 2.000 Zeichen lang sein.")},
    )


class SettingForm(forms.Form):
    enabled = forms.BooleanField(label=_("Frühwarnung für dieses Programm eingeschaltet"), required=False)
    horizon_days = forms.IntegerField(
        label=_("Vorhersagezeitraum (Tage)"),
        min_value=14,
        max_value=365,
        help_text=_("Abbruch innerhalb dieser Zahl von Tagen; 14 bis 365."),
        error_messages={
            "required": _("Bitte einen Vorhersagezeitraum in Tagen angeben."),
            "min_value": _("Der Vorhersagezeitraum muss zwischen 14 und 365 Tagen liegen."),
            "max_value": _("Der Vorhersagezeitraum muss zwischen 14 und 365 Tagen liegen."),
            "invalid": _("Bitte eine ganze Zahl von Tagen angeben."),
        },
    )
