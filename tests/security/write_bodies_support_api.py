"""Barriers, phase changes and profile categories through the API in the write-authority test:
the casework rule of the web (``write_bodies_support``), the case named in the body; a key
without any writing role is refused (403) before the case is looked up."""

from __future__ import annotations

from django.urls import reverse

from tests.security.write_rules import Acting

RULE = Acting("delivering", api=True, in_body=True)


def _case(ww, which) -> dict:
    participation = ww.cases[which].participation
    return {"person_id": participation.person.person_id, "programme": ww.world.programme.code}


def barrier_body(ww, which, persona):
    return reverse("api:barrier-list"), {
        "kind": "mobility",
        "present": True,
        "assessed_on": "2024-05-02",
        **_case(ww, which),
    }


def phase_body(ww, which, persona):
    return reverse("api:phase-change-list"), {"phase": 2, "on": "2024-05-02", **_case(ww, which)}


def profile_body(ww, which, persona):
    return reverse("api:profile-rating-list"), {
        "category": "support",
        "assessed_on": "2024-05-02",
        **_case(ww, which),
    }
