"""Reads of programmes and measures: visible to every member of an organisation, nobody else."""

from __future__ import annotations

from django.db.models import QuerySet

from stufenweg.core.visibility import scope_of
from stufenweg.programmes.models import Measure, Programme


def programmes_visible_to(user) -> QuerySet[Programme]:
    return Programme.objects.all() if scope_of(user).staff else Programme.objects.none()


def measures_visible_to(user) -> QuerySet[Measure]:
    return Measure.objects.all() if scope_of(user).staff else Measure.objects.none()
