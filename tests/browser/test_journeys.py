"""The main journeys end to end in a real browser, one per persona, with axe on every page."""

from __future__ import annotations

import pytest

from stufenweg.journeys import services
from stufenweg.journeys.models import JourneyEvent
from tests.browser.conftest import days_ago
from tests.casework.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _referred(world, last, first, pid, *, assessed=True, referrer=None, region=None):
    person = make_person(last, first, pid)
    services.participation_refer(
        person=person,
        programme=world.programme,
        on=days_ago(90),
        referrer=referrer or world.jobcenter_a,
        region=region or world.region_a,
        by=None,
    )
    participation = person.participations.get()
    if assessed:
        services.participation_start_assessment(
            person=person, programme=world.programme, on=days_ago(85), by=None
        )
    return participation


def test_regional_caseworker_assesses_enters_extends_exits(web, world):
    participation = _referred(world, "Müller", "Jürgen", "P-1001")
    _referred(world, "Schmidt", "Karl", "P-1002")
    page = web.page
    web.login("regional")

    # find the person with the umlaut-free spelling, through the htmx search
    web.visit("/teilnehmende/")
    page.fill("#id_q", "mueller")
    page.wait_for_function("document.querySelectorAll('#participant-results tbody tr').length === 1")
    web.axe()
    page.click("#participant-results tbody a")
    page.wait_for_selector("h1:text-is('Müller, Jürgen')")
    web.axe()

    # assessment result: suitable for stage 3
    web.open_action("Ergebnis erfassen")
    page.fill("#id_occurred_on", days_ago(80).isoformat())
    page.select_option("#id_result", "suitable")
    page.select_option("#id_stage", str(world.s3.pk))
    web.submit_panel_ok()

    # entry: the measure list shows occupancy; a planned end beyond the stage's 12 months is
    # refused next to the field and nothing is saved
    web.open_action("Eintritt in eine Maßnahme")
    assert "belegt 0 von 3" in page.inner_text("#id_measure")
    page.fill("#id_occurred_on", days_ago(70).isoformat())
    page.select_option("#id_measure", str(world.measure_a.pk))
    page.select_option("#id_stage", str(world.s3.pk))
    page.fill("#id_planned_end", days_ago(70 - 400).isoformat())
    page.select_option("#id_employment_status", "unemployed")
    page.fill("#id_unemployed_since", "2019-01-01")
    page.select_option("#id_benefit", "sgb2")
    web.submit_panel()
    error = page.wait_for_selector("#action-panel .field--error .field__error")
    web.axe()
    assert page.locator("#action-panel .field--error #id_planned_end").count() == 1, error.inner_text()
    assert not JourneyEvent.objects.filter(participation=participation, kind="entry").exists()
    page.fill("#id_planned_end", days_ago(70 - 200).isoformat())
    web.submit_panel_ok()
    participation.refresh_from_db()
    assert (participation.state, participation.current_measure_id) == ("in_stage", world.measure_a.pk)

    # extension
    web.open_action("Verlängern")
    page.fill("#id_occurred_on", days_ago(30).isoformat())
    page.fill("#id_planned_end", days_ago(70 - 300).isoformat())
    page.fill("#id_reason", "Prüfung verschoben")
    web.submit_panel_ok()

    # exit before the entry is refused in German at the date; then the right date works
    web.open_action("Austritt")
    page.fill("#id_occurred_on", days_ago(75).isoformat())
    page.select_option("#id_exit_kind", "early_positive")
    page.check("input[name=statuses][value=employed_svb]")
    web.submit_panel()
    error = page.wait_for_selector("#action-panel .field--error .field__error")
    assert "nicht möglich" in error.inner_text() or "vor" in error.inner_text()
    web.axe()
    page.fill("#id_occurred_on", days_ago(5).isoformat())
    web.submit_panel_ok()
    participation.refresh_from_db()
    assert participation.state == "exited"
    kinds = list(participation.events.order_by("id").values_list("kind", flat=True))
    assert kinds == ["referral", "assessment_start", "assessment_result", "entry", "extension", "exit"]
    assert "Austritt" in page.inner_text(".timeline")

    for path in ("/teilnehmende/arbeitslisten/", "/teilnehmende/fallzahlen/", "/teilnehmende/massnahmen/"):
        web.visit(path)


def test_provider_records_internship_and_job_start(web, world):
    participation = _referred(world, "Schulze", "Petra", "P-2001")
    services.participation_assessment_result(
        participation=participation, on=days_ago(80), result="suitable", stage=world.s3, by=None
    )
    services.enrolment_enter(
        participation=participation,
        measure=world.measure_a,
        stage=world.s3,
        on=days_ago(60),
        employment_status="unemployed",
        unemployed_since=days_ago(900),
        benefit="sgb2",
        by=None,
    )
    page = web.page
    web.login("traeger")
    web.visit("/teilnehmende/")
    page.click("#participant-results tbody a:text-is('Schulze, Petra')")
    page.wait_for_selector("h1:text-is('Schulze, Petra')")
    web.axe()

    web.open_action("Praktikum")
    page.fill("#id_occurred_on", days_ago(40).isoformat())
    page.select_option("#id_employer", str(world.employer.pk))
    page.fill("#id_end_date", days_ago(20).isoformat())
    page.select_option("#id_first_labour_market", "true")
    web.submit_panel_ok()

    web.open_action("Beschäftigungsbeginn")
    page.fill("#id_occurred_on", days_ago(10).isoformat())
    page.select_option("#id_employment_kind", "svb")
    page.select_option("#id_employer", str(world.employer.pk))
    page.fill("#id_hours", "30")
    web.submit_panel_ok()
    outcomes = page.inner_text("#h-outcomes + *")
    assert "Pflegedienst Lichtblicke" in outcomes and "sozialversicherungspflichtig" in outcomes
    kinds = set(participation.events.values_list("kind", flat=True))
    assert {"internship", "employment_start"} <= kinds


def test_jobcenter_refers_and_sees_progress(web, world):
    progressed = _referred(world, "Vogel", "Ina", "P-3001")
    services.participation_assessment_result(
        participation=progressed, on=days_ago(80), result="suitable", stage=world.s3, by=None
    )
    page = web.page
    web.login("jobcenter")
    web.visit("/teilnehmende/zuweisen/")
    page.fill("#id_person_id", "JC-4711")
    page.fill("#id_last_name", "Weiß")
    page.fill("#id_first_name", "Jörg")
    page.fill("#id_birth_date", "1978-04-12")
    page.select_option("#id_gender", "m")
    page.select_option("#id_programme", str(world.programme.pk))
    page.select_option("#id_region", str(world.region_a.pk))
    page.fill("#id_occurred_on", days_ago(1).isoformat())
    page.click("#action-form button[type=submit]")
    page.wait_for_selector("h1:text-is('Weiß, Jörg')")
    web.axe()
    assert "Zuweisung" in page.inner_text(".timeline")
    assert page.locator(".action-bar").count() == 0  # a Jobcenter refers; it does not run the journey

    # progress of an earlier referral: state and stage visible
    web.visit(f"/teilnehmende/{progressed.person_id}/")
    assert "geeignet" in page.inner_text("#h-state + .card")
