"""A read-scoped API key reads but never writes: every unsafe method is refused with 403 (German
message) before the view runs, and nothing is written; a write-scoped key of the same user writes."""

from __future__ import annotations

import pytest
from django.urls import get_resolver
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient
from rest_framework.views import APIView

from stufenweg.api.permissions import KeyScopeAllows
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import JourneyEvent
from stufenweg.people.models import Person
from tests.api.conftest import client_for

EXIT = {
    "person_id": "PA-1",
    "programme": "JPS",
    "event": "exit",
    "date": "2022-09-30",
    "exit_kind": "early_positive",
    "statuses": ["employed_svb"],
}
PERSON = {
    "person_id": "JC-2026-0099",
    "first_name": "Erika",
    "last_name": "Beispiel",
    "birth_date": "1979-04-12",
    "gender": "f",
    "nationality": "DE",
    "disability": "na",
    "isced": 3,
}


def _fingerprint() -> tuple[int, int, int]:
    return (
        JourneyEvent.objects.count(),
        Person.objects.count(),
        AuditEntry.objects.exclude(action="read").count(),
    )


def _refused(response) -> None:
    assert response.status_code == 403, response.content
    assert "darf nur lesen" in response.json()["detail"]


def test_a_read_key_reads(world, journeys):
    client = client_for(world.personas["provider"], scope="read")
    assert client.get("/api/v1/participations/").json()["count"] == 1
    assert client.get(f"/api/v1/persons/{journeys.person_a.pk}/").status_code == 200


def test_a_read_key_cannot_post_events_or_persons(world, journeys):
    provider = client_for(world.personas["provider"], scope="read")
    jobcenter = client_for(world.personas["jobcenter"], scope="read")
    before = _fingerprint()
    _refused(provider.post("/api/v1/events/", EXIT, format="json"))
    _refused(jobcenter.post("/api/v1/persons/", PERSON, format="json"))
    assert _fingerprint() == before
    # the same users with a write key do write: the refusal above is the key's scope, not the role
    assert (
        client_for(world.personas["provider"]).post("/api/v1/events/", EXIT, format="json").status_code == 201
    )
    assert (
        client_for(world.personas["jobcenter"]).post("/api/v1/persons/", PERSON, format="json").status_code
        == 201
    )


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_read_key_is_refused_for_every_other_unsafe_method(world, journeys, method):
    client = client_for(world.personas["coordinator"], scope="read")
    before = _fingerprint()
    for path in (
        f"/api/v1/persons/{journeys.person_a.pk}/",
        f"/api/v1/participations/{journeys.participation_a.pk}/",
        f"/api/v1/events/{journeys.entry_a.pk}/",
        "/api/v1/events/",
    ):
        _refused(getattr(client, method)(path, {"reason": "x"}, format="json"))
    assert _fingerprint() == before


def _api_views(patterns) -> set[type]:
    found = set()
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            found |= _api_views(pattern.url_patterns)
        elif isinstance(getattr(pattern.callback, "cls", None), type) and issubclass(
            pattern.callback.cls, APIView
        ):
            found.add(pattern.callback.cls)
    return found


def test_every_api_view_that_needs_a_login_checks_the_key_scope():
    """A view added later with its own permission classes must keep the scope check."""
    checked = [cls for cls in _api_views(get_resolver().url_patterns) if not _public(cls)]
    assert len(checked) >= 5
    for cls in checked:
        assert KeyScopeAllows in cls.permission_classes, cls


def _public(cls) -> bool:
    return any(issubclass(p, AllowAny) for p in cls.permission_classes)


def test_an_anonymous_write_is_still_401_not_403(journeys):
    assert APIClient().post("/api/v1/events/", EXIT, format="json").status_code == 401
