"""The booking picker is a search (name or person ID) within what the user may book: the page
without script (GET ``?q=``), the htmx partial while typing, at most 20 hits, only the hits
read-audited, and the POST that books the chosen one."""

from __future__ import annotations

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.groupwork.models import Booking
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(world):
    client = Client()
    client.force_login(world.personas["jobcenter"])
    return client


def test_a_search_by_person_id_finds_one_person(world, client):
    event = workshop(world)
    people = participants(world, 3, prefix="Suche")
    html = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=suche-02").content.decode()
    assert "Suche02" in html and "Suche01" not in html and "Suche03" not in html
    assert f'value="{people[1].pk}"' in html and "checked" in html  # the only hit is preselected
    reads = AuditEntry.objects.filter(action="read", summary="Buchungsauswahl")
    assert list(reads.values_list("person_id", flat=True)) == [people[1].person_id]


def test_without_a_search_nobody_is_listed_or_read(world, client):
    event = workshop(world)
    participants(world, 2, prefix="Leer")
    html = client.get(f"/gruppenangebote/{event.pk}/buchen/").content.decode()
    assert "Leer01" not in html and "Bitte Namen oder Personen-ID eingeben" in html
    short = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=l").content.decode()
    assert "Leer01" not in short and "mindestens zwei Zeichen" in short
    assert not AuditEntry.objects.filter(action="read", summary="Buchungsauswahl").exists()


def test_the_htmx_request_gets_the_results_only(world, client):
    event = workshop(world)
    participants(world, 2, prefix="Umlaut")
    response = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=UMLAUT", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="booking-results"')
    assert "Umlaut01" in html and "Umlaut02" in html and "<h1" not in html


def test_more_hits_than_shown_ask_for_a_narrower_search(world, client):
    event = workshop(world)
    participants(world, 21, prefix="Viele")
    html = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=viele").content.decode()
    assert html.count('name="participation"') == 20
    assert "bitte genauer suchen" in html


def test_the_chosen_hit_is_booked_and_the_picker_shown_again(world, client):
    event = workshop(world)
    (person,) = participants(world, 1, prefix="Wahl")
    response = client.post(f"/gruppenangebote/{event.pk}/buchen/", {"q": "wahl", "participation": person.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/gruppenangebote/{event.pk}/buchen/"
    assert Booking.objects.get(event=event).participation_id == person.pk
    # booked: not found again
    html = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=wahl").content.decode()
    assert "Wahl01" not in html


def test_a_post_without_a_choice_is_refused_in_german(world, client):
    event = workshop(world)
    participants(world, 1, prefix="Ohne")
    response = client.post(f"/gruppenangebote/{event.pk}/buchen/", {"q": "ohne"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Bitte eine Person aus den Suchtreffern wählen." in html
    assert "Ohne01" in html  # the hits of the search are shown again
    assert not Booking.objects.exists()


def test_control_characters_in_the_search_are_dropped(world, client):
    event = workshop(world)
    participants(world, 1, prefix="Null")
    html = client.get(f"/gruppenangebote/{event.pk}/buchen/?q=nu%00ll%0A").content.decode()
    assert "Null01" in html  # searched for „null“
