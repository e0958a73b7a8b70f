"""The cost pages: who opens them, the form, the empty state, the read audit of the households."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.costs.models import CostEntry
from stufenweg.organisations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_empty_state(world):
    response = client_of(world.personas["coordinator"]).get(
        reverse("costs:programme", args=[world.programme.pk])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Noch kein Kostenposten erfasst." in body
    assert "weder Kosten erfasst noch Einsparungen" in body


def test_the_coordination_office_records_a_cost_entry_in_the_web(world):
    client = client_of(world.personas["coordinator"])
    url = reverse("costs:entry_create", args=[world.programme.pk])
    response = client.post(
        url,
        {
            "organisation": world.coordination.pk,
            "category": "staff",
            "monthly_amount": "1.250,50",
            "valid_from": "2024-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = CostEntry.objects.get()
    assert entry.monthly_amount == Decimal("1250.50")
    page = client.get(reverse("costs:programme", args=[world.programme.pk])).content.decode()
    assert "1.250,50" in page and "Break-even" in page
    assert ">Kosten, Einsparungen und Saldo je Monat (EUR)</caption>" in page
    assert client.get(reverse("costs:chart", args=[world.programme.pk]))["Content-Type"] == "image/png"


def test_an_overlap_is_shown_at_the_field(world):
    client = client_of(world.personas["coordinator"])
    url = reverse("costs:entry_create", args=[world.programme.pk])
    body = {
        "region": world.region_a.pk,
        "category": "other",
        "monthly_amount": "10",
        "valid_from": "2024-01-01",
    }
    client.post(url, body)
    response = client.post(url, {**body, "valid_from": "2024-05-01"})
    assert response.status_code == 200
    assert "die Gültigkeiten dürfen sich nicht überschneiden" in response.content.decode()
    assert CostEntry.objects.count() == 1


def test_a_read_only_member_reads_but_may_not_write(world):
    user = UserFactory(username="regie-lesend")
    MembershipFactory(user=user, organisation=world.coordination, role=Membership.Role.READ_ONLY)
    client = client_of(user)
    page = client.get(reverse("costs:programme", args=[world.programme.pk]))
    assert page.status_code == 200 and "Kostenposten erfassen" not in page.content.decode()
    assert client.get(reverse("costs:entry_create", args=[world.programme.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "outsider", "dpo"])
def test_others_are_refused(world, persona):
    client = client_of(world.personas[persona])
    assert client.get(reverse("costs:programme", args=[world.programme.pk])).status_code == 403
    assert client.get(reverse("costs:index")).status_code == 403


def test_the_households_read_for_the_savings_are_audited(world):
    from stufenweg.people.models import Household
    from tests.conftest import enter, start_journey
    from tests.factories import PersonFactory

    bg = Household.objects.create(household_id="BG-AUDIT")
    enter(world, start_journey(world, PersonFactory(household=bg)), on=dt.date(2022, 4, 1))
    client_of(world.personas["coordinator"]).get(reverse("costs:programme", args=[world.programme.pk]))
    row = AuditEntry.objects.get(object_type="people.household", action=AuditEntry.Action.READ)
    assert row.object_id == str(bg.pk) and row.purpose == "Kosten und Einsparungen"
