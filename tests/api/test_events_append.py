"""Appending journey events through the API: same rules as the UI, errors per field, all or nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.utils import timezone

import stufenweg.api
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.organisations.models import Membership
from tests.api.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

URL = "/api/v1/events/"


def _post(client, **body):
    return client.post(URL, {"person_id": "PA-1", "programme": "JPS", **body}, format="json")


def test_an_exit_appended_via_the_api_shows_in_the_participation(journeys, as_persona):
    client = as_persona("provider")
    response = _post(
        client,
        event="exit",
        date="2022-09-30",
        exit_kind="early_positive",
        statuses=["minijob", "employed_svb"],
        reason="Arbeitsaufnahme",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["event"] == "exit" and body["date"] == "2022-09-30"
    assert body["statuses"] == ["employed_svb", "minijob"]  # canonical order of the exchange format
    assert body["recorded_by"] == "traeger"
    assert body["event_id"].startswith("sw-")

    participation = client.get(f"/api/v1/participations/{journeys.participation_a.pk}/").json()
    assert participation["state"] == "exited"
    assert participation["state_since"] == "2022-09-30"
    assert participation["enrolments"] == [
        {
            "measure": "MA",
            "stage": "S3",
            "entered_on": "2022-02-01",
            "planned_end": None,
            "exited_on": "2022-09-30",
            "exit_kind": "early_positive",
            "extensions": 0,
            "interrupted_since": None,
            "entry_event_id": journeys.entry_a.event_id,
            "exit_event_id": body["event_id"],
        }
    ]


def test_an_exit_before_the_entry_is_400_on_the_date_and_writes_nothing(journeys, as_persona):
    before = JourneyEvent.objects.count()
    response = _post(as_persona("regional"), event="exit", date="2022-01-20", exit_kind="regular")
    assert response.status_code == 400
    assert response.json() == {"date": ["„Austritt“ am 20.01.2022 liegt vor dem Eintritt am 01.02.2022."]}
    assert JourneyEvent.objects.count() == before
    journeys.participation_a.refresh_from_db()
    assert journeys.participation_a.state == "in_stage"


def test_a_date_in_the_future_is_refused(journeys, as_persona):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _post(as_persona("regional"), event="interruption", date=tomorrow.isoformat())
    assert response.status_code == 400
    assert response.json() == {"date": [f"Das Datum {tomorrow:%d.%m.%Y} liegt in der Zukunft."]}


def test_unknown_codes_name_their_field(journeys, as_persona):
    before = JourneyEvent.objects.count()
    response = _post(
        as_persona("coordinator"),
        event="stage_change",
        date="2022-05-02",
        change="planned",
        measure="GIBT-ES-NICHT",
        stage="S9",
        employer="AUCH-NICHT",
    )
    assert response.status_code == 400
    assert response.json() == {
        "measure": ["Unbekannter Code „GIBT-ES-NICHT“."],
        "employer": ["Unbekannter Code „AUCH-NICHT“."],
    }
    stage = _post(as_persona("coordinator"), event="waitlist", date="2022-05-02", stage="S9")
    assert stage.status_code == 400 and stage.json() == {"stage": ["Unbekannter Code „S9“."]}
    assert JourneyEvent.objects.count() == before


def test_a_missing_required_column_of_the_kind_is_named(journeys, as_persona):
    response = _post(as_persona("coordinator"), event="exit", date="2022-05-02")
    assert response.status_code == 400
    assert response.json() == {"exit_kind": ["Für „Austritt“ fehlt die Angabe „Austrittsart“."]}


def test_english_on_request(journeys, as_persona):
    client = as_persona("coordinator")
    response = client.post(URL, {"programme": "JPS"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["person_id"] == ["This field is required."]
    german = client.post(URL, {"programme": "JPS"}, format="json")
    assert german.json()["person_id"] == ["Dieses Feld ist zwingend erforderlich."]
    unknown = _post(client, event="waitlist", date="2022-05-02", measure="XX")
    english = client.post(
        URL,
        {"person_id": "PA-1", "programme": "JPS", "event": "waitlist", "date": "2022-05-02", "measure": "XX"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert unknown.json() == {"measure": ["Unbekannter Code „XX“."]}
    assert english.json() == {"measure": ["Unknown code “XX”."]}


def test_a_read_only_member_may_read_but_not_write(world, journeys):
    reader = MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.regional_a, role=Membership.Role.READ_ONLY
    ).user
    client = client_for(reader)
    assert client.get(f"/api/v1/participations/{journeys.participation_a.pk}/").status_code == 200
    before = JourneyEvent.objects.count()
    response = _post(client, event="interruption", date="2022-03-01")
    assert response.status_code == 403
    assert response.json() == {"detail": "Ihre Rolle erlaubt keine Änderungen über die API."}
    assert JourneyEvent.objects.count() == before


def test_writing_needs_the_role_in_the_organisation_that_sees_the_journey(world, journeys):
    """Read-only in regional office A (sees A), caseworker at provider B (does not see A): 403."""
    user = UserFactory(username="zweifach")
    MembershipFactory(user=user, organisation=world.regional_a, role=Membership.Role.READ_ONLY)
    MembershipFactory(user=user, organisation=world.provider_b, role=Membership.Role.CASEWORKER)
    client = client_for(user)
    assert _post(client, event="interruption", date="2022-03-01").status_code == 403
    on_b = client.post(
        URL,
        {"person_id": "PB-1", "programme": "JPS", "event": "interruption", "date": "2022-03-01"},
        format="json",
    )
    assert on_b.status_code == 201


def test_a_correction_supersedes_and_is_shown_on_both_events(journeys, as_persona):
    client = as_persona("provider")
    response = _post(
        client,
        event="entry",
        date="2022-02-01",
        measure="MA",
        stage="S3",
        planned_end="2022-12-31",
        supersedes=journeys.entry_a.event_id,
    )
    assert response.status_code == 201, response.content
    correction = response.json()
    assert correction["supersedes"] == journeys.entry_a.event_id
    old = client.get(f"{URL}{journeys.entry_a.pk}/").json()
    assert old["superseded_by"] == correction["event_id"]
    participation = Participation.objects.get(pk=journeys.participation_a.pk)
    assert participation.planned_end == dt.date(2022, 12, 31)


def test_a_correction_of_an_event_of_another_journey_is_refused(journeys, as_persona):
    response = _post(
        as_persona("coordinator"),
        event="entry",
        date="2022-02-01",
        measure="MA",
        stage="S3",
        supersedes=journeys.entry_b.event_id,
    )
    assert response.status_code == 400
    assert response.json() == {"supersedes": ["Das ersetzte Ereignis gibt es in diesem Verlauf nicht."]}


def test_a_void_must_name_its_target(journeys, as_persona):
    response = _post(as_persona("coordinator"), event="void", date="2022-03-01", reason="Irrtum")
    assert response.status_code == 400
    assert response.json() == {"supersedes": ["Eine Rücknahme muss das zurückgenommene Ereignis nennen."]}


def test_a_given_event_id_is_kept_and_cannot_be_used_twice(journeys, as_persona):
    client = as_persona("coordinator")
    first = _post(client, event="interruption", date="2022-03-01", event_id="QUELLE-1")
    assert first.status_code == 201 and first.json()["event_id"] == "QUELLE-1"
    again = _post(client, event="resumption", date="2022-03-02", event_id="QUELLE-1")
    assert again.status_code == 400
    assert list(again.json()) == ["event_id"]


def test_the_write_goes_through_the_service_with_its_audit_row(world, journeys, as_persona):
    response = _post(as_persona("regional"), event="interruption", date="2022-03-01", reason="Krankheit")
    event = JourneyEvent.objects.get(event_id=response.json()["event_id"])
    entry = AuditEntry.objects.get(
        action="event", object_type="journeys.journeyevent", object_id=str(event.pk)
    )
    assert entry.actor == world.personas["regional"] and entry.person == journeys.person_a
    assert entry.after["state"] == "interrupted"


def test_the_api_code_never_writes_models_itself():
    """Writes belong to the services (ARCHITECTURE.md habit 1); the API only calls them."""
    source = Path(stufenweg.api.__file__).parent
    offending = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path.name != "services.py"
        and re.search(
            r"\.objects\.(create|bulk_create|update|get_or_create)\(|\.save\(|\.delete\(", path.read_text()
        )
    ]
    assert offending == []
