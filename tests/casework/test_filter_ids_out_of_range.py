"""An id in a filter of the overview pages that no database column can hold (25 digits, or one
past a signed 64-bit integer) is left out with a German message, instead of the driver's
OverflowError (500). The page shows what it shows without that filter."""

from __future__ import annotations

import pytest

from stufenweg.journeys.models import Participation
from stufenweg.journeys.services import participation_assign_caseworker
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
PAST_INT64 = str(2**63)


@pytest.fixture
def case(world):
    person = PersonFactory(last_name="Überlauf", first_name="Testfall")
    participation = start_journey(world, person)
    enter(world, participation, measure=world.measure_a, stage=world.s3)
    return person


def _warning(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.mark.parametrize("value", [HUGE, PAST_INT64])
def test_worklists_ignore_a_region_out_of_range(client, world, case, value):
    client.force_login(world.personas["coordinator"])
    response = client.get("/teilnehmende/arbeitslisten/", {"region": value})
    assert response.status_code == 200
    assert response.context["region"] is None
    assert "Ungültige Angabe in der Adresse nicht berücksichtigt: Region." in _warning(response)


def test_measure_list_ignores_programme_and_region_out_of_range(client, world, case):
    client.force_login(world.personas["coordinator"])
    response = client.get("/teilnehmende/massnahmen/", {"programme": HUGE, "region": PAST_INT64})
    assert response.status_code == 200
    assert {row.measure.code for row in response.context["rows"]} == {"MA", "MB", "MM"}
    assert "nicht berücksichtigt: Programm, Region." in _warning(response)


def test_caseload_ignores_a_caseworker_out_of_range(client, world, case):
    client.force_login(world.personas["coordinator"])
    response = client.get("/teilnehmende/fallzahlen/", {"von": HUGE})
    assert response.status_code == 200
    assert response.context["form"] is None  # no reassignment form for a caseworker that cannot exist
    assert "nicht berücksichtigt: Fallverantwortliche/r." in _warning(response)


def test_a_valid_filter_still_filters_and_warns_nothing(client, world, case):
    client.force_login(world.personas["coordinator"])
    response = client.get("/teilnehmende/massnahmen/", {"region": world.region_b.pk})
    assert {row.measure.code for row in response.context["rows"]} == {"MB"}
    assert _warning(response) == ""


def test_reassignment_with_an_id_out_of_range_is_a_form_error(client, world, case):
    """The reassignment form's participation ids went into ``pk__in`` unchecked (OverflowError)."""
    regional = world.personas["regional"]
    colleague = MembershipFactory(user=UserFactory(username="kollegin"), organisation=world.regional_a).user
    participation = Participation.objects.get(person=case)
    participation_assign_caseworker(participation=participation, caseworker=regional, by=None)
    client.force_login(regional)
    response = client.post(
        f"/teilnehmende/fallzahlen/?von={regional.pk}",
        {"von": regional.pk, "participations": [participation.pk, HUGE], "caseworker": colleague.pk},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["participations"]
    participation.refresh_from_db()
    assert participation.caseworker == regional  # nothing moved


@pytest.mark.parametrize("value", ["²", HUGE, "-1"])
def test_participant_page_shows_the_first_participation_for_a_malformed_choice(client, world, case, value):
    """``?teilnahme=²`` passed ``str.isdigit()`` and then failed in ``int()`` (500)."""
    client.force_login(world.personas["coordinator"])
    response = client.get(f"/teilnehmende/{case.pk}/", {"teilnahme": value})
    assert response.status_code == 200
    assert response.context["p"].person == case
