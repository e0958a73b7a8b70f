"""The features of a journey on a day, counted by hand on small made-up journeys."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.casework.models import Appointment, Contact, ContactKind
from stufenweg.earlywarning.features import (
    AGE_BANDS,
    Facts,
    Spell,
    facts_of,
    feature_names,
    reason_text,
    spells,
    vector,
)
from stufenweg.journeys import services
from stufenweg.journeys.models import Enrolment, Participation

D = dt.date


def spell(**kw):
    base = {
        "participation_id": 1,
        "person_id": 1,
        "birth_date": D(2000, 6, 15),
        "stage_code": "S3",
        "entered_on": D(2025, 1, 1),
        "exited_on": None,
        "exit_kind": "",
    }
    base.update(kw)
    return Spell(**base)


def test_the_columns_are_the_journey_features_then_stages_then_age_bands():
    names = feature_names(["S2", "S3"])
    assert names[:5] == [
        "missed_appointments",
        "days_without_contact",
        "interruptions",
        "interrupted_now",
        "days_in_stage",
    ]
    assert names[5:7] == ["stage:S2", "stage:S3"]
    assert names[7:] == [f"age:{band}" for band in ("<18", "18-24", "25-29", "30-44", "45-54", "55+")]
    assert len(AGE_BANDS) == 6


def test_vector_on_a_made_up_journey():
    facts = Facts(
        # 2 in the 90 days up to 1 April (2 Jan is outside: 1 Jan..1 Apr is 90 days, window is (1 Jan, 1 Apr])
        missed=[D(2025, 1, 1), D(2025, 2, 10), D(2025, 3, 31), D(2025, 4, 2)],
        contacts=[D(2025, 1, 5), D(2025, 3, 2), D(2025, 4, 20)],
        interruptions=[D(2024, 12, 1), D(2025, 2, 1), D(2025, 3, 20)],
        resumptions=[D(2025, 2, 15)],
    )
    day = D(2025, 4, 1)
    v = vector(spell(), facts, day, ["S2", "S3", "S4"])
    assert v["missed_appointments"] == 2  # 10 Feb and 31 Mar; 1 Jan lies 90 days back, 2 Apr after
    assert v["days_without_contact"] == 30  # last contact 2 Mar
    assert v["interruptions"] == 2  # 1 Feb and 20 Mar; 1 Dec 2024 was before this stage
    assert v["interrupted_now"] == 1  # interrupted 20 Mar, not resumed since
    assert v["days_in_stage"] == 90
    assert (v["stage:S2"], v["stage:S3"], v["stage:S4"]) == (0, 1, 0)
    assert v["age:18-24"] == 1  # 24 on 1 April 2025
    assert sum(v[f"age:{b}"] for b in AGE_BANDS) == 1


def test_without_contacts_the_days_count_from_the_entry_and_stop_at_a_year():
    assert vector(spell(), Facts(), D(2025, 1, 31), ["S3"])["days_without_contact"] == 30
    assert vector(spell(), Facts(), D(2027, 1, 1), ["S3"])["days_without_contact"] == 365
    assert vector(spell(), Facts(), D(2027, 1, 1), ["S3"])["days_in_stage"] == 365


def test_a_resumption_ends_the_interruption():
    facts = Facts(interruptions=[D(2025, 2, 1)], resumptions=[D(2025, 2, 20)])
    assert vector(spell(), facts, D(2025, 2, 10), ["S3"])["interrupted_now"] == 1
    assert vector(spell(), facts, D(2025, 3, 1), ["S3"])["interrupted_now"] == 0


def test_the_age_band_is_taken_on_the_day():
    person_turning_25 = spell(birth_date=D(2000, 6, 15))
    assert vector(person_turning_25, Facts(), D(2025, 6, 14), [])["age:18-24"] == 1
    assert vector(person_turning_25, Facts(), D(2025, 6, 15), [])["age:25-29"] == 1


def test_reasons_in_german_words():
    assert reason_text("missed_appointments", 3, {}) == "3 versäumte Termine in den letzten 90 Tagen"
    assert reason_text("missed_appointments", 1, {}) == "1 versäumter Termin in den letzten 90 Tagen"
    assert reason_text("days_without_contact", 74, {}) == "seit 74 Tagen kein Kontakt"
    assert reason_text("stage:S3", 1, {"S3": "Stufe 3 – IEB"}) == "Stufe „Stufe 3 – IEB“"
    assert reason_text("interrupted_now", 1, {}) == "derzeit unterbrochen"
    # a short stay raises the risk where dropouts happen early: said as such
    assert reason_text("days_in_stage", 40, {}, below_average=True) == "erst seit 40 Tagen in der Stufe"


@pytest.mark.django_db
def test_facts_and_spells_come_from_the_journey(world, journey):
    """Appointments (only missed ones), contacts and the interruption of a real journey."""
    from stufenweg.earlywarning.features import _local_date

    p = journey
    tz_day = dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)
    Appointment.objects.create(participation=p, starts_at=tz_day, kind=ContactKind.PHONE, status="missed")
    Appointment.objects.create(
        participation=p, starts_at=tz_day + dt.timedelta(days=7), kind=ContactKind.PHONE, status="done"
    )
    Contact.objects.create(participation=p, kind=ContactKind.PHONE, occurred_on=D(2024, 3, 1))
    services.enrolment_interrupt(participation=p, on=D(2024, 4, 1), reason="Krankheit", by=None)
    facts = facts_of(Participation.objects.filter(pk=p.pk))[p.pk]
    assert facts.missed == [_local_date(tz_day)]
    assert facts.contacts == [D(2024, 3, 1)]
    assert facts.interruptions == [D(2024, 4, 1)]
    [s] = spells(Enrolment.objects.filter(participation=p))
    assert (s.stage_code, s.entered_on, s.exited_on, s.birth_date) == (
        "S3",
        D(2024, 2, 1),
        None,
        D(1980, 5, 17),
    )
    v = vector(s, facts, D(2024, 4, 10), ["S2", "S3", "S4"])
    assert (
        v["missed_appointments"],
        v["days_without_contact"],
        v["interruptions"],
        v["interrupted_now"],
    ) == (
        1,
        40,
        1,
        1,
    )
