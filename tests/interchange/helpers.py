"""Helpers for the interchange tests."""

from __future__ import annotations

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.problems import format_problem
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.organisations.models import Organisation, Region
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure, Programme


def lines(result) -> list[str]:
    return [format_problem(p) for p in result.problems]


def assert_nothing_written() -> None:
    assert Region.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert Programme.objects.count() == 0
    assert Measure.objects.count() == 0
    assert Person.objects.count() == 0
    assert Participation.objects.count() == 0
    assert JourneyEvent.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def flush_domain_tables() -> None:
    """Delete every row of the domain apps (not users), as if the database were empty.

    Raw deletes: the journey log refuses ordinary deletes by design; the audit trail refuses them
    even in the database, so it is emptied the way the ``flush`` command does it.
    """
    from django.apps import apps
    from django.db import connection

    from stufenweg.core.auditguard import audit_maintenance

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # settle the deferred FK checks, then empty the trail
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE core_auditentry")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        with audit_maintenance():
            AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)

    for label in (
        "earlywarning",
        "matching",
        "costs",
        "mentoring",
        "groupwork",
        "support",
        "organisations",
        "people",
        "programmes",
        "journeys",
        "casework",
        "outcomes",
        "indicators",
    ):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label == "organisations.User":
                continue
            model.objects.all()._raw_delete(model.objects.db)
            for m2m in model._meta.local_many_to_many:
                m2m.remote_field.through.objects.all()._raw_delete(model.objects.db)


def read_dir(path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
