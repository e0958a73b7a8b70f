"""Barriers, phase changes of the support plan (and the programme's phases) and profile categories
over the API: written through ``support.services`` with the web's casework rule (404 outside
sight, 403 for who may not write, 400 per field and nothing written), read within sight, the
history as rows with ``current=true`` for the newest, every read audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.support import services
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, SupportPhase

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=30)
FUTURE = TODAY + dt.timedelta(days=3)


def _day(days_ago: int) -> str:
    return (TODAY - dt.timedelta(days=days_ago)).isoformat()


def _body(person_id: str = "PA-1", **changes) -> dict:
    return {"person_id": person_id, "programme": "JPS", **changes}


def _post(client, path: str, body: dict):
    return client.post(f"/api/v1/{path}/", body, format="json")


# --- authority: the casework rule, as on the web ---------------------------------------------------


@pytest.mark.parametrize(
    "path,body",
    [
        ("barriers", {"kind": "mobility", "present": True, "assessed_on": _day(30)}),
        ("phase-changes", {"phase": 1, "on": _day(30)}),
        ("profile-ratings", {"category": "support", "assessed_on": _day(30)}),
    ],
)
def test_who_may_write_casework_writes_the_entries(path, body, world, journeys, as_persona):
    model = {"barriers": Barrier, "phase-changes": PhaseChange, "profile-ratings": ProfileRating}[path]
    created = _post(as_persona("provider"), path, _body(**body))
    assert created.status_code == 201, created.json()
    assert created.json()["person_id"] == "PA-1" and created.json()["programme"] == "JPS"
    # the Jobcenter sees PA-1 but records no casework; region A does not see PB-1; nor the mentor PA-1
    refused = _post(as_persona("jobcenter"), path, _body(**body))
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Sie dürfen für diese Teilnahme keine Fallarbeit erfassen."}
    assert _post(as_persona("regional"), path, _body("PB-1", **body)).status_code == 404
    assert _post(as_persona("mentor"), path, _body(**body)).status_code == 404
    # a person that does not exist at all gets the same answer as one out of sight
    hidden = _post(as_persona("regional"), path, _body("PB-1", **body)).json()
    assert _post(as_persona("regional"), path, _body("GIBT-ES-NICHT", **body)).json() == hidden
    assert model.objects.count() == 1
    assert AuditEntry.objects.filter(action="create", person=journeys.person_a).count() == 1


def test_bad_values_are_refused_per_field_and_nothing_is_written(world, journeys, as_persona):
    client = as_persona("regional")
    future = _post(client, "barriers", _body(kind="debt", present=True, assessed_on=FUTURE.isoformat()))
    assert future.status_code == 400
    assert future.json() == {"assessed_on": ["Das Datum liegt in der Zukunft."]}
    unknown = _post(client, "barriers", _body(kind="weather", present=True, assessed_on=_day(3)))
    assert unknown.status_code == 400 and set(unknown.json()) == {"kind"}
    profile = _post(client, "profile-ratings", _body(category="support", assessed_on=FUTURE.isoformat()))
    assert profile.json() == {"assessed_on": ["Das Datum liegt in der Zukunft."]}
    phase = _post(client, "phase-changes", _body(phase=5, on=_day(3)))  # the default phases: four
    assert phase.json() == {"phase": ["Diese Phase gehört nicht zum Programm der Teilnahme."]}
    assert not Barrier.objects.exists() and not ProfileRating.objects.exists()
    assert not PhaseChange.objects.exists()


# --- phases: the programme's, by position, the name checked --------------------------------------


def test_phase_changes_name_the_programmes_phases(world, journeys, as_persona):
    client = as_persona("regional")
    services.phases_configure(programme=world.programme, names=["Eingangsphase", "Hauptphase"], by=None)
    phases = client.get("/api/v1/support-phases/?programme=JPS").json()
    assert [(p["position"], p["name"], p["active"]) for p in phases["results"]] == [
        (1, "Eingangsphase", True),
        (2, "Hauptphase", True),
    ]
    first = _post(client, "phase-changes", _body(phase=1, on=_day(40), phase_name="eingangsphase"))
    assert first.status_code == 201, first.json()
    assert (first.json()["phase"], first.json()["phase_name"]) == (1, "Eingangsphase")
    wrong = _post(client, "phase-changes", _body(phase=2, on=_day(20), phase_name="Zielfestlegung"))
    assert wrong.status_code == 400
    assert wrong.json() == {"phase_name": ["Die Phase 2 des Programms heißt „Hauptphase“."]}
    earlier = _post(client, "phase-changes", _body(phase=2, on=_day(50)))
    assert earlier.json() == {"on": ["Das Datum liegt vor dem Beginn der bisherigen Phase."]}
    assert _post(client, "phase-changes", _body(phase=2, on=_day(20))).status_code == 201
    assert PhaseChange.objects.count() == 2

    # a phase set out of use stays in the history, by its name; it is no longer offered
    services.phases_configure(programme=world.programme, names=["Eingangsphase"], by=None)
    phases = client.get("/api/v1/support-phases/").json()["results"]
    assert [(p["programme"], p["position"], p["active"]) for p in phases] == [
        ("JPS", 1, True),
        ("JPS", 2, False),
    ]
    history = client.get("/api/v1/phase-changes/?person_id=PA-1").json()["results"]
    assert [(c["on"], c["phase"], c["phase_name"]) for c in history] == [
        (_day(40), 1, "Eingangsphase"),
        (_day(20), 2, "Hauptphase"),
    ]
    again = _post(client, "phase-changes", _body(phase=2, on=_day(10)))
    assert again.json() == {"phase": ["Diese Phase gehört nicht zum Programm der Teilnahme."]}


def test_a_programme_without_own_phases_lists_the_four_default_phases(world, journeys, as_persona):
    listed = as_persona("provider").get("/api/v1/support-phases/").json()
    assert [p["name"] for p in listed["results"]] == [
        "Profiling (Potenzialanalyse)",
        "Zielfestlegung",
        "Strategieauswahl",
        "Umsetzung und Nachhalten",
    ]
    assert not SupportPhase.objects.exists()  # reading writes nothing
    assert as_persona("provider").get("/api/v1/support-phases/?programme=NOPE").json()["count"] == 0
    assert as_persona("outsider").get("/api/v1/support-phases/").json()["count"] == 0


# --- history and current state -----------------------------------------------------------------------


def test_the_history_and_the_current_rows(world, journeys, as_persona):
    client = as_persona("regional")
    for kind, present, days_ago in (
        ("debt", True, 60),
        ("debt", False, 10),  # resolved: the current debt row says „liegt nicht vor“
        ("mobility", True, 30),
        ("mobility", True, 30),  # the same day again: the later row counts
    ):
        assert (
            _post(
                client, "barriers", _body(kind=kind, present=present, assessed_on=_day(days_ago))
            ).status_code
            == 201
        )
    mobility_ids = list(Barrier.objects.filter(kind="mobility").order_by("id").values_list("id", flat=True))
    everything = client.get("/api/v1/barriers/?person_id=PA-1").json()
    assert everything["count"] == 4
    current = client.get("/api/v1/barriers/?current=true").json()["results"]
    assert sorted((b["kind"], b["present"], b["assessed_on"], b["id"]) for b in current) == [
        ("debt", False, _day(10), Barrier.objects.get(kind="debt", present=False).id),
        ("mobility", True, _day(30), mobility_ids[1]),
    ]
    assert client.get("/api/v1/barriers/?current=false").json()["count"] == 2
    assert client.get("/api/v1/barriers/?current=true&present=true").json()["count"] == 1
    assert client.get("/api/v1/barriers/?kind=debt").json()["count"] == 2

    for category, days_ago in (("market", 90), ("development", 20)):
        _post(client, "profile-ratings", _body(category=category, assessed_on=_day(days_ago)))
    ratings = client.get("/api/v1/profile-ratings/?current=true").json()["results"]
    assert [(r["category"], r["integration_near"]) for r in ratings] == [("development", False)]
    assert ratings[0]["prognosis"].startswith("komplexe Profillage")
    near = client.get("/api/v1/profile-ratings/?category=market").json()["results"]
    assert [(r["assessed_on"], r["integration_near"]) for r in near] == [(_day(90), True)]

    for phase, days_ago in ((1, 50), (2, 40), (1, 40)):  # back to phase 1 on the same day
        _post(client, "phase-changes", _body(phase=phase, on=_day(days_ago)))
    now = client.get("/api/v1/phase-changes/?current=true").json()["results"]
    assert [(c["phase"], c["on"]) for c in now] == [(1, _day(40))]
    assert client.get("/api/v1/phase-changes/?phase=2").json()["count"] == 1


def test_reads_within_sight_and_audited(world, journeys, as_persona):
    for person_id in ("PA-1", "PB-1"):
        for path, body in (
            ("barriers", {"kind": "health", "present": True, "assessed_on": _day(5)}),
            ("phase-changes", {"phase": 1, "on": _day(5)}),
            ("profile-ratings", {"category": "activation", "assessed_on": _day(5)}),
        ):
            assert _post(as_persona("coordinator"), path, _body(person_id, **body)).status_code == 201
    regional = world.personas["regional"]
    for path, model in (
        ("barriers", Barrier),
        ("phase-changes", PhaseChange),
        ("profile-ratings", ProfileRating),
    ):
        listed = as_persona("regional").get(f"/api/v1/{path}/").json()
        assert [r["person_id"] for r in listed["results"]] == ["PA-1"]
        hidden = model.objects.get(participation__person__person_id="PB-1")
        assert as_persona("regional").get(f"/api/v1/{path}/{hidden.pk}/").status_code == 404
        mine = model.objects.get(participation__person__person_id="PA-1")
        assert as_persona("regional").get(f"/api/v1/{path}/{mine.pk}/").status_code == 200
        assert as_persona("mentor").get(f"/api/v1/{path}/").json()["count"] == 0
    reads = AuditEntry.objects.filter(action="read", purpose="API", actor=regional).order_by("id")
    assert list(reads.values_list("person_id", flat=True)) == [journeys.person_a.pk] * 6
    assert [r.summary for r in reads][:2] == [
        "API: Vermittlungshemmnis (Liste)",
        f"API: Vermittlungshemmnis {Barrier.objects.get(participation__person__person_id='PA-1').pk}",
    ]
    assert not AuditEntry.objects.filter(action="read", actor=world.personas["mentor"]).exists()


def test_notes_are_written_encrypted_and_never_returned(world, journeys, as_persona):
    body = _body(kind="housing", present=True, assessed_on=_day(2), notes="Wohnung gekündigt")
    created = as_persona("regional").post("/api/v1/barriers/", body, format="json")
    assert created.status_code == 201
    assert "notes" not in created.json()
    assert Barrier.objects.get().notes == "Wohnung gekündigt"
    assert "gekündigt" not in str(AuditEntry.objects.filter(action="create").values_list("after", flat=True))
