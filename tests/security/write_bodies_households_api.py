"""Households through the API in the write-authority test: a benefit month of the case's household
(``write_bodies_households``: the case's person is its only member), so the rule is the person
rule of the web form, with the household named in the body (a household outside the sight: 404)
and a key without any writing role refused first (403)."""

from __future__ import annotations

from django.urls import reverse


def month_body(ww, which, persona):
    return reverse("api:household-month-list"), {
        "household": ww.cases[which].household.pk,
        "month": "2024-05",
        "members": 2,
        "llu": "1012.50",
        "kdu": "455.00",
    }
