"""Choosing or creating the employer in the internship and employment-start forms.

The employer is picked from the register (active employers, the participant's region first, as
option groups) or created in the same form: name and optional details in the „Neuer Arbeitgeber“
fieldset. The new employer is created by ``services.employer_create`` (the same service as the
employer page, with its checks and audit) inside the form's transaction, right before the event:
when the event is refused (a journey rule, a missing right), the transaction is rolled back and
no employer is left behind.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stufenweg.organisations.codes import Sector
from stufenweg.organisations.models import Organisation
from stufenweg.organisations.ordering import name_key, order_choices
from stufenweg.organisations.services import employer_create

NEW_PARTS = ("name", "sector", "postcode", "town")
REQUIRED_MESSAGE = _("Bitte einen Arbeitgeber aus der Liste wählen oder unten einen neuen anlegen.")


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        profile = getattr(obj, "employer_profile", None)
        town = getattr(profile, "town", "")
        return f"{obj.name} – {town}" if town else obj.name


def active_employers():
    """Unordered: ``employer_field`` lists them in German order (``ordering.name_key``)."""
    return Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, active=True).select_related(
        "region", "employer_profile"
    )


class NewEmployerWidget(forms.MultiWidget):
    template_name = "organisations/widgets/new_employer.html"
    labels = (_("Name"), _("Branche (WZ 2008)"), _("Postleitzahl"), _("Ort"))

    def __init__(self, attrs=None):
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "sector": forms.Select(choices=[("", "–"), *Sector.choices]),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
            "town": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dict):
            return [value.get(part, "") for part in NEW_PARTS]
        return ["", "", "", ""]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context


class NewEmployerField(forms.MultiValueField):
    """Name (needed when anything is entered), sector, postcode and town of a new employer;
    ``None`` when left empty."""

    widget = NewEmployerWidget

    def __init__(self, **kwargs):
        fields = (
            forms.CharField(max_length=255, required=False),
            forms.ChoiceField(choices=[("", "–"), *Sector.choices], required=False),
            forms.RegexField(
                regex=r"^[0-9]{5}$",
                required=False,
                error_messages={"invalid": _("Die Postleitzahl hat fünf Ziffern.")},
            ),
            forms.CharField(max_length=100, required=False),
        )
        kwargs.setdefault("label", _("Neuer Arbeitgeber"))
        kwargs.setdefault(
            "help_text",
            _(
                "Nur ausfüllen, wenn der Arbeitgeber nicht in der Liste steht: Er wird mit diesem "
                "Eintrag angelegt. Ansprechperson und Anschrift lassen sich danach auf der Seite "
                "des Arbeitgebers ergänzen."
            ),
        )
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        values = dict(zip(NEW_PARTS, data_list, strict=True))
        if not (values["name"] or "").strip():
            raise ValidationError(_("Bitte den Namen des neuen Arbeitgebers angeben."), code="name")
        return values


def employer_field(*, required: bool) -> EmployerChoiceField:
    """The register's active employers; ``required`` as the kind asks (``journeys.spec``). A new
    employer entered in the same form stands in for the choice (``EmployerPickMixin``)."""
    field = EmployerChoiceField(
        label=_("Arbeitgeber / Praktikumsbetrieb"),
        queryset=active_employers(),
        required=required,
        empty_label="–",
        help_text=_("Aus der Liste wählen oder unten einen neuen Arbeitgeber anlegen."),
        error_messages={"required": REQUIRED_MESSAGE},
    )
    field.event_field = "employer"
    return order_choices(field, name_key)


class EmployerPickMixin:
    """For a form with ``employer`` (``employer_field``) and ``new_employer``
    (``NewEmployerField``), a ``participation`` and a ``user``. ``employer_for_event()`` — called
    inside the transaction that records the event — returns the chosen employer or creates the
    new one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["employer"]
        if self.is_bound and any(
            (self.data.get(self.add_prefix(f"new_employer_{part}")) or "").strip() for part in NEW_PARTS
        ):
            field.required = False  # the new employer stands in for the choice
        employers = sorted(field.queryset, key=name_key)
        region_id = getattr(self.participation, "region_id", None)
        own = [e for e in employers if region_id and e.region_id == region_id]
        others = [e for e in employers if not (region_id and e.region_id == region_id)]
        choices: list = [("", "–")]
        if own:
            region = own[0].region
            choices.append((_("Region %(region)s") % {"region": region.name}, self._options(field, own)))
            if others:
                choices.append((_("andere Regionen"), self._options(field, others)))
        else:
            choices += self._options(field, others)
        field.choices = choices

    @staticmethod
    def _options(field, employers) -> list[tuple[int, str]]:
        return [(e.pk, field.label_from_instance(e)) for e in employers]

    def clean(self):
        data = super().clean()
        chosen, new = data.get("employer"), data.get("new_employer")
        if chosen and new:
            self.add_error(
                "new_employer",
                _(
                    "Bitte entweder einen Arbeitgeber aus der Liste wählen oder einen neuen anlegen, nicht beides."
                ),
            )
        return data

    def employer_for_event(self) -> Organisation | None:
        new = self.cleaned_data.get("new_employer")
        if not new:
            return self.cleaned_data.get("employer")
        try:
            return employer_create(
                by=self.user,
                name=new["name"],
                sector=new["sector"] or "",
                postcode=new["postcode"] or "",
                town=new["town"] or "",
                region=getattr(self.participation, "region", None),
            )
        except ValidationError as exc:  # the service's checks, shown at the fieldset
            messages = (
                [m for ms in exc.message_dict.values() for m in ms]
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            raise ValidationError({"new_employer": messages}) from None
