"""The employer page's contacts, vacancies, internships and placements; the forms; the figure
„Arbeitgeber unterstützt“ on the employer list (hand-counted)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from stufenweg.journeys.services import employment_start_record, internship_record, journey_event_void
from stufenweg.organisations.employer_selectors import support_figures
from stufenweg.organisations.employer_services import employer_contact_record, vacancy_create
from stufenweg.organisations.models import EmployerContact, Organisation, Vacancy
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _placed(world, *, last_name, region, measure, stage, referrer, on):
    participation = start_journey(world, PersonFactory(last_name=last_name), region=region, referrer=referrer)
    enter(world, participation, measure=measure, stage=stage)
    internship_record(participation=participation, on=on, employer=world.employer, by=None)
    return participation


def test_the_page_lists_placements_within_the_viewers_scope_and_records_the_reads(world):
    mine = _placed(
        world,
        last_name="Praktikantin",
        region=world.region_a,
        measure=world.measure_a,
        stage=world.s3,
        referrer=world.jobcenter_a,
        on=dt.date(2022, 3, 1),
    )
    _placed(
        world,
        last_name="Verborgen",
        region=world.region_b,
        measure=world.measure_b,
        stage=world.s4,
        referrer=world.jobcenter_b,
        on=dt.date(2022, 3, 2),
    )
    employment_start_record(
        participation=mine, on=dt.date(2022, 6, 1), kind="svb", employer=world.employer, hours=30, by=None
    )
    url = f"/arbeitgeber/{world.employer.pk}/"
    regional = world.personas["regional"]
    page = _client(regional).get(url).content.decode()
    assert "Praktikantin" in page and "Verborgen" not in page
    assert "<dt>Praktika</dt><dd>1 (1 auf dem ersten Arbeitsmarkt)</dd>" in page
    assert "<dt>Beschäftigungsbeginne</dt><dd>1</dd>" in page
    reads = AuditEntry.objects.filter(actor=regional, action="read", purpose="Arbeitgeberseite")
    assert list(reads.values_list("person_id", flat=True)) == [mine.person_id]
    office = _client(world.personas["coordinator"]).get(url).content.decode()
    assert "Praktikantin" in office and "Verborgen" in office
    assert "<dt>Praktika</dt><dd>2 (2 auf dem ersten Arbeitsmarkt)</dd>" in office


def test_a_voided_internship_is_not_listed(world):
    participation = _placed(
        world,
        last_name="Zurückgenommen",
        region=world.region_a,
        measure=world.measure_a,
        stage=world.s3,
        referrer=world.jobcenter_a,
        on=dt.date(2022, 3, 1),
    )
    journey_event_void(event=participation.events.get(kind="internship"), by=None, reason="Irrtum")
    page = _client(world.personas["coordinator"]).get(f"/arbeitgeber/{world.employer.pk}/").content.decode()
    assert "Zurückgenommen" not in page and "<dt>Praktika</dt><dd>0" in page


def test_a_contacts_participant_is_named_only_within_scope(world):
    hidden = start_journey(
        world, PersonFactory(last_name="Außerhalb"), region=world.region_b, referrer=world.jobcenter_b
    )
    employer_contact_record(
        employer=world.employer,
        occurred_on=dt.date(2024, 3, 1),
        kind="phone",
        topic="placement",
        participation=hidden,
        notes="Rückfrage zur Bewerbung",
        organisation=world.coordination,
        by=None,
    )
    url = f"/arbeitgeber/{world.employer.pk}/"
    regional = _client(world.personas["regional"]).get(url).content.decode()
    assert "Rückfrage zur Bewerbung" in regional
    assert "Außerhalb" not in regional and "außerhalb Ihres Bereichs" in regional
    office = _client(world.personas["coordinator"]).get(url).content.decode()
    assert "Außerhalb" in office


def test_record_a_contact_through_the_form_and_errors_next_to_the_field(world):
    client = _client(world.personas["mentor"])
    url = f"/arbeitgeber/{world.employer.pk}/kontakte/neu/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"occurred_on": "2099-01-01", "kind": "visit", "topic": "support"})
    assert bad.status_code == 200 and "Das Datum liegt in der Zukunft." in bad.content.decode()
    assert not EmployerContact.objects.exists()
    response = client.post(
        url,
        {
            "occurred_on": "2024-03-05",
            "kind": "visit",
            "topic": "support",
            "programme": world.programme.pk,
            "notes": "Besuch",
        },
    )
    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert contact.organisation == world.mentoring and contact.programme == world.programme


def test_the_contact_form_offers_only_the_writers_placed_participants(world):
    _placed(
        world,
        last_name="Angeboten",
        region=world.region_a,
        measure=world.measure_a,
        stage=world.s3,
        referrer=world.jobcenter_a,
        on=dt.date(2022, 3, 1),
    )
    _placed(
        world,
        last_name="Nichtangeboten",
        region=world.region_b,
        measure=world.measure_b,
        stage=world.s4,
        referrer=world.jobcenter_b,
        on=dt.date(2022, 3, 2),
    )
    page = (
        _client(world.personas["provider"])
        .get(f"/arbeitgeber/{world.employer.pk}/kontakte/neu/")
        .content.decode()
    )
    assert "Angeboten" in page and "Nichtangeboten" not in page


def test_record_and_edit_a_vacancy_through_the_forms(world):
    client = _client(world.personas["regional"])
    url = f"/arbeitgeber/{world.employer.pk}/stellen/neu/"
    bad = client.post(url, {"title": "Koch", "occupation": "29309", "places": 1, "status": "open"})
    assert "Anforderungsniveau" in bad.content.decode()
    response = client.post(
        url, {"title": "Koch/Köchin", "occupation": "29302", "hours": "38,5", "places": 2, "status": "open"}
    )
    assert response.status_code == 302, re.findall(r"error[^>]*>\s*([^<]+)<", response.content.decode())
    vacancy = Vacancy.objects.get()
    page = client.get(f"/arbeitgeber/{world.employer.pk}/").content.decode()
    assert "29302 – Speisenzubereitung (fachlich ausgerichtete Tätigkeiten)" in page
    edit = client.post(
        f"/arbeitgeber/stellen/{vacancy.pk}/bearbeiten/",
        {"title": "Koch/Köchin", "occupation": "29302", "hours": "38,5", "places": 2, "status": "withdrawn"},
    )
    assert edit.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == "withdrawn" and vacancy.closed_on is not None


def test_the_jobcenter_and_read_only_members_get_no_forms(world):
    vacancy = vacancy_create(
        employer=world.employer, title="Koch", occupation="29302", by=world.personas["regional"]
    )
    jobcenter = _client(world.personas["jobcenter"])
    assert jobcenter.get(f"/arbeitgeber/{world.employer.pk}/kontakte/neu/").status_code == 403
    assert jobcenter.get(f"/arbeitgeber/stellen/{vacancy.pk}/bearbeiten/").status_code == 404
    reader = MembershipFactory(
        user=UserFactory(username="nurlesen_a"), organisation=world.regional_a, role="read_only"
    ).user
    client = _client(reader)
    assert client.get(f"/arbeitgeber/{world.employer.pk}/").status_code == 200
    assert client.get(f"/arbeitgeber/{world.employer.pk}/stellen/neu/").status_code == 403
    assert client.post(f"/arbeitgeber/stellen/{vacancy.pk}/bearbeiten/", {"title": "x"}).status_code == 403


def test_another_organisations_contact_is_not_editable(world):
    contact = employer_contact_record(
        employer=world.employer,
        occurred_on=dt.date(2024, 3, 1),
        kind="visit",
        topic="acquisition",
        by=world.personas["regional"],
    )
    provider = _client(world.personas["provider"])
    assert provider.get(f"/arbeitgeber/kontakte/{contact.pk}/bearbeiten/").status_code == 403
    page = provider.get(f"/arbeitgeber/{world.employer.pk}/").content.decode()
    assert f"/arbeitgeber/kontakte/{contact.pk}/bearbeiten/" not in page
    assert (
        _client(world.personas["regional"]).get(f"/arbeitgeber/kontakte/{contact.pk}/bearbeiten/").status_code
        == 200
    )


# --- „Arbeitgeber unterstützt“, counted by hand ------------------------------------------------------


def test_supported_employers_per_programme_and_region_counted_by_hand(world):
    e1 = world.employer
    e2 = Organisation.objects.create(code="AG-2", name="Bäckerei Zwei", kind="employer")
    e3 = Organisation.objects.create(code="AG-3", name="Spedition Drei", kind="employer")
    regional_b = MembershipFactory(
        user=UserFactory(username="regional_b"), organisation=world.regional_b
    ).user

    def contact(employer, on, by, programme=world.programme):
        employer_contact_record(
            employer=employer, occurred_on=on, kind="visit", topic="acquisition", programme=programme, by=by
        )

    regional, mentor = world.personas["regional"], world.personas["mentor"]
    contact(e1, dt.date(2024, 3, 1), regional)  # JPS, Region A: E1
    contact(e1, dt.date(2024, 4, 1), regional)  # E1 again: still one employer
    contact(e2, dt.date(2024, 5, 1), mentor)  # JPS, Region A: E2 (the mentoring project is in region A)
    contact(e2, dt.date(2024, 6, 1), world.personas["coordinator"], programme=None)  # no programme, no region
    contact(e3, dt.date(2023, 12, 31), mentor)  # before the period
    contact(e1, dt.date(2024, 7, 1), regional_b)  # JPS, Region B: E1
    # placements: one participation in region A, an internship at E1, a job at E3; a voided one at E2
    participation = start_journey(world, PersonFactory(), region=world.region_a)
    enter(world, participation)
    internship_record(participation=participation, on=dt.date(2024, 3, 10), employer=e1, by=None)
    employment_start_record(
        participation=participation, on=dt.date(2024, 5, 1), kind="svb", employer=e3, by=None
    )
    voided = internship_record(participation=participation, on=dt.date(2024, 4, 1), employer=e2, by=None)
    journey_event_void(event=voided, by=None, reason="Irrtum")

    figures = support_figures(regional, date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    rows = {
        (getattr(r.programme, "code", None), getattr(r.region, "code", None)): (r.supported, r.hosting)
        for r in figures.rows
    }
    assert rows == {("JPS", "RA"): (2, 2), ("JPS", "RB"): (1, 0), (None, None): (1, 0)}
    assert (figures.supported, figures.hosting) == (2, 2)  # E1, E2 supported; E1, E3 hosted

    page = _client(regional).get("/arbeitgeber/", {"von": "2024-01-01", "bis": "2024-12-31"}).content.decode()
    assert "2 Arbeitgeber mit mindestens einem erfassten Kontakt (unterstützt), 2 mit einem Praktikum" in page
    assert (
        support_figures(
            world.personas["jobcenter"], date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31)
        ).rows
        == []
    )


def test_the_employer_page_does_not_query_per_contact(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    by = world.personas["regional"]
    client = _client(by)
    url = f"/arbeitgeber/{world.employer.pk}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    employer_contact_record(
        employer=world.employer, occurred_on=dt.date(2024, 3, 1), kind="visit", topic="acquisition", by=by
    )
    one = queries()
    for day in range(2, 7):
        employer_contact_record(
            employer=world.employer, occurred_on=dt.date(2024, 3, day), kind="phone", topic="support", by=by
        )
    assert queries() == one
