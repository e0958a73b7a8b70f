"""The internship and employment-start forms pick the employer from the register (the
participant's region first) or create a new one in the same transaction as the event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import JourneyEvent
from stufenweg.organisations.models import Organisation
from stufenweg.organisations.services import employer_create
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    participation = start_journey(world, PersonFactory(), on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    return participation


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(case, slug: str) -> str:
    return f"/teilnehmende/teilnahme/{case.pk}/aktion/{slug}/"


def test_the_list_offers_active_employers_own_region_first(world, case):
    employer_create(name="Betrieb B", region=world.region_b, by=None)
    closed = employer_create(name="Geschlossen GmbH", region=world.region_a, by=None)
    closed.active = False
    closed.save()
    page = _client(world.personas["regional"]).get(_url(case, "praktikum")).content.decode()
    assert (
        page.index('label="Region Region A"')
        < page.index("Pflegedienst Lichtblicke")
        < page.index('label="andere Regionen"')
        < page.index("Betrieb B")
    )
    assert "Geschlossen GmbH" not in page
    assert "Neuer Arbeitgeber" in page and "<fieldset" in page


def test_an_internship_with_a_new_employer(world, case):
    response = _client(world.personas["provider"]).post(
        _url(case, "praktikum"),
        {
            "occurred_on": "2024-04-02",
            "new_employer_name": "Gärtnerei Sonnenblume",
            "new_employer_sector": "A",
            "new_employer_postcode": "01099",
            "new_employer_town": "Dresden",
            "first_labour_market": "true",
        },
    )
    assert response.status_code == 302
    employer = Organisation.objects.get(name="Gärtnerei Sonnenblume")
    assert employer.kind == "employer" and employer.region == world.region_a
    assert employer.employer_profile.town == "Dresden" and employer.employer_profile.sector == "A"
    event = JourneyEvent.objects.get(participation=case, kind="internship")
    assert event.employer == employer
    assert AuditEntry.objects.filter(
        action="create", object_type="organisations.organisation", object_id=str(employer.pk)
    ).exists()


def test_an_employment_start_with_a_chosen_employer(world, case):
    response = _client(world.personas["regional"]).post(
        _url(case, "beschaeftigung"),
        {"occurred_on": "2024-05-02", "employment_kind": "svb", "employer": world.employer.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JourneyEvent.objects.get(participation=case, kind="employment_start").employer == world.employer


def test_a_refused_event_leaves_no_new_employer(world, case):
    """The date lies before the referral: the journey rules refuse the internship, and the
    employer created for it in the same transaction is gone too."""
    count = Organisation.objects.count()
    response = _client(world.personas["regional"]).post(
        _url(case, "praktikum"),
        {
            "occurred_on": "2023-01-02",
            "new_employer_name": "Eintagsfliege GmbH",
            "first_labour_market": "true",
        },
    )
    assert response.status_code == 200
    assert not JourneyEvent.objects.filter(participation=case, kind="internship").exists()
    assert Organisation.objects.count() == count
    assert not AuditEntry.objects.filter(summary__contains="EINTAGSFLIEGE").exists()


def test_both_or_neither_are_refused_with_the_reason(world, case):
    client = _client(world.personas["regional"])
    both = client.post(
        _url(case, "praktikum"),
        {
            "occurred_on": "2024-04-02",
            "employer": world.employer.pk,
            "new_employer_name": "Doppelt GmbH",
            "first_labour_market": "true",
        },
    ).content.decode()
    assert "nicht beides" in both
    neither = client.post(
        _url(case, "praktikum"), {"occurred_on": "2024-04-02", "first_labour_market": "true"}
    )
    assert (
        "Bitte einen Arbeitgeber aus der Liste wählen oder unten einen neuen anlegen."
        in neither.content.decode()
    )
    only_town = client.post(
        _url(case, "praktikum"),
        {"occurred_on": "2024-04-02", "new_employer_town": "Dresden", "first_labour_market": "true"},
    )
    assert "Bitte den Namen des neuen Arbeitgebers angeben." in only_town.content.decode()
    assert not Organisation.objects.filter(name="Doppelt GmbH").exists()
    assert not JourneyEvent.objects.filter(participation=case, kind="internship").exists()


def test_a_duplicate_new_employer_is_shown_at_the_fieldset(world, case):
    response = _client(world.personas["regional"]).post(
        _url(case, "praktikum"),
        {
            "occurred_on": "2024-04-02",
            "new_employer_name": "Pflegedienst Lichtblicke",
            "first_labour_market": "true",
        },
    )
    page = response.content.decode()
    assert "gibt es schon" in page and "AG-1" in page
    assert not JourneyEvent.objects.filter(participation=case, kind="internship").exists()
