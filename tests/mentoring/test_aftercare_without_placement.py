"""„Nachbetreuung beginnen“ for a mentee without a placement: the form says in German that a
placement comes first (it offered an empty list „---------“ and, on saving, only „Dieses Feld ist
zwingend erforderlich.“); with a placement the list asks „Bitte wählen“."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.mentoring.test_mentoring import _assign, _mentee, _place

pytestmark = pytest.mark.django_db

HINT = "Noch keine Vermittlung erfasst: zuerst auf der Teilnahmeseite „Beschäftigungsbeginn“ erfassen."


def _client(world):
    client = Client()
    client.force_login(world.personas["mentor"])
    return client


def test_without_a_placement_the_form_says_what_comes_first(world):
    mentorship = _assign(world, _mentee(world))
    url = reverse("mentoring:aftercare_add", args=[mentorship.pk])
    client = _client(world)
    html = client.get(url).content.decode()
    assert HINT in html
    assert "---------" not in html
    refused = client.post(url, {"placement": "", "months": "6"})
    assert refused.status_code in (200, 422)
    assert refused.context["form"].errors["placement"] == [
        "Ohne Vermittlung kann keine Nachbetreuung beginnen."
    ]
    assert HINT in refused.content.decode()
    assert not mentorship.after_placement.exists()


def test_with_a_placement_the_list_asks_to_choose(world):
    mentee = _mentee(world)
    mentorship = _assign(world, mentee)
    _place(mentee, "svb", 10)
    html = _client(world).get(reverse("mentoring:aftercare_add", args=[mentorship.pk])).content.decode()
    assert "Bitte wählen" in html
    assert "---------" not in html
    assert HINT not in html
