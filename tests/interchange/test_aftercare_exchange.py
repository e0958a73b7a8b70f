"""After-placement support in the exchange format: after_placement_support.csv — by mentorship and
placement (an employment_start of events.csv), imported through
mentoring.import_services.aftercare_import, all or nothing, and round-tripped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from stufenweg.core.models import AuditEntry
from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from stufenweg.journeys.models import JourneyEvent
from stufenweg.mentoring.import_services import aftercare_import
from stufenweg.mentoring.models import AfterPlacementSupport, Mentorship
from tests.factories import UserFactory
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir
from tests.interchange.test_mentoring_exchange import BASE, MENTORSHIPS

pytestmark = pytest.mark.django_db

# P3 (mentored from 2022-07-04) starts work on 2022-09-01 (E15); E14 is P1's placement.
P3_PLACEMENT = (
    "E15,P3,JPS,employment_start,2022-09-01,2022-09-02T10:00:00+02:00,,,,,,,,,,,,,,,,AG-1,,,svb,38.5,,,\n"
)
HEAD = "person_id,programme,organisation,mentor,mentorship_start,placement,started_on,months,until\n"
SUPPORT = HEAD + "P3,JPS,AMM,mentorin,2022-07-04,E15,2022-09-01,6,\n"
FILES = {
    **BASE,
    "events_csv": BASE["events_csv"] + P3_PLACEMENT,
    "mentorships_csv": MENTORSHIPS,
    "after_placement_support_csv": SUPPORT,
}


@pytest.fixture(autouse=True)
def mentor(db):
    return UserFactory(username="mentorin")


def test_support_is_imported_and_round_trips(dataset, tmp_path, mentor):
    result = import_exchange(dataset(**FILES))
    assert lines(result) == []
    support = AfterPlacementSupport.objects.get()
    assert support.mentorship == Mentorship.objects.get(mentor=mentor)
    assert support.placement.event_id == "E15"
    assert support.participation.person.person_id == "P3"
    # an empty until: six months after 2022-09-01
    assert (support.started_on, support.months, support.until) == (
        dt.date(2022, 9, 1),
        6,
        dt.date(2023, 3, 1),
    )
    assert result.counts["after_placement_support.csv"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.IMPORT, summary__startswith="Nachbetreuung"
        ).count()
        == 1
    )

    again = import_exchange(dataset(**FILES))
    assert again.counts["after_placement_support.csv"] == {"created": 0, "updated": 0, "unchanged": 1}
    longer = SUPPORT.replace(",6,\n", ",9,2023-05-31\n")
    changed = import_exchange(dataset(**{**FILES, "after_placement_support_csv": longer}))
    assert lines(changed) == []
    assert changed.counts["after_placement_support.csv"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert AfterPlacementSupport.objects.get().until == dt.date(2023, 5, 31)

    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    assert (first / "after_placement_support.csv").read_text().splitlines() == [
        HEAD.strip(),
        "P3,JPS,AMM,mentorin,2022-07-04,E15,2022-09-01,9,2023-05-31",
    ]
    flush_domain_tables()
    assert AfterPlacementSupport.objects.count() == 0
    assert lines(import_exchange(first)) == []
    again = AfterPlacementSupport.objects.get()
    assert (again.placement.event_id, again.mentorship.started_on, again.months, again.until) == (
        "E15",
        dt.date(2022, 7, 4),
        9,
        dt.date(2023, 5, 31),
    )
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)


def test_a_directory_without_the_file_imports_as_before(dataset):
    files = {k: v for k, v in FILES.items() if k != "after_placement_support_csv"}
    result = import_exchange(dataset(**files))
    assert lines(result) == []
    assert AfterPlacementSupport.objects.count() == 0


def test_problems_are_named_and_nothing_is_written(dataset):
    support = SUPPORT + (
        "P3,JPS,AMM,mentorin,2022-07-04,E14,2022-06-15,6,\n"  # P1's placement
        "P3,JPS,AMM,mentorin,2022-07-04,E99,2022-09-01,6,\n"  # no such event
        "P3,JPS,AMM,mentorin,2022-07-04,E11,2022-09-01,6,\n"  # P3's, but not a placement
        "P3,JPS,AMM,mentorin,2022-07-04,E8,2022-09-01,40,\n"  # too many months
        "P3,JPS,AMM,mentorin,2022-07-04,E15,2022-10-01,6,\n"  # E15 a second time
    )
    result = import_exchange(dataset(**{**FILES, "after_placement_support_csv": support}))
    assert lines(result) == [
        "after_placement_support.csv, Zeile 3, Spalte placement: Das Ereignis ist kein Beschäftigungsbeginn "
        "der Teilnahme dieses Mentorings.",
        "after_placement_support.csv, Zeile 4, Spalte placement: Das Ereignis „E99“ gibt es weder in "
        "events.csv noch in Stufenweg.",
        "after_placement_support.csv, Zeile 5, Spalte placement: Das Ereignis ist kein Beschäftigungsbeginn "
        "der Teilnahme dieses Mentorings.",
        "after_placement_support.csv, Zeile 6, Spalte months: 40 ist zu groß (höchstens 36)",
        "after_placement_support.csv, Zeile 7, Spalte placement: Der Schlüssel E15 kommt mehrfach vor "
        "(zuerst in Zeile 2).",
    ]
    assert_nothing_written()
    assert AfterPlacementSupport.objects.count() == 0 and Mentorship.objects.count() == 0


def test_an_end_before_the_start_is_refused(dataset):
    support = HEAD + "P3,JPS,AMM,mentorin,2022-07-04,E15,2022-09-01,6,2022-08-31\n"
    result = import_exchange(dataset(**{**FILES, "after_placement_support_csv": support}))
    assert lines(result) == [
        "after_placement_support.csv, Zeile 2, Spalte until: Das Ende liegt vor dem Beginn.",
    ]
    assert AfterPlacementSupport.objects.count() == 0


def test_unknown_mentorship_is_refused(dataset):
    support = HEAD + "P3,JPS,AMM,mentorin,2022-07-05,E15,2022-09-01,6,\n"
    result = import_exchange(dataset(**{**FILES, "after_placement_support_csv": support}))
    assert lines(result) == [
        "after_placement_support.csv, Zeile 2, Spalte mentorship_start: Dieses Mentoring gibt es weder in "
        "mentorships.csv noch in Stufenweg."
    ]
    assert_nothing_written()
    assert AfterPlacementSupport.objects.count() == 0 and Mentorship.objects.count() == 0


def test_only_the_importer_may_write_support(dataset):
    files = {k: v for k, v in FILES.items() if k != "after_placement_support_csv"}
    assert lines(import_exchange(dataset(**files))) == []
    with pytest.raises(PermissionDenied):
        aftercare_import(
            mentorship=Mentorship.objects.get(),
            placement=JourneyEvent.objects.get(event_id="E15"),
            started_on=dt.date(2022, 9, 1),
            months=6,
            until=None,
            by=UserFactory(),  # no member of the coordination office
        )
    assert AfterPlacementSupport.objects.count() == 0
