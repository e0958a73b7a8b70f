"""The demo's employer contacts and vacancies: written through the services, dated by the demo's
last day, a placement's follow-up naming a participation of the recording office's region (or,
logged by a mentor, a mentee of the mentoring project), and
„Arbeitgeber unterstützt“ not empty for the coordination office."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.demo.context import DEMO_END
from stufenweg.mentoring.models import Mentorship
from stufenweg.organisations.employer_selectors import support_figures
from stufenweg.organisations.models import EmployerContact, Organisation, Vacancy
from tests.demo.conftest import small_demo  # noqa: F401 - the module-scoped fixture

pytestmark = pytest.mark.django_db


def test_demo_contacts_and_vacancies(small_demo):  # noqa: F811
    contacts = EmployerContact.objects.select_related("organisation", "participation", "employer")
    assert contacts.filter(organisation__kind="mentoring_project").exists()
    placed = contacts.filter(participation__isnull=False)
    assert placed.exists()
    for contact in placed:
        if contact.organisation.kind == "mentoring_project":  # logged by a mentor about a mentee
            assert Mentorship.objects.filter(
                participation=contact.participation, organisation=contact.organisation
            ).exists()
            continue
        assert contact.organisation.kind == "regional_office"
        assert contact.organisation.region_id == contact.participation.region_id
        assert contact.topic == "support" and contact.staff is not None
    assert all(c.occurred_on <= min(dt.date.today(), DEMO_END) for c in contacts)
    assert all(c.employer.kind == Organisation.Kind.EMPLOYER for c in contacts)
    vacancies = Vacancy.objects.all()
    assert vacancies.filter(status="open").exists() and vacancies.filter(status="filled").exists()
    assert all(v.closed_on is None for v in vacancies.filter(status="open"))
    coordinator = small_demo.users["regie"]
    figures = support_figures(coordinator, date_from=dt.date(2020, 1, 1), date_to=DEMO_END)
    assert figures.supported == contacts.values("employer").distinct().count() > 0
