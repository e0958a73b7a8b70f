from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
