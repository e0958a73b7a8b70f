"""Forms of the organisations administration and the employer register. They validate input;
the services (``organisations.services``) decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.organisations.codes import Sector
from stufenweg.organisations.models import EmployerProfile, Organisation, Region
from stufenweg.organisations.ordering import name_key, order_choices

SECTOR_CHOICES = [("", "–"), *Sector.choices]
EDITABLE_PROFILE_FIELDS = ("sector", "street", "postcode", "town", *EmployerProfile.PERSONAL_FIELDS)


class RegionForm(forms.Form):
    code = forms.CharField(label=_("Kürzel"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=200)


def _region_field(required: bool = False, help_text: str = "") -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=required,
        empty_label="–",
        help_text=help_text,
    )
    return order_choices(field, name_key)


class OrganisationForm(forms.Form):
    code = forms.CharField(
        label=_("Kürzel"),
        max_length=64,
        help_text=_("Eindeutig; so nennt das Austauschformat die Organisation (organisations.csv)."),
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Art"), choices=[("", "–"), *Organisation.Kind.choices])
    region = _region_field(help_text=_("Pflicht für ein Regionalbüro."))
    active = forms.BooleanField(
        label=_("aktiv"),
        required=False,
        help_text=_(
            "Eine deaktivierte Organisation bleibt mit ihren Daten erhalten; ihre Mitglieder verlieren "
            "den Zugang, und sie wird in Formularen nicht mehr angeboten."
        ),
    )

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["active"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Organisation.Kind.REGIONAL_OFFICE and not data.get("region"):
            self.add_error("region", _("Für ein Regionalbüro ist die Region Pflicht."))
        return data


class EmployerForm(forms.Form):
    """Name and details of an employer. ``office``: the user writes for the coordination office
    and also sets code, region and (when editing) whether the employer is active."""

    name = forms.CharField(label=_("Name"), max_length=255)
    code = forms.CharField(
        label=_("Kürzel"),
        max_length=64,
        required=False,
        help_text=_("Leer lassen: Das Kürzel wird aus dem Namen gebildet."),
    )
    region = _region_field()
    sector = forms.ChoiceField(label=_("Branche (WZ 2008)"), choices=SECTOR_CHOICES, required=False)
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^[0-9]{5}$",
        required=False,
        error_messages={"invalid": _("Die Postleitzahl hat fünf Ziffern.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )
    town = forms.CharField(label=_("Ort"), max_length=100, required=False)
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Telefon der Ansprechperson"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.EmailField(
        label=_("E-Mail der Ansprechperson"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Bitte eine gültige E-Mail-Adresse angeben (z. B. name@firma.de).")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    active = forms.BooleanField(label=_("aktiv"), required=False)

    def __init__(self, *args, office: bool, employer: Organisation | None = None, **kwargs):
        if employer is not None:
            profile = getattr(employer, "employer_profile", None) or EmployerProfile(organisation=employer)
            initial = {
                "name": employer.name,
                "code": employer.code,
                "region": employer.region_id,
                "active": employer.active,
                **{name: getattr(profile, name) for name in EDITABLE_PROFILE_FIELDS},
            }
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.office = office
        if not office:
            for name in ("code", "region", "active"):
                del self.fields[name]
        elif employer is None:
            del self.fields["active"]
        else:
            self.fields["code"].required = True
            self.fields["code"].help_text = _("So nennt das Austauschformat den Arbeitgeber.")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        values = {name: data[name] for name in ("name", *EDITABLE_PROFILE_FIELDS)}
        for name in ("code", "region", "active"):
            if name in self.fields:
                values[name] = data[name]
        return values


class EmployerFilterForm(forms.Form):
    q = forms.CharField(label=_("Name oder Ort"), max_length=100, required=False)
    sector = forms.ChoiceField(label=_("Branche"), choices=[("", _("alle")), *Sector.choices], required=False)
    region = order_choices(
        forms.ModelChoiceField(
            label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("alle")
        ),
        name_key,
    )
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("alle")), ("1", _("aktiv")), ("0", _("deaktiviert"))],
        required=False,
    )


class OrganisationFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle")), *Organisation.Kind.choices], required=False
    )
    region = order_choices(
        forms.ModelChoiceField(
            label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("alle")
        ),
        name_key,
    )
    active = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("alle")), ("1", _("aktiv")), ("0", _("deaktiviert"))],
        required=False,
    )
