"""The early warning in the security tests: the world's programme switched on with a hand-made
model (so that a case in a stage has a risk to decide on, and the worklist shows the cases), and
valid bodies for the write-authority test. Who may write: a decision — the casework rule
(``Acting("delivering")``); the switch and the training — the coordination office's writing
members."""

from __future__ import annotations

from django.urls import reverse

from tests.earlywarning.helpers import switch_on_with_model


def earlywarning_objects(world) -> None:
    switch_on_with_model(world.programme)


def write_objects(ww) -> None:
    earlywarning_objects(ww.world)


def decide(ww, which, persona):
    return reverse("earlywarning:decide", args=[ww.cases[which].participation.pk]), {
        "outcome": "confirmed",
        "note": "Gespräch vereinbart.",
    }


def setting(ww, which, persona):
    return reverse("earlywarning:setting_change", args=[ww.world.programme.pk]), {
        "enabled": "on",
        "horizon_days": "120",
    }


def training(ww, which, persona):
    return reverse("earlywarning:training_request", args=[ww.world.programme.pk]), {}
