"""Support services in the security tests: a planned referral, a barrier, a phase change and a
profile category per case (the objects of the status and correction routes and of the API's
detail routes) and valid bodies for the write-authority test. Who may write: the
casework rule (``Acting("delivering")``), the programme's phases: the coordination office."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from stufenweg.support import services


def support_objects(case) -> None:
    """A planned referral of the case's participation (``case.service_referral``), a barrier
    (``case.barrier``), a phase change (``case.phase_change``) and a profile category
    (``case.profile_rating``), the objects of the API's detail routes."""
    participation, day = case.participation, dt.date(2024, 3, 1)
    case.service_referral = services.service_referral_plan(
        participation=participation, kind="debt", on=day, by=None
    )
    case.barrier = services.barrier_record(
        participation=participation, kind="debt", present=True, on=day, by=None
    )
    case.phase_change = services.phase_change(participation=participation, position=1, on=day, by=None)
    case.profile_rating = services.profile_record(
        participation=participation, category="development", on=day, by=None
    )


def write_objects(ww) -> None:
    for case in ww.cases.values():
        support_objects(case)


def _participation_route(name: str, data: dict):
    return lambda ww, which, persona: (reverse(name, args=[ww.cases[which].participation.pk]), dict(data))


def _referral_route(name: str, data: dict):
    return lambda ww, which, persona: (reverse(name, args=[ww.cases[which].service_referral.pk]), dict(data))


referral_add = _participation_route("support:referral_add", {"kind": "bsk", "on": "2024-05-02"})
barrier_add = _participation_route(
    "support:barrier_add", {"kind": "mobility", "present": "true", "assessed_on": "2024-05-02"}
)
phase_add = _participation_route("support:phase_add", {"phase": "1", "on": "2024-05-02"})
profile_add = _participation_route(
    "support:profile_add", {"category": "support", "assessed_on": "2024-05-02"}
)
referral_status = _referral_route("support:referral_status", {"status": "referred", "on": "2024-03-04"})
referral_correct = _referral_route("support:referral_correct", {"status": "planned", "on": "2024-03-02"})


def phases(ww, which, persona):
    return reverse("support:programme_phases", args=[ww.world.programme.pk]), {
        "names": "Eingangsphase\nHauptphase\nNachbetreuung"
    }
