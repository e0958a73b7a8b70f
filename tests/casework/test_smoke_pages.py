"""Every casework page renders for the regional caseworker (status 200, German headings)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render_for_regional_caseworker(client, world, journey):
    client.force_login(world.personas["regional"])
    pages = {
        reverse("casework:participant_list"): "Teilnehmende",
        reverse("casework:participant_detail", args=[journey.person_id]): "Verlauf",
        reverse("casework:worklists"): "Arbeitslisten",
        reverse("casework:caseload"): "Fallzahlen",
        reverse("casework:measure_list"): "Maßnahmen und Plätze",
        reverse("casework:journey_action", args=[journey.pk, "austritt"]): "Austritt",
        reverse("casework:contact_add", args=[journey.pk]): "Kontakt erfassen",
        reverse("casework:refer"): "Person zuweisen",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
