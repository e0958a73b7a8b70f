"""The participant list sorts names in German order (DIN 5007-1) in the database: by the folded
keys stored in the search index (``PersonSearch.last_key``/``first_key``), then the spellings as
stored. Every write path keeps the keys current; migration casework.0003 fills them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from stufenweg.casework.models import PersonSearch
from stufenweg.casework.search import name_sort_key
from stufenweg.interchange.services import persons_import
from stufenweg.interchange.upsert import Row
from stufenweg.people.models import Person
from stufenweg.people.services import person_update
from stufenweg.privacy.anonymise import person_anonymise
from tests.casework.conftest import make_person
from tests.conftest import start_journey
from tests.migration_steps import migrate_to, migrate_to_latest

URL = "casework:participant_list"
# in German order: „Ä“ as „A“, „Ö“ as „O“, „Ü“ as „U“, „ß“ as „ss“, case ignored; the stored
# spelling breaks the tie of „Strasse“ and „Straße“
GERMAN_ORDER = ["Abel", "Ärmel", "de Vries", "Ober", "Özdemir", "Strasse", "Straße", "Übel", "Zander"]


def keys(person) -> tuple[str, str]:
    row = PersonSearch.objects.get(person_id=person.pk)
    return row.last_key, row.first_key


@pytest.fixture
def german_names(world):
    # created in a scrambled order, so the primary key gives no help
    for number, last_name in enumerate(["Zander", "Übel", "Straße", "Özdemir", "de Vries", "Ärmel", "Ober", "Abel", "Strasse"]):  # fmt: skip
        start_journey(world, make_person(last_name, "Eva", f"P-S{number}"), on=dt.date(2024, 1, 8))


def _list(client, world, **params) -> list[str]:
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse(URL), {"status": "", **params})
    assert response.status_code == 200
    return [p.person.last_name for p in response.context["rows"]]


@pytest.mark.django_db
def test_python_and_the_list_agree_on_german_order():
    scrambled = ["Zander", "Straße", "Abel", "Übel", "de Vries", "Strasse", "Ober", "Özdemir", "Ärmel"]
    assert sorted(scrambled, key=lambda name: name_sort_key(name, "Eva")) == GERMAN_ORDER


@pytest.mark.django_db
def test_the_list_sorts_names_in_german_order_both_ways(client, world, german_names):
    assert _list(client, world) == GERMAN_ORDER
    assert _list(client, world, sort="name") == GERMAN_ORDER
    assert _list(client, world, sort="-name") == GERMAN_ORDER[::-1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sort", ["stage", "-stage", "since", "planned_end", "last_contact", "next_appointment"]
)
def test_other_sorts_break_ties_in_german_order(client, world, german_names, sort):
    # all referred on the same day, no stage, no planned end, no contact, no appointment
    assert _list(client, world, sort=sort) == GERMAN_ORDER


@pytest.mark.django_db
def test_the_keys_follow_a_name_changed_by_the_service(world, journey):
    person = journey.person
    assert keys(person) == ("muller", "jurgen")
    person_update(person=person, by=world.personas["regional"], last_name="Weiß", first_name="Özlem")
    assert keys(person) == ("weiss", "ozlem")


@pytest.mark.django_db
def test_the_keys_follow_a_name_changed_in_the_form(client, world, journey):
    person = journey.person
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("people:person_edit", args=[person.pk]),
        {
            "last_name": "Äbischer",
            "first_name": "Jürgen",
            "birth_date": person.birth_date.isoformat(),
            "gender": person.gender,
        },
    )
    assert response.status_code == 302, response.content
    assert Person.objects.get(pk=person.pk).last_name == "Äbischer"
    assert keys(person) == ("abischer", "jurgen")


@pytest.mark.django_db
def test_the_keys_are_written_and_rewritten_by_an_import(world):
    def row(last_name):
        values = {"person_id": "IMP-9", "first_name": "Öznur", "last_name": last_name}
        values |= {"birth_date": dt.date(1985, 1, 2), "gender": "f"}
        return Row(ref=2, key="IMP-9", values=values)

    assert not persons_import(rows=[row("Güler")], by=None).errors
    person = Person.objects.get(person_id="IMP-9")
    assert keys(person) == ("guler", "oznur")
    assert not persons_import(rows=[row("Straße")], by=None).errors
    assert keys(person) == ("strasse", "oznur")


@pytest.mark.django_db
def test_the_keys_are_written_for_a_person_created_through_the_api(world):
    client = APIClient()
    client.force_authenticate(world.personas["regional"])
    body = {"person_id": "API-9", "first_name": "Ärne", "last_name": "Übel"}
    body |= {"birth_date": "1979-03-04", "gender": "m"}
    assert client.post("/api/v1/persons/", body, format="json").status_code == 201
    assert keys(Person.objects.get(person_id="API-9")) == ("ubel", "arne")


@pytest.mark.django_db
def test_the_erasure_replaces_the_keys(world, journey):
    person_anonymise(person=journey.person, by=None)
    assert keys(journey.person) == ("anonymisiert", "anonymisiert")


# people at its latest migration, so that the state's Person has every column the table has
BEFORE = [("casework", "0002_personsearch_trigram"), ("people", "0003_person_target_groups")]
AFTER = [("casework", "0003_personsearch_sort_keys")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_keys_and_writes_missing_rows():
    try:
        apps = migrate_to(BEFORE)
        Person = apps.get_model("people", "Person")
        PersonSearch = apps.get_model("casework", "PersonSearch")
        other = {"birth_date": dt.date(1980, 5, 17)}
        indexed = Person.objects.create(person_id="M-1", last_name="Özdemir", first_name="Ärne", **other)
        PersonSearch.objects.create(person=indexed, text="kept as it was")
        unindexed = Person.objects.create(person_id="M-2", last_name="Straße", first_name="Eva", **other)

        apps = migrate_to(AFTER)
        PersonSearch = apps.get_model("casework", "PersonSearch")
        rows = {row.person_id: (row.text, row.last_key, row.first_key) for row in PersonSearch.objects.all()}
        assert rows == {
            indexed.pk: ("kept as it was", "ozdemir", "arne"),
            unindexed.pk: ("strasse eva m-2", "strasse", "eva"),
        }
    finally:
        migrate_to_latest()


@pytest.mark.django_db
def test_the_rebuild_of_the_demo_and_the_command_writes_the_keys(world):
    from stufenweg.casework.services import search_index_rebuild

    person = make_person("Ärmel", "Ünal", "P-R1")
    PersonSearch.objects.all().delete()
    assert search_index_rebuild() == Person.objects.count()
    assert keys(person) == ("armel", "unal")


@pytest.mark.django_db
def test_the_other_lists_of_persons_sort_names_in_german_order_too(world, german_names):
    """The group booking picker, the attendance list of a session and a household's members use
    the same order (``search.name_order``)."""
    from stufenweg.groupwork import services as groupwork
    from stufenweg.groupwork.selectors import attendance_rows, bookable_participations
    from stufenweg.journeys.models import Participation
    from stufenweg.people.households import members_seen_by
    from tests.factories import HouseholdFactory
    from tests.groupwork.conftest import workshop

    coordinator = world.personas["coordinator"]
    event = workshop(
        world,
        organiser=world.coordination,
        capacity=20,
        sessions=[(dt.date(2024, 2, 5), dt.time(9), dt.time(12))],
    )
    picker = bookable_participations(coordinator, event)
    assert [p.person.last_name for p in picker] == GERMAN_ORDER
    for participation in Participation.objects.order_by("-pk"):  # booked in reverse order
        groupwork.booking_create(event=event, participation=participation, by=None)
    session = event.sessions.get()
    assert [booking.participation.person.last_name for booking, _ in attendance_rows(session)] == GERMAN_ORDER

    household = HouseholdFactory()
    Person.objects.update(household=household, household_role="")
    members, hidden = members_seen_by(coordinator, household)
    assert hidden == 0
    assert [member.person.last_name for member in members] == GERMAN_ORDER
