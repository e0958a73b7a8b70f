"""An exit's statuses are optional on every path (``journeys.spec``): the import and the API
always took an exit without them (histories from other systems lack them), the exit form refused
it. The form now keeps an exit without statuses too, and offers „unbekannt“ for saying so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stufenweg.casework.action_forms import ExitForm
from stufenweg.journeys.models import JourneyEvent

pytestmark = pytest.mark.django_db


def test_an_exit_without_statuses_is_kept(client, world, journey):
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("casework:journey_action", args=[journey.pk, "austritt"]),
        {"occurred_on": "2024-06-28", "exit_kind": "early_neutral"},
    )
    assert response.status_code == 302
    event = JourneyEvent.objects.get(participation=journey, kind="exit")
    assert (event.exit_kind, event.statuses) == ("early_neutral", "")
    journey.refresh_from_db()
    assert journey.state == "exited"


def test_the_form_offers_unknown(world, journey):
    form = ExitForm(participation=journey, user=world.personas["regional"])
    field = form.fields["statuses"]
    assert not field.required
    assert ("unknown", "unbekannt") in [(value, str(label)) for value, label in field.choices]
