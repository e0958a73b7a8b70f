"""Name search ignores case and umlaut spelling ("Müller" = "Mueller" = "muller") on SQLite and
PostgreSQL alike, finds person ids, and never looks into notes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from stufenweg.casework import services
from stufenweg.casework.search import normalise, search_terms
from tests.casework.conftest import make_person
from tests.conftest import start_journey

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Mueller", "Müller"),
        ("muller", "Müller"),
        ("MÜLLER", "Mueller"),
        ("Strauss", "Strauß"),
        ("strauß", "Strauss"),
        ("Goetz", "Götz"),
        ("Éloïse", "Eloise"),
    ],
)
def test_normalise_makes_spellings_equal(typed, stored):
    assert normalise(typed) == normalise(stored)


def test_normalise_keeps_prefixes_matching():
    # a typed prefix of a name is contained in the normalised name
    assert normalise("Mü") in normalise("Müller")
    assert normalise("Schroe") in normalise("Schröder")


def test_search_terms_split_and_limit():
    assert search_terms("  Müller   Jürgen ") == ["muller", "jurgen"]
    assert len(search_terms("a b c d e f g")) == 5


def _names(response) -> set[str]:
    return {f"{p.person.last_name}, {p.person.first_name}" for p in response.context["rows"]}


@pytest.fixture
def people(world):
    muller = make_person("Müller", "Jürgen", "P-1001")
    mueller = make_person("Mueller", "Anna", "P-1002")
    other = make_person("Schmidt", "Karl", "P-2001")
    for person in (muller, mueller, other):
        start_journey(world, person, on=dt.date(2024, 1, 8))
    return muller, mueller, other


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Müller", {"Müller, Jürgen", "Mueller, Anna"}),
        ("mueller", {"Müller, Jürgen", "Mueller, Anna"}),
        ("MULLER", {"Müller, Jürgen", "Mueller, Anna"}),
        ("müller jürgen", {"Müller, Jürgen"}),
        ("juergen", {"Müller, Jürgen"}),
        ("p-2001", {"Schmidt, Karl"}),
        ("schm", {"Schmidt, Karl"}),
        ("Meier", set()),
    ],
)
def test_list_search(client, world, people, query, expected):
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse("casework:participant_list"), {"q": query, "status": ""})
    assert response.status_code == 200
    assert _names(response) == expected


def test_search_does_not_look_into_notes(client, world, people):
    muller = people[0]
    participation = muller.participations.get()
    services.contact_record(
        participation=participation, kind="phone", on=dt.date(2024, 2, 1), notes="Schmidt rief an", by=None
    )
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse("casework:participant_list"), {"q": "Schmidt", "status": ""})
    assert _names(response) == {"Schmidt, Karl"}


def test_rebuild_command_indexes_unindexed_persons(world):
    from django.core.management import call_command

    from stufenweg.casework.models import PersonSearch
    from tests.factories import PersonFactory

    person = PersonFactory(last_name="Özdemir", first_name="Ayşe", person_id="P-9")
    PersonSearch.objects.filter(person=person).delete()  # the factory indexes, as the write paths do
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Suchindex neu aufgebaut" in out.getvalue()
    assert PersonSearch.objects.get(person=person).text == "ozdemir ayse p-9"
