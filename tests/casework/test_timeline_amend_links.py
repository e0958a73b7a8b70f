"""The timeline offers „korrigieren“ and „zurücknehmen“ only for events the user may change: a
provider sees them on its entry but not on the regional office's assessment start (which it could
not correct: 403), the regional office on both."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stufenweg.journeys.models import JourneyEvent

pytestmark = pytest.mark.django_db


def _amend_links(client, journey) -> set[int]:
    html = client.get(reverse("casework:participant_detail", args=[journey.person.pk])).content.decode()
    return {int(pk) for pk in re.findall(r'href="/teilnehmende/ereignis/(\d+)/korrigieren/"', html)}


def _event(journey, kind: str) -> JourneyEvent:
    return JourneyEvent.objects.get(participation=journey, kind=kind)


def test_the_provider_is_offered_only_what_it_may_correct(client, world, journey):
    client.force_login(world.personas["provider"])
    links = _amend_links(client, journey)
    assert _event(journey, "entry").pk in links
    assert _event(journey, "assessment_start").pk not in links
    assert _event(journey, "referral").pk not in links


def test_the_regional_office_is_offered_the_assessment_and_the_entry(client, world, journey):
    client.force_login(world.personas["regional"])
    links = _amend_links(client, journey)
    assert {_event(journey, "entry").pk, _event(journey, "assessment_start").pk} <= links


def test_every_offered_link_opens(client, world, journey):
    client.force_login(world.personas["provider"])
    for pk in _amend_links(client, journey):
        assert client.get(reverse("casework:event_correct", args=[pk])).status_code == 200
        assert client.get(reverse("casework:event_void", args=[pk])).status_code == 200
