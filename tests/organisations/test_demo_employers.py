"""The demo's employers have sectors and (synthetic) contact persons, and the loader stores them."""

from __future__ import annotations

import re

import pytest

from stufenweg.demo.catalogue.common import EMPLOYERS
from stufenweg.demo.catalogue.employers import EMPLOYER_DETAILS
from stufenweg.organisations.codes import Sector
from stufenweg.organisations.models import EmployerProfile


def test_every_demo_employer_has_valid_synthetic_details():
    assert {code for code, _n, _r in EMPLOYERS} == set(EMPLOYER_DETAILS)
    for code, (sector, street, postcode, town, contact, phone, email) in EMPLOYER_DETAILS.items():
        assert sector in Sector.values, code
        assert re.fullmatch(r"[0-9]{5}", postcode), code
        assert street and town and contact, code
        assert phone.startswith("030 23125 0"), code  # kept free for fiction
        assert email.endswith(".example"), code  # reserved top-level domain


@pytest.mark.django_db
def test_the_loader_stores_them(world):
    from stufenweg.demo.context import DemoContext
    from stufenweg.demo.master import _employer_details
    from stufenweg.organisations.models import Organisation

    ctx = DemoContext.__new__(DemoContext)
    ctx.organisations = {
        code: Organisation.objects.create(code=code, name=name, kind="employer")
        for code, name, _r in EMPLOYERS
    }
    _employer_details(ctx)
    profile = EmployerProfile.objects.get(organisation__code="AG-LICHTBLICKE")
    assert (profile.sector, profile.town, profile.contact_name) == ("Q", "Dresden", "Sabine Hoffmann")
    assert EmployerProfile.objects.count() == len(EMPLOYERS)
