"""Matching in the security tests: valid bodies for the write-authority test. Who may write: the
casework rule (``Acting("delivering")``, ``matching.authority``). The choice names a measure of the
case's programme with free places (``measure_m``), so it needs no object of its own."""

from __future__ import annotations

from django.urls import reverse


def _participation_route(name: str, data):
    def body(ww, which, persona):
        values = data(ww) if callable(data) else dict(data)
        return reverse(name, args=[ww.cases[which].participation.pk]), values

    return body


targets_edit = _participation_route(
    "matching:targets_edit", {"occupation_1": "29302", "occupation_2": "63302", "hours": "30"}
)
qualification_add = _participation_route(
    "matching:qualification_add",
    {"kind": "school", "text": "Hauptschulabschluss", "achieved_on": "2010-07-01"},
)
choose = _participation_route(
    "matching:choose", lambda ww: {"measure": str(ww.world.measure_m.pk), "note": "passt"}
)
