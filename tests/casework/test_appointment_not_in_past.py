"""A new appointment lies today or later: a day in the past (a slip in the year) was saved as a
„geplant“ appointment that never comes; it is refused in German at the field „Tag“, the input
stays in the form, and nothing is written. A past conversation is recorded as a contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from stufenweg.casework import services
from stufenweg.casework.models import Appointment

pytestmark = pytest.mark.django_db
MESSAGE = "Der Tag liegt in der Vergangenheit. Ein zurückliegendes Gespräch bitte als Kontakt erfassen."


def _at(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_service_refuses_a_day_in_the_past_and_keeps_today(journey):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        services.appointment_schedule(
            participation=journey, starts_at=_at(today - dt.timedelta(days=1)), kind="phone", by=None
        )
    assert refused.value.message_dict == {"day": [MESSAGE]}
    assert not Appointment.objects.exists()
    services.appointment_schedule(participation=journey, starts_at=_at(today, 0), kind="phone", by=None)
    assert Appointment.objects.count() == 1


def test_form_shows_the_error_at_the_day_and_keeps_the_input(client, world, journey):
    client.force_login(world.personas["regional"])
    refused = client.post(
        reverse("casework:appointment_add", args=[journey.pk]),
        {"day": "2020-01-02", "time": "10:00", "kind": "phone", "place": "Büro am Markt"},
    )
    assert refused.status_code in (200, 422)
    assert refused.context["form"].errors["day"] == [MESSAGE]
    html = refused.content.decode()
    assert 'value="2020-01-02"' in html and 'value="Büro am Markt"' in html
    assert not Appointment.objects.exists()
