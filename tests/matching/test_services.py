"""The matching's writes: the casework rule in the service itself (web, API and command line
alike), history instead of overwriting, and a choice that records the reasons and, on request, a
step in the support plan. Nothing is chosen without a caseworker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stufenweg.casework.models import PlanAction
from stufenweg.casework.services import goal_add
from stufenweg.core.models import AuditEntry
from stufenweg.matching import services
from stufenweg.matching.models import Availability, MatchChoice, Qualification, TargetOccupation
from stufenweg.organisations.models import Vacancy
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _vacancy(world, code="29302", **kw):
    return Vacancy.objects.create(
        employer=world.employer,
        title=kw.pop("title", "Koch/Köchin"),
        occupation=code,
        organisation=world.regional_a,
        **kw,
    )


@pytest.mark.parametrize("persona", ["coordinator", "regional", "provider"])
def test_delivering_writers_may_write(journey, world, persona):
    by = world.personas[persona]
    services.targets_set(participation=journey, codes=["29302"], hours=30, by=by)
    services.qualification_record(participation=journey, kind="licence", text="Klasse B", by=by)
    services.match_choose(participation=journey, measure=world.measure_a, by=by)
    assert (
        TargetOccupation.objects.count() == Qualification.objects.count() == MatchChoice.objects.count() == 1
    )


@pytest.mark.parametrize("persona", ["jobcenter", "mentor", "outsider", "dpo", "read_only"])
def test_others_are_refused_by_the_service(journey, world, read_only, persona):
    user = read_only if persona == "read_only" else world.personas[persona]
    calls = [
        lambda: services.targets_set(participation=journey, codes=["29302"], by=user),
        lambda: services.qualification_record(participation=journey, kind="school", text="Abitur", by=user),
        lambda: services.match_choose(participation=journey, measure=world.measure_a, by=user),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert not TargetOccupation.objects.exists() and not Qualification.objects.exists()
    assert not MatchChoice.objects.exists() and not Availability.objects.exists()


def test_a_provider_does_not_write_for_a_case_outside_its_measures(world):
    other = start_journey(world, PersonFactory(), region=world.region_b, referrer=world.jobcenter_b)
    with pytest.raises(PermissionDenied):
        services.targets_set(participation=other, codes=["29302"], by=world.personas["provider"])


def test_changing_targets_keeps_history_and_audits(journey, world):
    by = world.personas["regional"]
    services.targets_set(participation=journey, codes="29302, 63302", hours=30, by=by)
    current = services.targets_set(
        participation=journey, codes=["63302", "54101"], hours=25, available_from=dt.date(2027, 1, 1), by=by
    )
    assert [t.code for t in current] == ["63302", "54101"]
    ended = TargetOccupation.objects.get(code="29302")
    assert ended.ended_on is not None and ended.ended_by == by
    assert TargetOccupation.objects.count() == 3  # nothing deleted
    availability = Availability.objects.get(participation=journey)
    assert (availability.hours, availability.available_from) == (25, dt.date(2027, 1, 1))
    summaries = set(
        AuditEntry.objects.filter(person=journey.person, actor=by).values_list("summary", flat=True)
    )
    assert {
        "Berufsziel 29302 erfasst",
        "Berufsziel 29302 aufgegeben",
        "Berufsziel 54101 erfasst",
    } <= summaries
    assert "Verfügbarkeit erfasst" in summaries


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ([], "mindestens ein Berufsziel"),
        (["2930"], "fünfstelliger Schlüssel"),
        (["99902"], "keine Berufsgruppe"),
        (["29302", "29301", "63302", "54101"], "Höchstens 3"),
    ],
)
def test_bad_targets_are_refused_with_a_german_message_and_nothing_written(journey, world, codes, message):
    services.targets_set(participation=journey, codes=["29302"], by=None)
    with pytest.raises(ValidationError) as exc:
        services.targets_set(participation=journey, codes=codes, hours=20, by=world.personas["regional"])
    assert message in str(exc.value.message_dict["codes"])
    assert list(TargetOccupation.objects.values_list("code", "ended_on")) == [("29302", None)]
    assert not Availability.objects.exists()


def test_choosing_a_measure_records_reasons_and_a_plan_step(journey, world):
    by = world.personas["regional"]
    world.measure_a.occupations = "29302"
    world.measure_a.save()
    services.targets_set(participation=journey, codes=["29301"], by=by)
    goal = goal_add(
        participation=journey, title="Arbeit in der Küche", key_area="qualification", due_on=None, by=by
    )
    choice = services.match_choose(
        participation=journey, measure=world.measure_a, goal=goal, note="Gespräch", by=by
    )
    assert choice.reasons.startswith("gleiche Berufsgruppe 293 Speisenzubereitung; Region")
    # measure_a: 3 places, the participant's own place does not count against it
    assert choice.reasons.endswith("3 freie Plätze")
    assert choice.plan_action == PlanAction.objects.get(goal=goal)
    assert "MA" in choice.plan_action.description
    assert (
        AuditEntry.objects.filter(person=journey.person, summary__startswith="Vorschlag gewählt").count() == 1
    )


def test_a_full_measure_and_a_closed_vacancy_are_refused(journey, world):
    by = world.personas["regional"]
    world.measure_b.places = 1
    world.measure_b.save()
    other = start_journey(world, PersonFactory(), region=world.region_b, referrer=world.jobcenter_b)
    enter(world, other, measure=world.measure_b, stage=world.s4, on=dt.date(2024, 2, 1))
    with pytest.raises(ValidationError, match="keinen freien Platz"):
        services.match_choose(participation=journey, measure=world.measure_b, by=by)
    closed = _vacancy(world, status="filled", closed_on=dt.date.today())
    with pytest.raises(ValidationError, match="nicht mehr offen"):
        services.match_choose(participation=journey, vacancy=closed, by=by)
    assert not MatchChoice.objects.exists()


def test_choosing_a_vacancy_records_its_reasons(journey, world):
    by = world.personas["provider"]
    services.targets_set(participation=journey, codes=["29302"], hours=30, by=by)
    vacancy = _vacancy(world, hours=25, places=2)
    choice = services.match_choose(participation=journey, vacancy=vacancy, by=by)
    assert choice.reasons == (
        "gleicher Beruf 29302 Speisenzubereitung (fachlich ausgerichtete Tätigkeiten); Region Region A; "
        "Beginn sofort; 2 Plätze; 25 Wochenstunden, passend (höchstens 30)"
    )


def test_a_choice_needs_exactly_one_target(journey, world):
    with pytest.raises(ValidationError):
        services.match_choose(participation=journey, by=world.personas["regional"])
    with pytest.raises(ValidationError):
        services.match_choose(
            participation=journey,
            measure=world.measure_a,
            vacancy=_vacancy(world),
            by=world.personas["regional"],
        )
    assert not MatchChoice.objects.exists()
