"""Erasure by anonymisation (GDPR Art. 17 with the retention duties of Art. 17(3)(b)).

What stays: every date, code and characteristic the indicators use, at a granularity that
changes no number (a test compares a full report before and after). What goes: names, the
person id (replaced by a random pseudonym), postcode, contact data, attached documents (rows
and encrypted files), the household link (the person gets a
pseudonymous household of their own with a copy of the benefit months the integration
indicators need), every free-text field of every row that belongs to the person (found through
the model graph, ``privacy.graph``), the search index text and name sort keys, and the content of the person's
audit rows (redacted in place: who acted, when, on which record and why stays provable; what
the record contained before/after is removed).

Birth date: replaced by the coarsest date (1 July, 1 January or 31 December of the birth year,
then the 1st or 15th of the birth month) that gives the same completed age on every date of the
person's events; only if none does, the real date is kept.
Nationality: EU member states are kept (EECO13 needs the EU/third-country split); any other
code becomes ``unknown`` (counts as third-country, as before).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import models, transaction

from stufenweg.core.audit import audit_write
from stufenweg.core.auditguard import REDACTED
from stufenweg.core.models import AuditEntry
from stufenweg.core.time import age_on
from stufenweg.indicators.build import EU_COUNTRIES
from stufenweg.privacy.graph import free_text_fields, related_rows
from stufenweg.privacy.models import Anonymisation

# Free-text-looking columns that are really codes or keys the indicators and the exchange need.
KEEP_TEXT = {
    "journeys.journeyevent.event_id",
    "journeys.journeyevent.statuses",
    "casework.personsearch.text",  # rewritten to the pseudonym below
    "matching.targetoccupation.code",  # a KldB 2010 code (five digits), no free text
}
ANON_NAME = "anonymisiert"
EU = set(EU_COUNTRIES)  # the indicator engine's list, so both agree


def _coarse_birth_date(birth: dt.date, dates: list[dt.date]) -> dt.date:
    y, m = birth.year, birth.month
    candidates = [dt.date(y, 7, 1), dt.date(y, 1, 1), dt.date(y, 12, 31), dt.date(y, m, 1), dt.date(y, m, 15)]
    for candidate in candidates:
        if all(age_on(candidate, d) == age_on(birth, d) for d in dates):
            return candidate
    return birth


def _coarse_nationality(code: str) -> str:
    if not code:
        return code
    return code if code.upper() in EU else "unknown"


def _person_dates(person) -> list[dt.date]:
    from stufenweg.journeys.models import Enrolment, JourneyEvent

    dates = set(
        JourneyEvent.objects.filter(participation__person=person).values_list("occurred_on", flat=True)
    )
    for row in JourneyEvent.objects.filter(participation__person=person).values_list(
        "end_date", "planned_end"
    ):
        dates.update(d for d in row if d)
    for row in Enrolment.objects.filter(participation__person=person).values_list(
        "entered_on", "exited_on", "planned_end"
    ):
        dates.update(d for d in row if d)
    return sorted(dates)


def _split_household(person, pseudonym: str) -> None:
    from stufenweg.people.models import Household, HouseholdMonth

    if person.household_id is None:
        return
    months = list(HouseholdMonth.objects.filter(household_id=person.household_id))
    own = Household.objects.create(household_id=f"bg-{pseudonym}")
    HouseholdMonth.objects.bulk_create(
        [
            HouseholdMonth(household=own, month=m.month, members=m.members, llu=m.llu, kdu=m.kdu)
            for m in months
        ]
    )
    person.household = own


def _blank_free_text(person) -> dict[str, int]:
    cleared: dict[str, int] = {}
    for rows in related_rows(person):
        fields = [
            f
            for f in free_text_fields(rows.model)
            if f"{rows.model._meta.label_lower}.{f.name}" not in KEEP_TEXT
        ]
        if not fields:
            continue
        values = {f.attname: ("" if f.blank else ANON_NAME) for f in fields}
        cleared[rows.model._meta.label_lower] = rows.queryset.update(**values)
    return cleared


@transaction.atomic
def person_anonymise(*, person, by, reason: str = "retention") -> Anonymisation:
    """Anonymise ``person`` in one transaction; refuses a person anonymised before."""
    from stufenweg.people.models import Person

    person = Person.objects.select_for_update().get(pk=person.pk)
    if Anonymisation.objects.filter(person=person).exists():
        raise ValueError("Diese Person ist bereits anonymisiert.")
    pseudonym = "anon-" + secrets.token_hex(8)
    dates = _person_dates(person)

    documents_removed = _remove_documents(person)
    _split_household(person, pseudonym)
    person.person_id = pseudonym
    person.first_name = ANON_NAME
    person.last_name = ANON_NAME
    person.birth_date = _coarse_birth_date(person.birth_date, dates)
    person.nationality = _coarse_nationality(person.nationality)
    person.postcode = ""
    person.household_role = ""
    for field in free_text_fields(Person):
        if field.attname not in {"person_id", "first_name", "last_name", "nationality", "postcode"}:
            setattr(person, field.attname, "" if field.blank else ANON_NAME)
    person.save()

    cleared = _blank_free_text(person)
    _rewrite_search_index(person, pseudonym)
    redacted = (
        AuditEntry.objects.filter(person=person)
        .exclude(summary=REDACTED, before__isnull=True, after__isnull=True)
        .update(summary=REDACTED, before=None, after=None)
    )
    record = Anonymisation.objects.create(person=person, pseudonym=pseudonym, by=by, reason=reason)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        object_type="people.person",
        object_id=str(person.pk),
        person=person,
        summary=f"Person anonymisiert (Art. 17 DSGVO, {reason}); {redacted} Protokolleinträge geschwärzt",
        after={"cleared": cleared, "documents_removed": documents_removed},
        purpose="Löschung",
    )
    return record


def _remove_documents(person) -> int:
    """Delete the person's attached files: rows now, stored files once the transaction commits
    (a rollback leaves them in place, matching the rows)."""
    from stufenweg.people.documents import remove_file
    from stufenweg.people.models import Document

    names = list(Document.objects.filter(person=person).values_list("storage_name", flat=True))
    Document.objects.filter(person=person).delete()
    transaction.on_commit(lambda: [remove_file(name) for name in names])
    return len(names)


def _rewrite_search_index(person, pseudonym: str) -> None:
    from django.apps import apps

    try:
        model = apps.get_model("casework", "PersonSearch")
    except LookupError:
        return
    from stufenweg.casework.search import sort_key

    # the sort keys follow the anonymised names (the old ones would keep the name readable)
    model._base_manager.filter(person=person).update(
        text=pseudonym, last_key=sort_key(person.last_name), first_key=sort_key(person.first_name)
    )


def text_columns_of(model: type[models.Model]) -> list[str]:
    return [f.name for f in free_text_fields(model)]
