"""Query filters of the list endpoints, with exchange-format codes as values.

Persons are filtered only through the participations the user may see, so that a filter can
never reveal a participation outside the user's scope.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django_filters import rest_framework as filters

from stufenweg.core.params import BoundedDateField, IdField
from stufenweg.journeys.codes import EventKind, State
from stufenweg.journeys.models import Enrolment
from stufenweg.journeys.selectors import participations_visible_to


class DateFilter(filters.DateFilter):
    field_class = BoundedDateField


class IdFilter(filters.NumberFilter):
    field_class = IdField  # 1 … 2**63 - 1


def _code(field_name: str, label: str) -> filters.CharFilter:
    return filters.CharFilter(field_name=field_name, max_length=64, label=label)


def _enrolled_on(day: dt.date):
    """Enrolment open on ``day``: entered on or before it, not exited on or before it (an exit
    frees the place on its day, as in the capacity check)."""
    return Q(entered_on__lte=day) & (Q(exited_on__isnull=True) | Q(exited_on__gt=day))


class MeasureFilter(filters.FilterSet):
    programme = _code("programme__code", "Programm (Code)")
    region = _code("region__code", "Region (Code)")
    stage = filters.CharFilter(method="filter_stage", max_length=32, label="Stufe (Code)")
    provider = _code("provider__code", "Träger (Code)")
    active_on = DateFilter(method="filter_active_on", label="läuft an diesem Tag")

    def filter_stage(self, queryset, name, value):
        return queryset.filter(stages__code=value).distinct()

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(Q(start__lte=value), Q(end__isnull=True) | Q(end__gte=value))


class ProgrammeFilter(filters.FilterSet):
    active = filters.BooleanFilter(field_name="active", label="aktiv")


class ParticipationFilter(filters.FilterSet):
    programme = _code("programme__code", "Programm (Code)")
    region = _code("region__code", "Region (Code)")
    stage = _code("current_stage__code", "aktuelle Stufe (Code)")
    measure = filters.CharFilter(
        method="filter_measure", max_length=64, label="Maßnahme (Code) einer Teilnahme"
    )
    state = filters.MultipleChoiceFilter(field_name="state", choices=State.choices, label="Status")
    person_id = _code("person__person_id", "Personen-ID")
    active_on = DateFilter(method="filter_active_on", label="an diesem Tag in einer Maßnahme")

    def filter_measure(self, queryset, name, value):
        return queryset.filter(
            Exists(Enrolment.objects.filter(participation_id=OuterRef("pk"), measure__code=value))
        )

    def filter_active_on(self, queryset, name, value):
        return queryset.filter(
            Exists(Enrolment.objects.filter(_enrolled_on(value), participation_id=OuterRef("pk")))
        )


class PersonFilter(filters.FilterSet):
    person_id = _code("person_id", "Personen-ID")
    programme = filters.CharFilter(method="filter_participation", max_length=64, label="Programm (Code)")
    region = filters.CharFilter(method="filter_participation", max_length=64, label="Region (Code)")
    stage = filters.CharFilter(method="filter_participation", max_length=32, label="aktuelle Stufe (Code)")
    state = filters.MultipleChoiceFilter(method="filter_participation", choices=State.choices, label="Status")

    LOOKUPS = {
        "programme": "programme__code",
        "region": "region__code",
        "stage": "current_stage__code",
        "state": "state__in",
    }

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # All participation filters together describe one visible participation of the person.
        conditions = {
            self.LOOKUPS[name]: value
            for name, value in self.form.cleaned_data.items()
            if name in self.LOOKUPS and value not in (None, "", [])
        }
        queryset = super().filter_queryset(queryset)
        if conditions:
            visible = participations_visible_to(self.request.user)
            queryset = queryset.filter(Exists(visible.filter(person_id=OuterRef("pk"), **conditions)))
        return queryset

    def filter_participation(self, queryset, name, value):
        return queryset  # applied together in filter_queryset


class EventFilter(filters.FilterSet):
    programme = _code("participation__programme__code", "Programm (Code)")
    region = _code("participation__region__code", "Region der Teilnahme (Code)")
    stage = _code("stage__code", "Stufe (Code)")
    measure = _code("measure__code", "Maßnahme (Code)")
    event = filters.MultipleChoiceFilter(field_name="kind", choices=EventKind.choices, label="Ereignisart")
    person_id = _code("participation__person__person_id", "Personen-ID")
    participation = IdFilter(field_name="participation_id", label="Teilnahme (id)")
    occurred_from = DateFilter(field_name="occurred_on", lookup_expr="gte", label="Datum ab")
    occurred_to = DateFilter(field_name="occurred_on", lookup_expr="lte", label="Datum bis")
