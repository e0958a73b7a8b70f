"""The loader writes the five programmes as data and only journeys that keep the rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.core.time import add_months, age_on
from stufenweg.demo import DemoAlreadyLoaded, demo_loaded, load_demo
from stufenweg.demo.context import DEMO_END
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.journeys.projection import rebuild_projections
from stufenweg.organisations.models import Organisation
from stufenweg.people.models import Household, HouseholdMonth, Person
from stufenweg.programmes.models import Measure, Programme, Stage


def test_every_programme_is_configured_as_data(small_demo, db):
    assert set(Programme.objects.values_list("code", flat=True)) == {"JPS", "SFS", "WP", "AMM", "AMIP-NOS"}
    assert list(Stage.objects.filter(programme__code="JPS").values_list("code", flat=True)) == [
        "QAB",
        "EZU",
        "S3",
        "S4",
    ]
    regional = Organisation.objects.filter(kind="regional_office").values_list("region__code", flat=True)
    assert set(regional) == {"BZ", "DD", "CMS", "ERZ", "Z", "V"}
    jps_measures = Measure.objects.filter(programme__code="JPS")
    assert jps_measures.values("provider").distinct().count() == 12
    for stage in ("QAB", "EZU", "S3", "S4"):
        assert jps_measures.filter(stages__code=stage).exists(), stage
    assert jps_measures.filter(stages__code="S3").filter(stages__code="S4").exists()  # mixed measures
    sfs_intake = Stage.objects.get(programme__code="SFS", code="EIN")
    assert (sfs_intake.min_age, sfs_intake.max_age, sfs_intake.min_unemployed_months) == (25, 57, 36)
    intensive = Stage.objects.get(programme__code="WP", code="P2")
    assert (intensive.max_months, intensive.extendable) == (8, False)
    wende_punkt = Programme.objects.get(code="WP")
    assert [(r.valid_from, r.ratio) for r in wende_punkt.caseload_ratios.order_by("valid_from")] == [
        (dt.date(2021, 1, 1), 50),
        (dt.date(2023, 1, 1), 65),
    ]


def test_the_database_is_marked_and_not_loaded_twice(small_demo, db):
    assert demo_loaded() is not None
    persons = Person.objects.count()
    with pytest.raises(DemoAlreadyLoaded):
        load_demo(seed=1, scale=0.03, out=lambda message: None)
    assert Person.objects.count() == persons


def test_the_log_replays_without_a_rule_violation(small_demo, db):
    assert JourneyEvent.objects.count() > 500
    assert not JourneyEvent.objects.filter(occurred_on__gt=DEMO_END).exists()
    assert not JourneyEvent.objects.filter(recorded_by__isnull=True).exists()
    count, problems = rebuild_projections()
    assert problems == []
    assert count == Participation.objects.count()


def test_enrolments_keep_stage_rules_and_capacity(small_demo, db):
    births = dict(Person.objects.values_list("pk", "birth_date"))
    for enrolment in Enrolment.objects.select_related("stage", "measure", "participation"):
        stage = enrolment.stage
        age = age_on(births[enrolment.participation.person_id], enrolment.entered_on)
        assert stage.min_age is None or age >= stage.min_age
        assert stage.max_age is None or age <= stage.max_age
        if stage.max_months and enrolment.planned_end:
            assert enrolment.planned_end <= add_months(enrolment.entered_on, stage.max_months)
        assert enrolment.measure.start <= enrolment.entered_on
    spans = defaultdict(list)
    for measure_id, entered, exited in Enrolment.objects.values_list("measure_id", "entered_on", "exited_on"):
        spans[measure_id].append((entered, exited or dt.date.max))
    places = dict(Measure.objects.values_list("pk", "places"))
    for measure_id, items in spans.items():
        for day, _ in items:  # occupancy on every entry day (an exit that day frees the place)
            taken = sum(1 for entered, exited in items if entered <= day < exited)
            assert taken <= places[measure_id]


def test_persons_and_households_look_like_the_seeds(small_demo, db):
    first_event = {}
    for person_id, occurred_on in JourneyEvent.objects.order_by("occurred_on").values_list(
        "participation__person_id", "occurred_on"
    ):
        first_event.setdefault(person_id, occurred_on)
    for person in Person.objects.filter(pk__in=first_event):
        assert 25 <= age_on(person.birth_date, first_event[person.pk]) <= 58
    assert set(Person.objects.values_list("gender", flat=True)) >= {"f", "m"}
    names = "".join(Person.objects.values_list("last_name", flat=True))
    assert any(ch in names for ch in "äöüß")
    mentees = Person.objects.filter(participations__programme__code="AMM")
    assert mentees.exists() and not mentees.filter(nationality="DE").exists()
    assert (
        not Person.objects.filter(participations__programme__code="JPS")
        .exclude(postcode__regex=r"^0[0-9]")
        .exists()
    )
    assert (
        not Person.objects.filter(participations__programme__code="WP")
        .exclude(postcode__startswith="44")
        .exists()
    )
    household = Household.objects.filter(members__participations__programme__code="WP").first()
    assert household is not None
    months = HouseholdMonth.objects.filter(household=household)
    assert months.exists() and all(m.llu > 0 and m.kdu > 0 for m in months)


def test_recent_activity_went_through_the_services_with_names(small_demo, db):
    staff_events = AuditEntry.objects.filter(action="event", actor__isnull=False)
    assert staff_events.exists()
    corrections = JourneyEvent.objects.filter(supersedes__isnull=False).exclude(kind="void")
    voids = JourneyEvent.objects.filter(kind="void")
    assert corrections.exists() and voids.exists()
    assert AuditEntry.objects.filter(action="correct", summary__contains="Korrektur").exists()
    assert AuditEntry.objects.filter(action="void", summary__contains="doppelt erfasst").exists()


def test_every_participation_has_a_caseworker_of_its_region(small_demo, db):
    participations = Participation.objects.select_related("region")
    assert not participations.filter(caseworker__isnull=True).exists()
    for participation in participations.filter(programme__code="JPS"):
        offices = Organisation.objects.filter(memberships__user=participation.caseworker)
        assert offices.filter(kind="regional_office", region=participation.region).exists()
    assert (
        AuditEntry.objects.filter(summary__startswith="Fallverantwortung").count() == participations.count()
    )
