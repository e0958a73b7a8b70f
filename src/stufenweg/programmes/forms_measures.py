"""The form of a measure (Maßnahme) for the coordination office: the model's fields, the stages of
the chosen programme and the further start dates; the rules are ``measures_admin.measure_problems``."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from stufenweg.core.params import parse_date
from stufenweg.core.widgets import DateInput
from stufenweg.organisations.models import Organisation, Region
from stufenweg.organisations.ordering import name_key, order_choices
from stufenweg.programmes.measures_admin import PROVIDER_KINDS, measure_problems
from stufenweg.programmes.models import Measure, Programme, Stage


class StageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Stage) -> str:
        return f"{obj.programme.code}: {obj.name}"


class StartDatesField(forms.CharField):
    """Dates, one a line (or separated by commas): ISO or German ``TT.MM.JJJJ``."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        days, wrong = [], []
        for item in (part for part in re.split(r"[\s,;]+", text) if part):
            day = parse_date(item)
            (days if day else wrong).append(day or item)
        if wrong:
            raise forms.ValidationError(
                _("„%(value)s“ ist kein Datum (TT.MM.JJJJ).") % {"value": wrong[0][:20]}, code="invalid"
            )
        return sorted(set(days))


class MeasureForm(forms.ModelForm):
    stages = StageChoiceField(
        label=_("Stufen"),
        queryset=Stage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nur Stufen des gewählten Programms."),
    )
    start_dates = StartDatesField(
        label=_("weitere Starttermine"),
        required=False,
        help_text=_(
            "Nur bei Maßnahmen ohne durchlaufenden Einstieg: ein Datum je Zeile (TT.MM.JJJJ). Der Beginn "
            "ist immer der erste Starttermin."
        ),
    )

    class Meta:
        model = Measure
        fields = [
            "code",
            "name",
            "programme",
            "stages",
            "provider",
            "region",
            "operation",
            "location",
            "places",
            "start",
            "end",
            "rolling_entry",
            "allow_overbooking",
            "occupations",
        ]
        widgets = {"start": DateInput(), "end": DateInput()}
        labels = {
            "code": _("Kürzel"),
            "name": _("Name"),
            "programme": _("Programm"),
            "provider": _("Träger"),
            "region": _("Region"),
            "operation": _("ESF-Vorhaben"),
            "location": _("Ort"),
            "places": _("Plätze"),
            "start": _("Beginn"),
            "end": _("Ende"),
            "rolling_entry": _("durchlaufender Einstieg"),
            "allow_overbooking": _("Überbelegung zulässig (mit Bestätigung)"),
            "occupations": _("Berufe (KldB 2010)"),
        }
        help_texts = {
            "rolling_entry": _(
                "Eintritte an jedem Tag des Zeitraums. Ohne durchlaufenden Einstieg sind Eintritte zu den "
                "Startterminen vorgesehen; ein Eintritt an einem anderen Tag muss bestätigt werden."
            ),
            "end": _("leer = offen"),
            "occupations": _(
                "Die Berufe, auf die die Maßnahme vorbereitet: fünfstellige Schlüssel der KldB 2010, durch "
                "Komma getrennt (z. B. 29302, 29301). Das Matching schlägt die Maßnahme Teilnehmenden mit "
                "passendem Berufsziel vor."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("code")
        self.fields["provider"].queryset = Organisation.objects.filter(kind__in=PROVIDER_KINDS)
        self.fields["region"].queryset = Region.objects.all()
        order_choices(self.fields["provider"], name_key)
        order_choices(self.fields["region"], name_key)
        stages = Stage.objects.select_related("programme").order_by("programme__code", "position")
        programme_id = self.instance.programme_id if self.instance.pk else None
        if programme_id:  # a measure's stages come from its programme
            stages = stages.filter(programme_id=programme_id)
        self.fields["stages"].queryset = stages
        self.fields["places"].min_value = 1
        if self.instance.pk and not self.is_bound:
            self.initial["stages"] = list(self.instance.stages.values_list("pk", flat=True))
            self.initial["start_dates"] = "\n".join(
                f"{day:%d.%m.%Y}" for day in self.instance.starts.values_list("on", flat=True).order_by("on")
            )

    def clean(self):
        data = super().clean()
        problems = measure_problems(
            programme=data.get("programme"),
            provider=data.get("provider"),
            places=data.get("places"),
            start=data.get("start"),
            end=data.get("end"),
            rolling_entry=bool(data.get("rolling_entry")),
            stages=data.get("stages") or [],
            start_dates=[d for d in data.get("start_dates") or [] if d != data.get("start")],
        )
        for field, messages in problems.items():
            for message in messages:
                if field in self.errors:
                    continue
                self.add_error(field if field in self.fields else None, message)
        return data
