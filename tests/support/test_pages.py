"""The support sections of the participant page, their forms and the phases page of a programme."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.support import services
from stufenweg.support.models import ServiceReferral
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client, journey) -> str:
    response = client.get(reverse("casework:participant_detail", args=[journey.person_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_empty_states_and_write_buttons(journey, world, read_only):
    page = _page(_client(world.personas["regional"]), journey)
    for text in (
        "Vermittlungshemmnisse",
        "Noch keine Hemmnisse erfasst.",
        "Noch keine Phase erfasst.",
        "Noch keine Profillage eingeschätzt.",
        "Noch keine Vermittlung in ein Unterstützungsangebot.",
    ):
        assert text in page
    assert reverse("support:referral_add", args=[journey.pk]) in page
    assert reverse("support:programme_phases", args=[journey.programme_id]) in page
    page = _page(_client(read_only), journey)
    assert "Noch keine Vermittlung in ein Unterstützungsangebot." in page
    assert reverse("support:referral_add", args=[journey.pk]) not in page


def test_referral_through_the_forms(journey, world):
    client = _client(world.personas["provider"])
    url = reverse("support:referral_add", args=[journey.pk])
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(id__gt=last, action="read", person=journey.person).exists()
    response = client.post(url, {"kind": "integration_course", "provider": "VHS Torgau", "on": "2024-03-01"})
    assert response.status_code == 302
    referral = ServiceReferral.objects.get()
    status_url = reverse("support:referral_status", args=[referral.pk])
    for status, on in (("referred", "2024-03-04"), ("started", "2024-03-11"), ("ended", "2024-09-30")):
        assert client.post(status_url, {"status": status, "on": on}).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.ended_on) == ("ended", dt.date(2024, 9, 30))
    # a final referral offers no next status, only the correction
    assert client.get(status_url).status_code == 403
    page = _page(client, journey)
    assert "Integrationskurs" in page and "VHS Torgau" in page and "beendet" in page
    correct = reverse("support:referral_correct", args=[referral.pk])
    assert client.post(correct, {"status": "started", "on": "2024-03-11"}).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.ended_on) == ("started", None)


def test_invalid_input_is_answered_in_german_and_writes_nothing(journey, world):
    client = _client(world.personas["regional"])
    url = reverse("support:referral_add", args=[journey.pk])
    response = client.post(url, {"kind": "", "on": "2024-03-01"})
    assert response.status_code == 200
    assert "Bitte wählen Sie das Angebot aus." in response.content.decode()
    referral = services.service_referral_plan(
        participation=journey, kind="debt", on=dt.date(2024, 3, 1), by=None
    )
    response = client.post(
        reverse("support:referral_status", args=[referral.pk]), {"status": "referred", "on": "2024-02-01"}
    )
    assert "Das Datum liegt vor dem Datum des vorigen Stands." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "planned"


def test_the_other_forms(journey, world):
    client = _client(world.personas["regional"])
    pk = journey.pk
    assert (
        client.post(
            reverse("support:barrier_add", args=[pk]),
            {"kind": "housing", "present": "true", "assessed_on": "2024-03-01"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("support:profile_add", args=[pk]),
            {"category": "development", "assessed_on": "2024-03-01"},
        ).status_code
        == 302
    )
    assert (
        client.post(reverse("support:phase_add", args=[pk]), {"phase": "2", "on": "2024-03-01"}).status_code
        == 302
    )
    page = _page(client, journey)
    assert "Wohnen" in page and "Entwicklungsprofil" in page and "Zielfestlegung" in page


def test_write_routes_refuse_read_only_and_hide_from_outsiders(journey, world, read_only):
    url = reverse("support:referral_add", args=[journey.pk])
    assert _client(read_only).get(url).status_code == 403
    assert _client(read_only).post(url, {"kind": "debt", "on": "2024-03-01"}).status_code == 403
    barrier = reverse("support:barrier_add", args=[journey.pk])
    body = {"kind": "debt", "present": "true", "assessed_on": "2024-03-01"}
    assert _client(world.personas["jobcenter"]).post(barrier, body).status_code == 403
    assert _client(world.personas["outsider"]).get(url).status_code == 404
    assert not ServiceReferral.objects.exists()


def test_the_referring_jobcenter_plans_and_follows_referrals_on_the_participant_page(journey, world):
    client = _client(world.personas["jobcenter"])
    add = reverse("support:referral_add", args=[journey.pk])
    page = _page(client, journey)
    assert f'href="{add}"' in page and 'id="action-panel"' in page
    # the other support entries stay with the delivering side
    assert reverse("support:barrier_add", args=[journey.pk]) not in page
    assert reverse("support:profile_add", args=[journey.pk]) not in page
    response = client.post(add, {"kind": "debt", "provider": "Schuldnerberatung Torgau", "on": "2024-03-01"})
    assert response.status_code == 302
    referral = ServiceReferral.objects.get()
    assert referral.created_by == world.personas["jobcenter"]
    page = _page(client, journey)
    status_url = reverse("support:referral_status", args=[referral.pk])
    assert status_url in page and reverse("support:referral_correct", args=[referral.pk]) in page
    assert client.post(status_url, {"status": "referred", "on": "2024-03-04"}).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.referred_on) == ("referred", dt.date(2024, 3, 4))
    # a Jobcenter that did not refer the person does not see it
    other = MembershipFactory(user=UserFactory(username="jc_b"), organisation=world.jobcenter_b).user
    assert _client(other).get(add).status_code == 404
    assert _client(other).post(status_url, {"status": "started", "on": "2024-03-05"}).status_code == 404


def test_phases_page(world):
    url = reverse("support:programme_phases", args=[world.programme.pk])
    regional = _client(world.personas["regional"])
    response = regional.get(url)
    assert response.status_code == 200
    assert "Strategieauswahl" in response.content.decode()
    assert "<textarea" not in response.content.decode()
    assert regional.post(url, {"names": "A"}).status_code == 403
    assert _client(world.personas["outsider"]).get(url).status_code == 404
    coordinator = _client(world.personas["coordinator"])
    assert coordinator.post(url, {"names": "Eingangsphase\nHauptphase\nNachbetreuung"}).status_code == 302
    assert "Hauptphase" in coordinator.get(url).content.decode()
    assert coordinator.post(url, {"names": "A\na"}).status_code == 422


def test_the_sections_cost_the_same_queries_for_many_rows(journey, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(world.personas["regional"])
    url = reverse("casework:participant_detail", args=[journey.person_id])
    client.get(url)  # warm up
    services.service_referral_plan(participation=journey, kind="bsk", on=dt.date(2024, 3, 1), by=None)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for day in range(2, 8):
        on = dt.date(2024, 3, day)
        referral = services.service_referral_plan(participation=journey, kind="debt", on=on, by=None)
        services.service_referral_advance(referral=referral, status="referred", on=on, by=None)
        services.barrier_record(participation=journey, kind="housing", present=day % 2 == 0, on=on, by=None)
        services.profile_record(participation=journey, category="market", on=on, by=None)
        services.phase_change(participation=journey, position=day % 4 + 1, on=on, by=None)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
