"""„Fall übernehmen“ and „Fachkraft zuweisen“: the rule in the service (casework.assignment),
the buttons only where the service would accept, audited; a provider cannot take or reassign a
case that a regional office's caseworker holds."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from stufenweg.casework import services
from stufenweg.casework.assignment import assignment_for
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.services import participation_assign_caseworker
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(world):
    return MembershipFactory(user=UserFactory(username="kollegin_a"), organisation=world.regional_a).user


@pytest.fixture
def trainer(world):
    return MembershipFactory(user=UserFactory(username="trainer_a"), organisation=world.provider_a).user


def _page(client, participation):
    return client.get(reverse("casework:participant_detail", args=[participation.person_id]))


def test_regional_caseworker_takes_the_case(client, world, journey):
    regional = world.personas["regional"]
    client.force_login(regional)
    html = _page(client, journey).content.decode()
    assert "Fall übernehmen" in html and "Fachkraft zuweisen" in html
    response = client.post(reverse("casework:case_take", args=[journey.pk]), follow=True)
    journey.refresh_from_db()
    assert journey.caseworker == regional
    assert "Sie haben den Fall übernommen." in response.content.decode()
    assert AuditEntry.objects.filter(
        object_type="journeys.participation", object_id=str(journey.pk), after__caseworker_id=regional.pk
    ).exists()
    # once it is theirs, the take button is gone
    assert "Fall übernehmen" not in _page(client, journey).content.decode()


def test_office_assigns_among_the_responsible_staff(client, world, journey, colleague, trainer):
    outsider_staff = MembershipFactory(
        user=UserFactory(username="kollege_b"), organisation=world.regional_b
    ).user
    client.force_login(world.personas["regional"])
    url = reverse("casework:caseworker_assign", args=[journey.pk])
    form = client.get(url).context["form"]
    offered = {u.username for u in form.fields["caseworker"].queryset}
    # the regional office A, the provider of the enrolment (A) and the coordination office
    assert {"regional", "kollegin_a", "trainer_a", "traeger", "koordination"} <= offered
    assert "kollege_b" not in offered and "jobcenter" not in offered
    refused = client.post(url, {"caseworker": outsider_staff.pk})
    assert refused.status_code == 200 and refused.context["form"].errors["caseworker"]
    response = client.post(url, {"caseworker": colleague.pk})
    assert response.status_code == 302
    journey.refresh_from_db()
    assert journey.caseworker == colleague


def test_provider_cannot_take_a_regional_offices_case(client, world, journey, colleague):
    participation_assign_caseworker(participation=journey, caseworker=colleague, by=None)
    provider = world.personas["provider"]
    with pytest.raises(PermissionDenied):
        services.case_take(participation=journey, by=provider)
    with pytest.raises(PermissionDenied):
        services.caseload_reassign(participations=[journey], caseworker=provider, by=provider)
    client.force_login(provider)
    html = _page(client, journey).content.decode()
    assert "Fall übernehmen" not in html and "Fachkraft zuweisen" not in html
    assert client.post(reverse("casework:case_take", args=[journey.pk])).status_code == 403
    assert client.get(reverse("casework:caseworker_assign", args=[journey.pk])).status_code == 403
    journey.refresh_from_db()
    assert journey.caseworker == colleague


def test_provider_assigns_its_own_staff_while_nobody_else_holds_the_case(world, journey, trainer):
    provider = world.personas["provider"]
    services.case_take(participation=journey, by=provider)
    services.caseworker_assign(participation=journey, caseworker=trainer, by=provider)
    journey.refresh_from_db()
    assert journey.caseworker == trainer
    rule = assignment_for(provider, journey)
    assert {u.username for u in rule.candidates()} == {"traeger", "trainer_a"}
    with pytest.raises(ValidationError):
        services.caseworker_assign(participation=journey, caseworker=world.personas["regional"], by=provider)


def test_readers_and_outsiders_cannot_assign(client, world, journey, read_only):
    with pytest.raises(PermissionDenied):
        services.case_take(participation=journey, by=read_only)
    with pytest.raises(PermissionDenied):
        services.case_take(participation=journey, by=world.personas["jobcenter"])
    client.force_login(world.personas["outsider"])
    assert client.post(reverse("casework:case_take", args=[journey.pk])).status_code == 404
    journey.refresh_from_db()
    assert journey.caseworker is None


def test_caseload_page_refuses_a_provider_reassigning_a_regional_case(client, world, journey, colleague):
    participation_assign_caseworker(participation=journey, caseworker=colleague, by=None)
    client.force_login(world.personas["provider"])
    response = client.post(
        reverse("casework:caseload"),
        {"von": colleague.pk, "participations": [journey.pk], "caseworker": world.personas["provider"].pk},
    )
    assert response.status_code == 403
    journey.refresh_from_db()
    assert journey.caseworker == colleague
