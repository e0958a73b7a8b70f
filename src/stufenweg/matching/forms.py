"""Forms of the matching: target occupations with availability, a qualification, a choice."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stufenweg.casework.action_forms import date_field
from stufenweg.matching.codes import MAX_TARGETS, QualificationKind
from stufenweg.organisations.kldb import validate_kldb

CODE_HELP = _("fünfstelliger Schlüssel der KldB 2010, z. B. 29302 (Köchin/Koch, fachlich ausgerichtet)")


class TargetsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_TARGETS + 1):
            self.fields[f"occupation_{i}"] = forms.CharField(
                label=_("Berufsziel %(n)s") % {"n": i},
                required=i == 1,
                max_length=5,
                help_text=CODE_HELP if i == 1 else "",
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
                error_messages={
                    "required": _("Bitte mindestens ein Berufsziel angeben (KldB 2010, z. B. 29302).")
                },
            )
        self.fields["hours"] = forms.IntegerField(
            label=_("Wochenstunden (höchstens)"),
            required=False,
            min_value=1,
            max_value=60,
            help_text=_("leer = keine Angabe"),
        )
        self.fields["available_from"] = date_field(_("verfügbar ab"), required=False)

    def clean(self):
        data = super().clean()
        codes = []
        for i in range(1, MAX_TARGETS + 1):
            code = (data.get(f"occupation_{i}") or "").strip()
            if not code:
                continue
            try:
                validate_kldb(code)
            except ValidationError as exc:
                self.add_error(f"occupation_{i}", exc.messages)
                continue
            if code in codes:
                self.add_error(f"occupation_{i}", _("Dieses Berufsziel steht schon darüber."))
                continue
            codes.append(code)
        data["codes"] = codes
        return data


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=[("", _("Bitte wählen")), *QualificationKind.choices],
        error_messages={"required": _("Bitte eine Art der Qualifikation wählen.")},
    )
    text = forms.CharField(
        label=_("Bezeichnung"),
        max_length=200,
        help_text=_("z. B. Hauptschulabschluss, Fachkraft Küche, Staplerschein, Klasse B, Deutsch B1"),
        error_messages={"required": _("Bitte die Qualifikation benennen (z. B. Hauptschulabschluss).")},
    )
    achieved_on = date_field(_("erworben am"), required=False)


class ChoiceForm(forms.Form):
    """The measure or vacancy chosen (hidden: the page's button names it), an optional goal of the
    support plan for a follow-up step and a note."""

    measure = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    vacancy = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    goal = forms.TypedChoiceField(
        label=_("Schritt im Förderplan anlegen unter dem Ziel"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("leer = kein Schritt im Förderplan"),
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, max_length=300)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "–"), *((g.pk, g.title) for g in goals)]

    def clean(self):
        data = super().clean()
        if bool(data.get("measure")) == bool(data.get("vacancy")):
            raise ValidationError(_("Bitte genau eine Maßnahme oder eine Stelle wählen."))
        return data
