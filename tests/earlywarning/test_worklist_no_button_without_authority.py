"""The worklist offers „prüfen“ only to whoever may decide; a reader (read-only role, the referring
Jobcenter) sees the warning marked as open and no button that would end on a 403 page."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

DECIDE_MARK = "/entscheidung/"


def _worklist(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("earlywarning:worklist"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_writer_gets_the_button(world, journey, model):
    body = _worklist(world.personas["regional"])
    assert reverse("earlywarning:decide", args=[journey.pk]) in body


def test_readers_see_the_warning_without_the_button(world, journey, model, read_only):
    for user in (read_only, world.personas["jobcenter"]):
        body = _worklist(user)
        assert "Müller, Jürgen" in body  # the warning itself is visible
        assert DECIDE_MARK not in body
        assert "offen" in body
        # and the decision form they would have reached refuses them indeed
        client = Client()
        client.force_login(user)
        assert client.get(reverse("earlywarning:decide", args=[journey.pk])).status_code == 403
