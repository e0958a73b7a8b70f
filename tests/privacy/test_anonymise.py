"""Erasure (Art. 17) by anonymisation: identifying data goes, indicators of past periods stay."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from stufenweg.core.auditguard import REDACTED
from stufenweg.core.models import AuditEntry
from stufenweg.people.models import Person
from stufenweg.privacy.anonymise import ANON_NAME, KEEP_TEXT, person_anonymise
from stufenweg.privacy.graph import free_text_fields, related_rows
from stufenweg.privacy.models import Anonymisation
from tests.privacy.conftest import MARKERS

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 1)


def _report(tmp_path, name: str) -> list[dict]:
    out = tmp_path / f"{name}.json"
    call_command(
        "report",
        programme="JPS",
        date_from="2022-01-01",
        date_to="2022-12-31",
        by=["gender", "age_band", "region"],
        fmt="json",
        output=str(out),
    )
    data = json.loads(out.read_text())
    return sorted(data["rows"], key=lambda r: (r["indicator"], json.dumps(r["group"], sort_keys=True)))


def test_indicators_of_past_periods_are_unchanged(scenario, tmp_path):
    before = _report(tmp_path, "before")
    assert any(r["indicator"] == "esf.EECO13" and r["value"] for r in before)  # the SY national
    call_command("anonymise_expired", today=TODAY)
    assert Anonymisation.objects.count() == 2
    after = _report(tmp_path, "after")
    assert after == before


def test_identifying_data_is_gone_everywhere(scenario):
    call_command("anonymise_expired", today=TODAY)
    p1 = Person.objects.get(pk=scenario.p1.pk)
    assert p1.first_name == p1.last_name == "anonymisiert"
    assert p1.person_id.startswith("anon-") and p1.person_id != "P-ZYX-1"
    assert p1.postcode == ""
    assert p1.household_role == ""
    # worked out by hand: ages on 2022-01-10/01-17 (24) and 03-01 … 07-15 (25) hold for 1 Feb 1997,
    # not for 1 July, 1 January or 31 December
    assert p1.birth_date == dt.date(1997, 2, 1)
    # p2's events all lie before his birthday (17 May): 1 July 1980 gives the same ages
    assert Person.objects.get(pk=scenario.p2.pk).birth_date == dt.date(1980, 7, 1)
    assert p1.nationality == "unknown"  # third country stays third country
    assert Person.objects.get(pk=scenario.p2.pk).nationality == "FR"
    # the household link is cut: each has a pseudonymous household with the same benefit months
    p2 = Person.objects.get(pk=scenario.p2.pk)
    assert p1.household_id != p2.household_id
    assert p1.household.months.count() == 12
    assert "778899" not in p1.household.household_id

    # no text column of any table holds a marker any more (except the untouched open case)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            for value in model._base_manager.values_list(field.attname, flat=True):
                text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                for marker in MARKERS:
                    assert marker not in (text or ""), (model._meta.label, field.name)


def test_the_open_case_is_not_touched(scenario):
    call_command("anonymise_expired", today=TODAY)
    p3 = Person.objects.get(pk=scenario.p3.pk)
    assert p3.last_name == "Offenbleib"
    assert not Anonymisation.objects.filter(person=p3).exists()


def test_audit_rows_of_the_person_are_redacted_not_deleted(scenario):
    count = AuditEntry.objects.filter(person=scenario.p1).count()
    actors = sorted(AuditEntry.objects.filter(person=scenario.p1).values_list("actor_label", "action", "at"))
    person_anonymise(person=scenario.p1, by=scenario.world.personas["dpo"])
    rows = AuditEntry.objects.filter(person=scenario.p1)
    assert rows.count() == count + 1  # plus the record of the erasure itself
    redacted = rows.exclude(purpose="Löschung")
    assert all(r.summary == REDACTED and r.before is None and r.after is None for r in redacted)
    assert sorted(redacted.values_list("actor_label", "action", "at")) == actors  # who/when stays
    assert rows.get(purpose="Löschung").actor_label == "datenschutz"


def test_every_free_text_field_of_the_person_is_classified(scenario):
    """Data-driven: a free-text column added later to any model that hangs off a person is
    cleared by the erasure unless it is named in KEEP_TEXT; this test fails for a field that is
    neither (e.g. a new column that the erasure forgot)."""
    person_anonymise(person=scenario.p1, by=None)
    for rows in related_rows(scenario.p1):
        for field in free_text_fields(rows.model):
            label = f"{rows.model._meta.label_lower}.{field.name}"
            if label in KEEP_TEXT:
                continue
            values = set(rows.queryset.values_list(field.attname, flat=True))
            assert values <= {"", "anonymisiert", None}, label


def test_anonymising_twice_is_refused(scenario):
    person_anonymise(person=scenario.p1, by=None)
    with pytest.raises(ValueError):
        person_anonymise(person=scenario.p1, by=None)


def test_every_blanked_text_field_can_hold_the_placeholder(scenario):
    """A free-text field of a model hanging off a person that the erasure overwrites with
    ``ANON_NAME`` (a non-blank one) must be long enough for it: PostgreSQL refuses a longer value,
    SQLite would not notice. Short code fields that are no free text belong in ``KEEP_TEXT``
    (e.g. a target occupation's five-digit KldB code)."""
    too_short = [
        f"{rows.model._meta.label_lower}.{field.name}"
        for rows in related_rows(scenario.p1)
        for field in free_text_fields(rows.model)
        if f"{rows.model._meta.label_lower}.{field.name}" not in KEEP_TEXT
        and not field.blank
        and field.max_length is not None
        and field.max_length < len(ANON_NAME)
    ]
    assert too_short == []
