"""A referral to a support service goes from „geplant“ to „beendet“ in the panel of the
participant page; axe checks the page with its new sections, each support form (also with an
error) and the phases page of the programme."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.support.models import ServiceReferral
from tests.browser.conftest import days_ago
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(web, label: str) -> None:
    web.page.click(f"main a:text-is('{label}')")
    web.page.wait_for_selector("#action-panel form")
    web.axe()


def _status(web, status: str, on: dt.date) -> None:
    web.page.click("#service-referrals a:has-text('Stand ändern')")
    web.page.wait_for_selector("#action-panel form #id_status")
    web.axe()
    web.page.select_option("#id_status", status)
    web.page.fill("#id_on", on.isoformat())
    web.submit_panel_ok()


def test_a_referral_goes_from_planned_to_ended(web, world):
    person = make_person("Schubert", "Lena", "P-7001")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    page = web.page
    web.login("regional")
    web.visit(f"/teilnehmende/{person.pk}/?teilnahme={participation.pk}")
    assert "Noch keine Vermittlung in ein Unterstützungsangebot." in page.inner_text("main")

    # the form refuses a missing service next to the field, nothing is saved
    _open(web, "Unterstützungsangebot planen")
    web.submit_panel()
    error = page.wait_for_selector("#action-panel .field--error .field__error")
    assert error.inner_text() == "Bitte wählen Sie das Angebot aus."
    web.axe()
    assert not ServiceReferral.objects.exists()

    page.select_option("#id_kind", "debt")
    page.fill("#id_provider", "Schuldnerberatung Delitzsch")
    page.fill("#id_on", days_ago(40).isoformat())
    web.submit_panel_ok()
    assert "geplant" in page.inner_text("#service-referrals .referral-status")

    _status(web, "referred", days_ago(30))
    _status(web, "started", days_ago(20))
    _status(web, "ended", days_ago(2))
    assert page.inner_text("#service-referrals .referral-status") == "beendet"
    assert "Stand ändern" not in page.inner_text("#service-referrals")  # only the correction is left

    referral = ServiceReferral.objects.get()
    assert (referral.status, referral.planned_on, referral.started_on, referral.ended_on) == (
        "ended",
        days_ago(40),
        days_ago(20),
        days_ago(2),
    )
    assert list(referral.steps.values_list("status", flat=True)) == [
        "planned",
        "referred",
        "started",
        "ended",
    ]

    # the other support forms pass axe too
    _open(web, "Hemmnis erfassen")
    _open(web, "Phase wechseln")
    _open(web, "Profillage einschätzen")


def test_the_phases_page(web, world):
    web.login("koordination")
    web.visit(f"/unterstuetzung/programm/{world.programme.pk}/phasen/")
    web.page.fill("#id_names", "Eingangsphase\nHauptphase\nNachbetreuung")
    with web.page.expect_navigation():
        web.page.click("main button[type=submit]")
    web.page.wait_for_selector(".alert--success")
    web.axe()
    assert "Hauptphase" in web.page.inner_text("main ol")


def test_the_referring_jobcenter_plans_a_16a_referral_on_the_participant_page(web, world):
    person = make_person("Krause", "Tobias", "P-7002")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))  # referred by Jobcenter A
    page = web.page
    web.login("jobcenter")
    web.visit(f"/teilnehmende/{person.pk}/?teilnahme={participation.pk}")
    assert "Hemmnis erfassen" not in page.inner_text("main")  # barriers stay with the delivering side
    _open(web, "Unterstützungsangebot planen")
    page.select_option("#id_kind", "psychosocial")
    page.fill("#id_provider", "Psychosoziale Beratungsstelle Oschatz")
    page.fill("#id_on", days_ago(10).isoformat())
    web.submit_panel_ok()
    _status(web, "referred", days_ago(5))
    assert page.inner_text("#service-referrals .referral-status") == "vermittelt"
    referral = ServiceReferral.objects.get()
    assert (referral.kind, referral.created_by.username) == ("psychosocial", "jobcenter")
