from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stufenweg.api.models import DEFAULT_DAYS, MAX_DAYS


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("Sechsstelliger Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "none"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class SetupForm(forms.Form):
    code = forms.CharField(
        label=_("Bestätigungscode"),
        max_length=6,
        min_length=6,
        help_text=_("Der sechsstellige Code, den Ihre Authenticator-App jetzt anzeigt."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("Bitte geben Sie nur Ziffern ein."))
        return code


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel dient, z. B. „Fachverfahren Jobcenter“."),
    )
    scope = forms.ChoiceField(
        label=_("Umfang"),
        choices=[("read", _("Nur lesen")), ("write", _("Lesen und schreiben"))],
        initial="read",
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Gültigkeit in Tagen"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
    )

    def __init__(self, *args, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if read_only:  # no writing role anywhere: a key to write would fail on every write
            self.fields["scope"].choices = [("read", _("Nur lesen"))]
            self.fields["scope"].help_text = _(
                "Ihr Konto hat keine schreibende Rolle; ein Schlüssel kann nur lesen."
            )
        self.fields["days"].help_text = gettext(
            "Höchstens %(max)d Tage. Danach legen Sie einen neuen Schlüssel an."
        ) % {"max": MAX_DAYS}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie eine Bezeichnung an."))
        return name
