"""The staff pick lists of casework (the assignment picker „Fachkraft zuweisen“, the caseworker
filter of the participant list, the caseload overview) list staff in German order (DIN 5007-1, the rule of the person
lists: „ärger“ after „Abel“, „Özdemir“ before „Zander“, case ignored), not in the stored order
of the bytes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stufenweg.journeys.services import participation_assign_caseworker
from stufenweg.organisations.models import User
from tests.casework.conftest import make_person
from tests.conftest import start_journey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
GERMAN_ORDER = ["Eva Abel", "Eva ärger", "Eva Özdemir", "Eva Zander"]


@pytest.fixture
def german_staff(world):
    # created in a scrambled order, so the primary key gives no help
    for number, last_name in enumerate(["Zander", "Özdemir", "ärger", "Abel"]):
        user = UserFactory(username=f"fachkraft{number}", first_name="Eva", last_name=last_name)
        MembershipFactory(user=user, organisation=world.regional_a)


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def german_names(labels: list[str]) -> list[str]:
    return [label for label in labels if label in GERMAN_ORDER]


def test_the_assignment_picker_lists_staff_in_german_order(client, world, journey, german_staff):
    client.force_login(world.personas["regional"])
    response = client.get(reverse("casework:caseworker_assign", args=[journey.pk]))
    assert response.status_code == 200
    labels = options(response.content.decode(), "caseworker")
    assert german_names(labels) == GERMAN_ORDER
    assert labels[0] == "niemand (Zuordnung aufheben)"  # the empty choice stays first
    # the choice is still validated against the queryset
    chosen = next(
        u for u in response.context["form"].fields["caseworker"].queryset if u.last_name == "Özdemir"
    )
    posted = client.post(reverse("casework:caseworker_assign", args=[journey.pk]), {"caseworker": chosen.pk})
    assert posted.status_code == 302
    journey.refresh_from_db()
    assert journey.caseworker == chosen


def test_the_caseworker_filter_of_the_list_is_in_german_order(client, world, german_staff):
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse("casework:participant_list"))
    assert response.status_code == 200
    assert german_names(options(response.content.decode(), "caseworker")) == GERMAN_ORDER


def test_the_caseload_overview_lists_caseworkers_in_german_order(client, world, german_staff):
    for number, user in enumerate(User.objects.filter(username__startswith="fachkraft").order_by("pk")):
        participation = start_journey(world, make_person(f"Person{number}", "Eva", f"P-K{number}"))
        participation_assign_caseworker(participation=participation, caseworker=user, by=None)
    client.force_login(world.personas["coordinator"])
    html = client.get(reverse("casework:caseload")).content.decode()
    positions = [html.index(name) for name in GERMAN_ORDER]
    assert positions == sorted(positions)
