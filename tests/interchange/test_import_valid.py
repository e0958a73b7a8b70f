"""A valid data set is written completely: master data, events, projection, audit."""

import datetime as dt
from decimal import Decimal

import pytest

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import Enrolment, JourneyEvent, Participation
from stufenweg.organisations.models import Region
from stufenweg.people.models import HouseholdMonth, Person
from stufenweg.programmes.models import Measure, Stage, Target

pytestmark = pytest.mark.django_db


def test_everything_is_written(dataset):
    result = import_exchange(dataset())
    assert result.problems == []
    assert result.written
    assert result.counts["events.csv"] == {"created": 13, "updated": 0, "unchanged": 0}
    assert result.counts["persons.csv"]["created"] == 3
    # A region row per code used; its name is the code.
    assert list(Region.objects.values_list("code", "name")) == [("RA", "RA")]
    measure = Measure.objects.get(code="MA")
    assert sorted(measure.stages.values_list("code", flat=True)) == ["S2", "S3"]
    assert Stage.objects.get(code="S3").max_months == 12
    anna = Person.objects.get(person_id="P1")
    assert (anna.first_name, anna.birth_date, anna.isced, anna.single_parent) == (
        "Anna",
        dt.date(1980, 5, 17),
        3,
        False,
    )
    assert anna.household.household_id == "BG1"
    assert HouseholdMonth.objects.get(month=dt.date(2022, 1, 1)).kdu == Decimal("420.50")
    assert Target.objects.get(indicator="prog.success_rate").target == Decimal("0.35")


def test_journeys_and_projection(dataset):
    import_exchange(dataset())
    states = dict(Participation.objects.values_list("person__person_id", "state"))
    # P1 exited and was followed up; P2's entry was corrected; P3 is in stage 2.
    assert states == {"P1": "followed_up", "P2": "in_stage", "P3": "in_stage"}
    p2 = Enrolment.objects.get(participation__person__person_id="P2")
    assert p2.entered_on == dt.date(2022, 2, 3)
    assert p2.entry_event.event_id == "E9"
    assert JourneyEvent.objects.get(event_id="E9").supersedes.event_id == "E6"
    assert JourneyEvent.objects.get(event_id="E12").supersedes.event_id == "E11"


def test_recorded_at_is_kept_with_its_offset(dataset):
    import_exchange(dataset())
    e9 = JourneyEvent.objects.get(event_id="E9")
    assert e9.recorded_at == dt.datetime(2022, 2, 4, 8, 0, 0, 250000, tzinfo=dt.UTC)
    e4 = JourneyEvent.objects.get(event_id="E4")
    assert e4.recorded_at == dt.datetime(2022, 7, 1, 6, 0, tzinfo=dt.UTC)


def test_empty_recorded_at_means_import_time(dataset):
    from tests.interchange.conftest import EVENTS

    events = EVENTS.replace(
        "E1,P1,JPS,referral,2022-01-03,2022-01-03T10:00:00+01:00,", "E1,P1,JPS,referral,2022-01-03,,"
    )
    before = dt.datetime.now(dt.UTC)
    import_exchange(dataset(events_csv=events))
    assert JourneyEvent.objects.get(event_id="E1").recorded_at >= before.replace(microsecond=0)


def test_audit_rows_for_objects_and_one_for_the_run(dataset):
    import_exchange(dataset())
    # one row per participation from the bulk path, one per created person …
    assert AuditEntry.objects.filter(action="import", object_type="journeys.participation").count() == 3
    assert AuditEntry.objects.filter(action="import", object_type="people.person").count() == 3
    assert AuditEntry.objects.filter(object_type="interchange.import").count() == 1


def test_semicolon_and_bom_are_detected(tmp_path):
    from tests.interchange.conftest import BASE, write_files

    files = {name: text.replace(",", ";") for name, text in BASE.items()}
    result = import_exchange(write_files(tmp_path / "semi", files, bom=True))
    assert result.problems == []
    assert JourneyEvent.objects.count() == 13
