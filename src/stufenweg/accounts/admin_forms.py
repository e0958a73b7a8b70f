"""Forms of the staff account administration and of the password pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stufenweg.accounts.authority import account_authority_of, organisations_administered_by
from stufenweg.accounts.models import TwoFactorResetRequest
from stufenweg.organisations.models import Membership
from stufenweg.organisations.ordering import name_key, order_choices

ACTIVE_CHOICES = [("ja", _("aktiv")), ("nein", _("deaktiviert")), ("alle", _("alle"))]


def minimum_password_length() -> int:
    """The minimum length of ``AUTH_PASSWORD_VALIDATORS`` (one source: the settings)."""
    lengths = [
        v.min_length
        for v in password_validation.get_default_password_validators()
        if isinstance(v, MinimumLengthValidator)
    ]
    return max(lengths, default=0)


def password_policy_text() -> str:
    return gettext(
        "Mindestens %(n)d Zeichen; kein verbreitetes Passwort (wie „Passwort123!“); nicht ähnlich "
        "zu Benutzername, Name oder E-Mail-Adresse; nicht nur Ziffern. Gut zu merken und schwer zu "
        "erraten ist ein Satz aus vier oder mehr Wörtern. Geben Sie das Passwort nicht weiter."
    ) % {"n": minimum_password_length()}


class _PasswordPolicy:
    def _german_fields(self) -> None:
        self.fields["new_password1"].label = _("Neues Passwort")
        self.fields["new_password1"].help_text = password_policy_text()
        self.fields["new_password2"].label = _("Neues Passwort wiederholen")
        self.fields["new_password2"].help_text = ""


class LinkPasswordForm(_PasswordPolicy, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._german_fields()


class ChangePasswordForm(_PasswordPolicy, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Bisheriges Passwort")
        self._german_fields()


def _role_choices(user, *, blank: bool = False):
    authority = account_authority_of(user)
    choices = [(value, label) for value, label in Membership.Role.choices if authority.grants(value)]
    return ([("", _("alle"))] if blank else []) + choices


class _OrganisationChoice(forms.ModelChoiceField):
    """An organisation, listed in German order of the names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order_choices(self, name_key)

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Name oder Benutzername"), required=False, max_length=100)
    organisation = _OrganisationChoice(
        label=_("Organisation"), queryset=None, required=False, empty_label=_("alle")
    )
    role = forms.ChoiceField(label=_("Rolle"), required=False)
    active = forms.ChoiceField(label=_("Stand"), choices=ACTIVE_CHOICES, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_administered_by(user)
        self.fields["role"].choices = [("", _("alle")), *Membership.Role.choices]


class AccountCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=64,
        help_text=_("Kleinbuchstaben, Ziffern, Punkt, Binde- oder Unterstrich, z. B. k.weber.rb-bz."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    email = forms.CharField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        required=False,
        help_text=_("Dienstliche Adresse; freiwillig."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = _OrganisationChoice(
        label=_("Organisation"), queryset=None, empty_label=_("– bitte wählen –")
    )
    role = forms.ChoiceField(label=_("Rolle"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_administered_by(user)
        self.fields["role"].choices = [("", _("– bitte wählen –")), *_role_choices(user)]


class AccountEditForm(forms.Form):
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    email = forms.CharField(
        label=_("E-Mail-Adresse"), max_length=254, required=False, widget=forms.EmailInput()
    )


class MembershipAddForm(forms.Form):
    organisation = _OrganisationChoice(
        label=_("Organisation"), queryset=None, empty_label=_("– bitte wählen –")
    )
    role = forms.ChoiceField(label=_("Rolle"))

    def __init__(self, *args, user, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_administered_by(user).exclude(
            memberships__user=account
        )
        self.fields["role"].choices = [("", _("– bitte wählen –")), *_role_choices(user)]


class MembershipRoleForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Rolle"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(user)


class MembershipRemoveForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)


class ResetRequestForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Anlass"), choices=[("", _("– bitte wählen –")), *TwoFactorResetRequest.Reason.choices]
    )
    identity_checked = forms.BooleanField(
        label=_(
            "Ich habe die Identität der Person geprüft (persönlich oder per Rückruf unter einer bekannten Nummer)."
        ),
        required=True,
        error_messages={"required": _("Bitte bestätigen Sie die Prüfung der Identität.")},
    )
