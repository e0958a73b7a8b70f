"""Forms of the cost page: the cost entry and the filter (region, months)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.core.params import BoundedDateField
from stufenweg.core.widgets import DateInput
from stufenweg.costs.models import CostCategory
from stufenweg.organisations.models import Organisation, Region


class AmountField(forms.DecimalField):
    """A euro amount as people type it: „1.250,50“, „1250,50“ or „1250.50“."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").removesuffix("€")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class CostEntryForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation (Kostenträger)"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Die Regiestelle oder eine andere Organisation – oder stattdessen eine Region."),
    )
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    category = forms.ChoiceField(label=_("Kategorie"), choices=CostCategory.choices)
    monthly_amount = AmountField(
        label=_("Betrag je Monat (EUR)"),
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    valid_from = BoundedDateField(label=_("gültig ab"), widget=DateInput())
    valid_to = BoundedDateField(
        label=_("gültig bis"), widget=DateInput(), required=False, help_text=_("Leer: unbefristet.")
    )
    note = forms.CharField(label=_("Bemerkung"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(active=True).exclude(
            kind=Organisation.Kind.EMPLOYER
        )
        self.fields["region"].queryset = Region.objects.all()


class FilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, empty_label=_("alle Regionen")
    )
    first = BoundedDateField(
        label=_("von"), widget=DateInput(), required=False, help_text=_("Der Monat dieses Tages.")
    )
    last = BoundedDateField(
        label=_("bis"), widget=DateInput(), required=False, help_text=_("Der Monat dieses Tages.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.all()

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("last") and data["last"] < data["first"]:
            self.add_error("last", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        return data
