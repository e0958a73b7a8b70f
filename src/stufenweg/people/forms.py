"""Forms of the person page: details (characteristics and contact data) and documents.

Code lists come from the model (``Person.Gender``, ``YesNoNa``, ``DocumentKind``); a choice the
user has not made is an empty option with a German error, never a silent default."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.core.params import BoundedDateField
from stufenweg.core.widgets import DateInput
from stufenweg.people import documents
from stufenweg.people.models import DocumentKind, Person, YesNoNa

NOT_RECORDED = _("nicht erfasst")
YES_NO = [("", NOT_RECORDED), ("true", _("ja")), ("false", _("nein"))]


def please_choose(message) -> dict:
    return {"required": message}


def yes_no_na(label, help_text) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=[("", NOT_RECORDED), *YesNoNa.choices],
        required=False,
    )


def yes_no(label, help_text) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )


class PersonDetailsForm(forms.Form):
    """Characteristics (read by the ESF+ indicators) and contact data of a person."""

    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    birth_date = BoundedDateField(label=_("Geburtsdatum"), widget=DateInput())
    gender = forms.ChoiceField(
        label=_("Geschlecht"),
        choices=[("", _("Bitte wählen")), *Person.Gender.choices],
        error_messages=please_choose(_("Bitte wählen Sie das Geschlecht aus (oder „keine Angabe“).")),
        help_text=_("Wie die Person es angibt; „keine Angabe“, wenn sie es nicht sagen möchte."),
    )
    nationality = forms.CharField(
        label=_("Staatsangehörigkeit"),
        max_length=16,
        required=False,
        help_text=_(
            "Ländercode mit zwei Buchstaben (DE, PL, SY …), „stateless“ (staatenlos) oder „unknown“."
        ),
    )
    foreign_background = yes_no_na(
        _("Migrationshintergrund"), _("ESF+: Person mit ausländischer Herkunft oder Migrationshintergrund.")
    )
    disability = yes_no_na(_("Behinderung"), _("ESF+: Person mit Behinderung (nach eigener Angabe)."))
    minority = yes_no_na(_("Minderheit"), _("ESF+: Angehörige einer Minderheit (z. B. Sinti und Roma)."))
    homeless = yes_no_na(_("wohnungslos"), _("ESF+: obdach- oder wohnungslos, ohne eigene Wohnung."))
    rural = yes_no_na(_("ländlicher Raum"), _("ESF+: Wohnort in einem ländlichen Gebiet."))
    isced = forms.TypedChoiceField(
        label=_("ISCED-Stufe"),
        choices=[("", NOT_RECORDED), *[(str(level), str(level)) for level in range(9)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Höchster abgeschlossener Bildungsstand: 0–2 ohne Berufsabschluss oder Abitur, 3–4 "
            "Berufsausbildung oder Abitur, 5–8 Meister/Techniker oder Hochschule."
        ),
    )
    vocational_qualification = yes_no(
        _("Berufsabschluss"), _("Abgeschlossene Berufsausbildung (in Deutschland anerkannt oder nicht).")
    )
    single_parent = yes_no(_("alleinerziehend"), _("Lebt allein mit mindestens einem minderjährigen Kind."))
    returner = yes_no_na(
        _("Berufsrückkehrer/in"),
        _("Erwerbsleben mindestens ein Jahr unterbrochen, um Kinder zu betreuen oder Angehörige zu pflegen."),
    )
    long_term_benefit = yes_no_na(
        _("Langzeitleistungsbezug"),
        _("In den letzten 24 Monaten mindestens 21 Monate Leistungen nach dem SGB II bezogen."),
    )
    refugee = yes_no_na(
        _("geflüchtet"), _("Als Geflüchtete/r nach Deutschland gekommen (Asyl, Schutzstatus).")
    )
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postleitzahl"), max_length=10, required=False)
    town = forms.CharField(label=_("Ort"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        help_text=_("Ziffern, erlaubt sind + ( ) / - und Leerzeichen."),
    )
    email = forms.EmailField(
        label=_("E-Mail"),
        max_length=200,
        required=False,
        error_messages={"invalid": _("Bitte eine gültige E-Mail-Adresse angeben (z. B. name@example.org).")},
    )

    def __init__(self, *args, person: Person, **kwargs):
        initial = {}
        for name in self.base_fields:
            value = getattr(person, name)
            if isinstance(value, bool):
                value = "true" if value else "false"
            initial[name] = value
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art des Dokuments"),
        choices=[("", _("Bitte wählen")), *DocumentKind.choices],
        error_messages=please_choose(_("Bitte wählen Sie die Art des Dokuments aus.")),
    )
    title = forms.CharField(
        label=_("Bezeichnung"),
        max_length=200,
        required=False,
        help_text=_("Optional, z. B. „Zeugnis Staplerschein“."),
    )
    file = forms.FileField(
        label=_("Datei"),
        error_messages={"required": _("Bitte wählen Sie eine Datei aus.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Erlaubt: %(types)s, höchstens %(limit)s MB.") % {
            "types": documents.allowed_label(),
            "limit": f"{documents.max_bytes() / 1024 / 1024:g}",
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            ext for file_type in documents.ALLOWED for ext in file_type.extensions
        )


class ConfirmForm(forms.Form):
    """An empty form: a POST with the CSRF token confirms."""
