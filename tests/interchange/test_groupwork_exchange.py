"""Group work in the exchange format: group_events.csv, group_sessions.csv, group_bookings.csv,
group_attendance.csv — imported through the group-work services (capacity and waiting list,
attendance only for booked places at held sessions), all or nothing, and round-tripped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from stufenweg.groupwork import services as group_services
from stufenweg.groupwork.models import Attendance, Booking, GroupEvent, GroupSession
from stufenweg.interchange.exporting import programme_export
from stufenweg.interchange.importer import import_exchange
from tests.interchange.conftest import replace_line
from tests.interchange.helpers import assert_nothing_written, flush_domain_tables, lines, read_dir

pytestmark = pytest.mark.django_db

# P1 has left the programme (2022-06-30); P2 and P3 are in a stage.
GROUP_EVENTS = """code,kind,title,organiser,programmes,region,place,capacity,description,status,cancel_reason
GW1,workshop,JOBfabrik Bewerbungstraining,JC-A,JPS,RA,JOBfabrik,1,Zwei Vormittage,,
GW2,job_cafe,JOBcafé März,BDL-A,JPS,,Café,5,,cancelled,Raum nicht verfügbar
"""
GROUP_SESSIONS = """event,date,starts_at,ends_at
GW1,2022-08-01,09:00,12:00
GW1,2022-08-08,09:00,12:30
GW2,2022-09-01,14:00,16:00
"""
GROUP_BOOKINGS = """event,person_id,programme,status,waiting_position,booked_at,cancelled_at
GW1,P2,JPS,booked,,2022-07-20T10:00:00+02:00,
GW1,P3,JPS,waiting,1,2022-07-21T11:00:00+02:00,
GW2,P3,JPS,booked,,2022-07-22T09:00:00+02:00,
"""
GROUP_ATTENDANCE = """event,date,starts_at,person_id,programme,status,recorded_at
GW1,2022-08-01,09:00,P2,JPS,attended,2022-08-01T13:00:00+02:00
GW1,2022-08-08,09:00,P2,JPS,excused,
"""
GROUP_FILES = {
    "group_events_csv": GROUP_EVENTS,
    "group_sessions_csv": GROUP_SESSIONS,
    "group_bookings_csv": GROUP_BOOKINGS,
    "group_attendance_csv": GROUP_ATTENDANCE,
}


def _with(**overrides) -> dict:
    return {**GROUP_FILES, **overrides}


def test_the_group_files_are_imported(dataset):
    result = import_exchange(dataset(**GROUP_FILES))
    assert lines(result) == []
    assert result.written
    gw1, gw2 = GroupEvent.objects.get(code="GW1"), GroupEvent.objects.get(code="GW2")
    assert (gw1.kind, gw1.title, gw1.organiser.code, gw1.region.code, gw1.capacity) == (
        "workshop",
        "JOBfabrik Bewerbungstraining",
        "JC-A",
        "RA",
        1,
    )
    assert list(gw1.programmes.values_list("code", flat=True)) == ["JPS"]
    assert gw2.region.code == "RA"  # empty: the organiser's region
    assert (gw2.status, gw2.cancel_reason) == ("cancelled", "Raum nicht verfügbar")
    assert [str(s) for s in gw1.sessions.all()] == ["01.08.2022 09:00–12:00", "08.08.2022 09:00–12:30"]
    bookings = {
        (b.event.code, b.participation.person.person_id): (b.status, b.waiting_position)
        for b in Booking.objects.select_related("event", "participation__person")
    }
    assert bookings == {
        ("GW1", "P2"): ("booked", None),
        ("GW1", "P3"): ("waiting", 1),  # one place: the second booking waits
        ("GW2", "P3"): ("booked", None),  # stays booked when its event is cancelled
    }
    booked = Booking.objects.get(event=gw1, participation__person__person_id="P2")
    assert booked.booked_at.isoformat() == "2022-07-20T08:00:00+00:00"
    assert sorted(Attendance.objects.values_list("session__date", "status")) == [
        (dt.date(2022, 8, 1), "attended"),
        (dt.date(2022, 8, 8), "excused"),
    ]
    assert result.counts["group_events.csv"] == {"created": 2, "updated": 0, "unchanged": 0}
    assert result.counts["group_bookings.csv"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert result.counts["group_attendance.csv"] == {"created": 2, "updated": 0, "unchanged": 0}


def test_importing_the_same_files_again_changes_nothing(dataset):
    directory = dataset(**GROUP_FILES)
    assert import_exchange(directory).ok
    again = import_exchange(directory)
    assert lines(again) == []
    for name, rows in (
        ("group_events.csv", 2),
        ("group_sessions.csv", 3),
        ("group_bookings.csv", 3),
        ("group_attendance.csv", 2),
    ):
        assert again.counts[name] == {"created": 0, "updated": 0, "unchanged": rows}, name
    assert GroupEvent.objects.count() == 2
    assert Booking.objects.count() == 3


def test_round_trip_with_group_work(dataset, tmp_path):
    assert import_exchange(dataset(**GROUP_FILES)).ok
    # a booking cancelled later, an event made in the web (no code: exported as GE-<id>)
    web_event = group_services.group_event_create(
        kind="information",
        title="Infoveranstaltung",
        organiser=GroupEvent.objects.get(code="GW1").organiser,
        programmes=list(GroupEvent.objects.get(code="GW1").programmes.all()),
        place="Saal",
        capacity=3,
        sessions=[(dt.date(2022, 10, 4), dt.time(10), dt.time(11))],
        by=None,
    )
    p3 = Booking.objects.get(event__code="GW1", participation__person__person_id="P3").participation
    cancelled = group_services.booking_create(event=web_event, participation=p3, by=None)
    group_services.booking_cancel(booking=cancelled, by=None)

    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    events = (first / "group_events.csv").read_text()
    assert f"GE-{web_event.pk},information,Infoveranstaltung,JC-A,JPS,RA,Saal,3,,active," in events
    assert "GW1,P3,JPS,waiting,1,2022-07-21T11:00:00+02:00," in (first / "group_bookings.csv").read_text()
    assert "GW1,2022-08-01,09:00,P2,JPS,attended,2022-08-01T13:00:00+02:00" in (
        (first / "group_attendance.csv").read_text()
    )

    # the export names the web event by GE-<id>: re-imported into the same database it is that event
    same = import_exchange(first)
    assert lines(same) == []
    assert same.counts["group_events.csv"] == {"created": 0, "updated": 0, "unchanged": 3}

    flush_domain_tables()
    assert GroupEvent.objects.count() == 0
    result = import_exchange(first)
    assert lines(result) == []
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)
    assert Booking.objects.filter(status="cancelled").count() == 1


def test_a_directory_without_group_files_exports_them_empty(dataset, tmp_path):
    assert import_exchange(dataset()).ok
    programme_export(programme_code="JPS", path=tmp_path / "out")
    files = read_dir(tmp_path / "out")
    assert files["group_events.csv"] == (
        b"code,kind,title,organiser,programmes,region,place,capacity,description,status,cancel_reason\r\n"
    )
    assert files["group_attendance.csv"] == b"event,date,starts_at,person_id,programme,status,recorded_at\r\n"


def test_the_capacity_decides_and_a_bad_file_writes_nothing(dataset):
    bookings = GROUP_BOOKINGS.replace("GW1,P3,JPS,waiting,1,", "GW1,P3,JPS,booked,,")
    result = import_exchange(dataset(**_with(group_bookings_csv=bookings)))
    assert lines(result) == [
        "group_bookings.csv, Zeile 3, Spalte status: Das Gruppenangebot hat nur 1 Plätze; "
        "diese Buchung käme auf die Warteliste."
    ]
    assert not result.written
    assert_nothing_written()
    assert GroupEvent.objects.count() == GroupSession.objects.count() == Booking.objects.count() == 0


def test_every_problem_is_reported_with_file_row_column(dataset):
    events = replace_line(GROUP_EVENTS, "JOBfabrik,1,", "JOBfabrik,null,")
    events += "GW3,workshop,Ohne Programm,JC-A,XYZ,,Ort,2,,,\n"
    sessions = GROUP_SESSIONS + "GW2,2022-09-02,25:00,26:00\nGW9,2022-09-03,10:00,11:00\n"
    bookings = GROUP_BOOKINGS + "GW2,P1,JPS,booked,,,\nGW2,P7,JPS,booked,,,\n"
    attendance = GROUP_ATTENDANCE + (
        "GW2,2022-09-01,14:00,P2,JPS,attended,\n"  # P2 is not booked on GW2
        "GW2,2022-09-05,14:00,P3,JPS,attended,\n"  # no such session
    )
    result = import_exchange(
        dataset(
            group_events_csv=events,
            group_sessions_csv=sessions,
            group_bookings_csv=bookings,
            group_attendance_csv=attendance,
        )
    )
    assert lines(result) == [
        "group_events.csv, Zeile 2, Spalte capacity: null ist keine ganze Zahl",
        "group_events.csv, Zeile 4, Spalte programmes: Das Programm „XYZ“ ist nicht bekannt.",
        "group_sessions.csv, Zeile 5, Spalte ends_at: 26:00 ist keine gültige Uhrzeit (SS:MM)",
        "group_sessions.csv, Zeile 5, Spalte starts_at: 25:00 ist keine gültige Uhrzeit (SS:MM)",
        "group_sessions.csv, Zeile 6, Spalte event: Das Gruppenangebot „GW9“ ist nicht bekannt.",
        "group_bookings.csv, Zeile 5, Spalte person_id: Die Teilnahme ist beendet; sie kann nicht gebucht werden.",
        "group_bookings.csv, Zeile 6, Spalte person_id: Die Person „P7“ hat keine Teilnahme im Programm „JPS“.",
        "group_attendance.csv, Zeile 4, Spalte person_id: Die Person „P2“ ist für dieses Gruppenangebot nicht gebucht.",
        "group_attendance.csv, Zeile 5, Spalte date: Das Gruppenangebot hat keinen Termin am 2022-09-05 um 14:00.",
    ]
    assert_nothing_written()


def test_attendance_only_for_booked_places_and_held_sessions(dataset):
    future = dt.date.today() + dt.timedelta(days=30)
    sessions = GROUP_SESSIONS + f"GW1,{future.isoformat()},09:00,12:00\n"
    attendance = GROUP_ATTENDANCE + (
        "GW1,2022-08-01,09:00,P3,JPS,attended,\n"  # P3 waits: no place, no attendance
        f"GW1,{future.isoformat()},09:00,P2,JPS,attended,\n"
    )
    result = import_exchange(dataset(**_with(group_sessions_csv=sessions, group_attendance_csv=attendance)))
    assert lines(result) == [
        "group_attendance.csv, Zeile 4, Spalte event: Eine der Buchungen gehört nicht (mehr) zu diesem Angebot.",
        "group_attendance.csv, Zeile 5, Spalte event: Der Termin liegt in der Zukunft; "
        "die Anwesenheit kann noch nicht erfasst werden.",
    ]
    assert_nothing_written()


def test_problems_in_english(dataset):
    bookings = GROUP_BOOKINGS + "GW2,P7,JPS,booked,,,\n"
    with translation.override("en"):
        result = import_exchange(dataset(**_with(group_bookings_csv=bookings)))
        assert lines(result) == [
            "group_bookings.csv, line 5, column person_id: The person “P7” has no participation in the "
            "programme “JPS”."
        ]


# --- support services: services.csv, barriers.csv, support_phases.csv --------------------------------

SERVICES = """person_id,programme,kind,provider,planned_on,referred_on,started_on,ended_on,declined_on
P2,JPS,debt,Schuldnerberatung Torgau,2022-03-01,2022-03-10,2022-04-01,2022-09-30,
P3,JPS,bsk,,2022-07-05,,,,2022-07-20
"""
BARRIERS = """person_id,programme,kind,present,assessed_on
P2,JPS,debt,yes,2022-02-15
P2,JPS,debt,no,2022-10-01
P3,JPS,language,yes,2022-07-02
"""
SUPPORT_PHASES = """person_id,programme,on,phase,phase_name
P2,JPS,2022-02-10,1,Profiling (Potenzialanalyse)
P2,JPS,2022-03-01,2,Zielfestlegung
P3,JPS,2022-07-02,1,
"""
SUPPORT_FILES = {"services_csv": SERVICES, "barriers_csv": BARRIERS, "support_phases_csv": SUPPORT_PHASES}


def test_the_support_files_are_imported_and_round_trip(dataset, tmp_path):
    from stufenweg.support.models import Barrier, PhaseChange, ServiceReferral

    result = import_exchange(dataset(**GROUP_FILES, **SUPPORT_FILES))
    assert lines(result) == []
    debt = ServiceReferral.objects.get(kind="debt")
    assert (debt.status, debt.provider, debt.started_on, debt.ended_on) == (
        "ended",
        "Schuldnerberatung Torgau",
        dt.date(2022, 4, 1),
        dt.date(2022, 9, 30),
    )
    assert list(debt.steps.values_list("status", flat=True)) == ["planned", "referred", "started", "ended"]
    assert ServiceReferral.objects.get(kind="bsk").status == "declined"
    assert sorted(Barrier.objects.values_list("kind", "present", "assessed_on")) == [
        ("debt", False, dt.date(2022, 10, 1)),
        ("debt", True, dt.date(2022, 2, 15)),
        ("language", True, dt.date(2022, 7, 2)),
    ]
    assert [c.phase.position for c in PhaseChange.objects.order_by("on")] == [1, 2, 1]
    assert result.counts["services.csv"] == {"created": 2, "updated": 0, "unchanged": 0}

    again = import_exchange(dataset(**GROUP_FILES, **SUPPORT_FILES))
    assert again.counts["barriers.csv"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert again.counts["support_phases.csv"] == {"created": 0, "updated": 0, "unchanged": 3}

    first = tmp_path / "first"
    programme_export(programme_code="JPS", path=first)
    services_csv = (first / "services.csv").read_text()
    assert "P2,JPS,debt,Schuldnerberatung Torgau,2022-03-01,2022-03-10,2022-04-01,2022-09-30," in services_csv
    assert "P3,JPS,2022-07-02,1,Profiling (Potenzialanalyse)" in (first / "support_phases.csv").read_text()
    flush_domain_tables()
    assert ServiceReferral.objects.count() == 0
    assert lines(import_exchange(first)) == []
    second = tmp_path / "second"
    programme_export(programme_code="JPS", path=second)
    assert read_dir(first) == read_dir(second)


def test_the_support_rules_decide_and_a_bad_file_writes_nothing(dataset):
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    services_csv = SERVICES + "P3,JPS,health,,2022-08-01,,,2022-09-01,\n"  # ended, never started
    barriers = BARRIERS + f"P3,JPS,housing,yes,{future}\n"
    phases = SUPPORT_PHASES + "P3,JPS,2022-08-01,9,\nP2,JPS,2022-04-01,2,Falscher Name\n"
    result = import_exchange(
        dataset(**GROUP_FILES, services_csv=services_csv, barriers_csv=barriers, support_phases_csv=phases)
    )
    assert lines(result) == [
        "services.csv, Zeile 4, Spalte ended_on: Dieser Stand kann nicht auf den bisherigen folgen. "
        "Für einen Fehler gibt es die Korrektur.",
        "barriers.csv, Zeile 5, Spalte assessed_on: Das Datum liegt in der Zukunft.",
        "support_phases.csv, Zeile 5, Spalte phase: Diese Phase gehört nicht zum Programm der Teilnahme.",
        "support_phases.csv, Zeile 6, Spalte phase_name: Die Phase 2 heißt in Zeile 3 „Zielfestlegung“; "
        "jede Phase hat in allen Zeilen denselben Namen.",
    ]
    assert_nothing_written()
