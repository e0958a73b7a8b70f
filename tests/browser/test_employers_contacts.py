"""Done when: a regional office's caseworker opens the employer register with its figure
„Arbeitgeber unterstützt“, the employer page with the internship of a participant of the region,
records a contact about that participant and a vacancy (a wrong KldB code first: the error next
to the field), edits both, and sees them on the page. axe checks every page on the way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.journeys.services import internship_record
from stufenweg.organisations.models import EmployerContact, EmployerProfile, Vacancy
from tests.browser.conftest import Browser
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(web: Browser) -> None:
    with web.page.expect_navigation():
        web.page.click("main form[method=post] button[type=submit]")


def test_contact_and_vacancy_on_the_employer_page(web, world, chromium):
    page = web.page
    page.context.set_default_timeout(30_000)
    EmployerProfile.objects.create(organisation=world.employer, sector="Q", town="Bautzen", postcode="02625")
    participation = start_journey(world, PersonFactory(last_name="Praktikant", first_name="Paul"))
    enter(world, participation)
    internship_record(participation=participation, on=dt.date(2022, 3, 1), employer=world.employer, by=None)
    today = timezone.localdate()

    web.login("regional")
    web.visit("/arbeitgeber/")
    assert "Arbeitgeber unterstützt" in page.content()
    web.visit(f"/arbeitgeber/{world.employer.pk}/")
    assert page.locator("#h-placements").is_visible()
    assert "Praktikant, Paul" in page.content()

    # a contact about the participant
    page.click("a:text-is('Kontakt erfassen')")
    page.wait_for_selector("#id_occurred_on")
    web.axe()
    page.fill("#id_occurred_on", today.isoformat())
    page.select_option("#id_kind", "visit")
    page.select_option("#id_topic", "support")
    page.select_option("#id_participation", str(participation.pk))
    page.fill("#id_notes", "Einsatz läuft gut, Übernahme möglich")
    _submit(web)
    page.wait_for_selector(".alert--success")
    web.axe()
    assert "Einsatz läuft gut" in page.content()
    contact = EmployerContact.objects.get()
    assert contact.participation == participation and contact.organisation == world.regional_a

    # edit the contact
    web.visit(f"/arbeitgeber/kontakte/{contact.pk}/bearbeiten/")
    page.select_option("#id_kind", "phone")
    _submit(web)
    page.wait_for_selector(".alert--success")
    contact.refresh_from_db()
    assert contact.kind == "phone"

    # a vacancy: a code without a requirement level first
    page.click("a:text-is('Stelle erfassen')")
    page.wait_for_selector("#id_title")
    web.axe()
    page.fill("#id_title", "Pflegehilfskraft")
    page.fill("#id_occupation", "82109")
    page.fill("#id_hours", "30")
    page.fill("#id_places", "2")
    with page.expect_response(lambda r: r.request.method == "POST"):  # htmx swaps the form
        page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector(".alert--error")
    web.axe()  # the error next to the field
    assert "Anforderungsniveau" in page.content()
    assert not Vacancy.objects.exists()
    page.fill("#id_occupation", "82101")
    _submit(web)
    page.wait_for_selector(".alert--success")
    web.axe()
    assert "82101 – Altenpflege (Helfer- und Anlerntätigkeiten)" in page.content()
    vacancy = Vacancy.objects.get()
    web.visit(f"/arbeitgeber/stellen/{vacancy.pk}/bearbeiten/")
    page.select_option("#id_status", "filled")
    _submit(web)
    page.wait_for_selector(".alert--success")
    vacancy.refresh_from_db()
    assert vacancy.status == "filled" and vacancy.closed_on == today
