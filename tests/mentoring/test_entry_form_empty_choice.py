"""The mentoring entry form's employer list starts with „–“ like its other optional lists (it
showed Django's „---------“); the assignment's required lists (project, mentor) ask „Bitte wählen“."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.mentoring.test_mentoring import _assign, _mentee

pytestmark = pytest.mark.django_db


def test_the_employer_list_starts_with_a_dash(world):
    mentorship = _assign(world, _mentee(world))
    client = Client()
    client.force_login(world.personas["mentor"])
    html = client.get(reverse("mentoring:entry_add", args=[mentorship.pk])).content.decode()
    assert "---------" not in html
    assert '<option value="" selected>–</option>' in html


def test_the_assignment_lists_ask_to_choose(world):
    participation = _mentee(world)
    client = Client()
    client.force_login(world.personas["mentor"])
    html = client.get(reverse("mentoring:mentorship_add", args=[participation.pk])).content.decode()
    assert "---------" not in html
    assert "Bitte wählen" in html
