"""Who sees which participant and who may act: 404 outside the scope, 403 for read-only users
and for actions of another organisation kind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.journeys.models import JourneyEvent

pytestmark = pytest.mark.django_db

# journey fixture: referred by Jobcenter A, region A, enrolled in measure_a (provider A)
DETAIL_STATUS = {
    "coordinator": 200,
    "regional": 200,
    "provider": 200,
    "jobcenter": 200,
    "mentor": 404,
    "outsider": 404,
    "dpo": 404,
}


@pytest.mark.parametrize(("persona", "status"), DETAIL_STATUS.items())
def test_participant_page_by_persona(client, world, journey, persona, status):
    client.force_login(world.personas[persona])
    response = client.get(reverse("casework:participant_detail", args=[journey.person_id]))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "count"), [("regional", 1), ("provider", 1), ("mentor", 0), ("outsider", 0)]
)
def test_list_shows_only_visible(client, world, journey, persona, count):
    client.force_login(world.personas[persona])
    response = client.get(reverse("casework:participant_list"))
    if persona == "outsider":
        assert response.status_code == 200
    assert len(response.context["rows"]) == count


def test_other_region_is_404_for_actions(client, world, journey):
    from stufenweg.organisations.models import Organisation
    from tests.factories import MembershipFactory, UserFactory

    other = MembershipFactory(
        user=UserFactory(username="regional_b"),
        organisation=Organisation.objects.get(code="RB-B"),
    ).user
    client.force_login(other)
    url = reverse("casework:journey_action", args=[journey.pk, "austritt"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"occurred_on": "2024-03-01"}).status_code == 404


def test_read_only_sees_page_without_forms_and_may_not_post(client, world, journey, read_only):
    client.force_login(read_only)
    page = client.get(reverse("casework:participant_detail", args=[journey.person_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("casework:journey_action", args=[journey.pk, "austritt"]) not in html
    assert reverse("casework:contact_add", args=[journey.pk]) not in html
    before = JourneyEvent.objects.count()
    exit_url = reverse("casework:journey_action", args=[journey.pk, "austritt"])
    assert client.get(exit_url).status_code == 403
    response = client.post(
        exit_url,
        {"occurred_on": "2024-06-30", "exit_kind": "regular", "statuses": ["job_seeking"]},
    )
    assert response.status_code == 403
    assert client.post(reverse("casework:contact_add", args=[journey.pk]), {}).status_code == 403
    assert JourneyEvent.objects.count() == before


def test_jobcenter_may_see_but_not_exit(client, world, journey):
    client.force_login(world.personas["jobcenter"])
    exit_url = reverse("casework:journey_action", args=[journey.pk, "austritt"])
    response = client.post(
        exit_url, {"occurred_on": "2024-06-30", "exit_kind": "regular", "statuses": ["job_seeking"]}
    )
    assert response.status_code == 403
    journey.refresh_from_db()
    assert journey.state == "in_stage"


def test_provider_may_not_start_assessment(client, world, journey):
    client.force_login(world.personas["provider"])
    url = reverse("casework:journey_action", args=[journey.pk, "eignungsfeststellung"])
    assert client.post(url, {"occurred_on": dt.date(2024, 3, 1).isoformat()}).status_code == 403


@pytest.mark.parametrize("persona", ["mentor", "outsider", "dpo"])
def test_overview_pages_refused_without_personal_scope(client, world, persona):
    client.force_login(world.personas[persona])
    for name in ("casework:worklists", "casework:caseload"):
        status = client.get(reverse(name)).status_code
        assert status == (200 if persona == "mentor" else 403), name


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("casework:participant_list"))
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]
