"""Done when: a mentor of the mentoring project assigns themselves to a mentee, logs an employer
contact (it appears in the employer's contact history), records the placement into training and
starts the after-placement support; the worklist „Nachbetreuung“ and the figures show it. axe
checks every page and panel on the way."""

from __future__ import annotations

import os

import pytest

from stufenweg.journeys import services
from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry, Mentorship
from stufenweg.organisations.models import EmployerContact
from tests.browser.conftest import days_ago
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mentor_assigns_logs_employer_contact_placement_and_aftercare(web, world):
    person = PersonFactory(last_name="Haddad", first_name="Samir")
    services.participation_refer(
        person=person,
        programme=world.programme,
        on=days_ago(90),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=None,
    )
    services.participation_start_assessment(
        person=person, programme=world.programme, on=days_ago(85), by=None
    )
    participation = person.participations.get()
    services.participation_assessment_result(
        participation=participation, on=days_ago(80), result="suitable", stage=world.s4, by=None
    )
    services.enrolment_enter(
        participation=participation,
        measure=world.measure_m,
        stage=world.s4,
        on=days_ago(60),
        employment_status="unemployed",
        unemployed_since=days_ago(900),
        benefit="sgb2",
        by=None,
    )
    page = web.page
    page.context.set_default_timeout(30_000)
    mentor = world.personas["mentor"]

    # a participant of a measure without a mentoring project: the coordination office sees no
    # mentoring section there (nothing to say), on this mentee's page it says „Noch kein Mentoring.“
    other = PersonFactory(last_name="Ohnementoring")
    from tests.conftest import enter, start_journey

    enter(world, start_journey(world, other, on=days_ago(90)), on=days_ago(60))
    web.login("koordination")
    web.visit(f"/teilnehmende/{other.pk}/")
    assert page.locator("#h-mentoring").count() == 0 and "Noch kein Mentoring." not in page.content()
    web.visit(f"/teilnehmende/{person.pk}/?teilnahme={participation.pk}")
    assert "Noch kein Mentoring." in page.content()
    page.context.clear_cookies()

    web.login("mentor")
    web.visit(f"/teilnehmende/{person.pk}/?teilnahme={participation.pk}")
    assert page.locator("#h-mentoring").is_visible()
    assert "Noch kein Mentoring." in page.content()

    # assign: the mentor may only choose themselves
    web.open_action("Mentorin/Mentor zuordnen")
    assert page.locator("#id_mentor option").count() == 2  # the blank choice and the mentor
    page.select_option("#id_mentor", str(mentor.pk))
    page.fill("#id_started_on", days_ago(30).isoformat())
    web.submit_panel_ok()
    mentorship = Mentorship.objects.get()
    assert (mentorship.mentor, mentorship.organisation, mentorship.started_on) == (
        mentor,
        world.mentoring,
        days_ago(30),
    )

    # an employer contact in the log: without an employer first (error next to the field)
    web.open_action("Mentoring-Eintrag")
    page.fill("#id_occurred_on", days_ago(20).isoformat())
    page.select_option("#id_kind", "employer")
    page.fill("#id_topic", "Ausbildungsplatz Pflegefachhelfer")
    web.submit_panel()
    page.wait_for_selector("#id_employer_error")
    web.axe()
    assert not MentoringEntry.objects.exists() and not EmployerContact.objects.exists()
    page.select_option("#id_employer", str(world.employer.pk))
    page.select_option("#id_employer_topic", "placement")
    page.fill("#id_notes", "Vorstellungsgespräch vereinbart")
    web.submit_panel_ok()
    entry = MentoringEntry.objects.get()
    contact = EmployerContact.objects.get()
    assert entry.employer_contact == contact
    assert (contact.employer, contact.organisation, contact.participation) == (
        world.employer,
        world.mentoring,
        participation,
    )
    log = page.inner_text(".mentoring-log")
    assert "Pflegedienst Lichtblicke" in log and "Vorstellungsgespräch vereinbart" in log
    assert str(mentor) in log  # who recorded it

    # the mentor corrects the entry's note; the log says it was corrected, the old text is kept
    page.click(".mentoring-log a:has-text('berichtigen')")
    page.wait_for_selector("#action-panel form")
    web.axe()
    assert page.input_value("#id_topic") == "Ausbildungsplatz Pflegefachhelfer"
    page.fill("#id_notes", "Vorstellungsgespräch am Montag")
    web.submit_panel_ok()
    log = page.inner_text(".mentoring-log")
    assert "Vorstellungsgespräch am Montag" in log and "berichtigt am" in log
    entry.refresh_from_db()
    assert entry.revisions.get().notes == "Vorstellungsgespräch vereinbart"
    contact.refresh_from_db()
    assert contact.notes == "Vorstellungsgespräch am Montag"
    shots = os.environ.get("STUFENWEG_SCREENSHOTS")
    if shots:
        page.locator("#h-mentoring").scroll_into_view_if_needed()
        page.screenshot(path=f"{shots}/mentoring_section.png", full_page=True)

    # the placement into training (the casework action of the page)
    web.open_action("Beschäftigungsbeginn")
    page.fill("#id_occurred_on", days_ago(10).isoformat())
    page.select_option("#id_employment_kind", "vocational_training")
    page.select_option("#id_employer", str(world.employer.pk))
    page.fill("#id_hours", "39")
    web.submit_panel_ok()

    # after-placement support for 6 months (the default)
    web.open_action("Nachbetreuung beginnen")
    assert page.input_value("#id_months") == "6"
    page.select_option("#id_placement", index=1)
    web.submit_panel_ok()
    support = AfterPlacementSupport.objects.get()
    assert support.into_training and support.started_on == days_ago(10) and support.months == 6
    assert "Nachbetreuung" in page.inner_text(".after-placement")

    # the worklist: last entry 20 days ago is not quiet, the support runs six months -> empty;
    # the figures count one placement into training, none into work
    web.visit("/")
    assert "0 Mentees in der Nachbetreuung brauchen Aufmerksamkeit." in page.content()
    page.click("a:text-is('Zur Arbeitsliste „Nachbetreuung“')")
    page.wait_for_selector("h1:text-is('Nachbetreuung')")
    web.axe()
    assert "Nichts zu tun." in page.content()
    figures = page.inner_text("#placement-figures tbody")
    assert "Mentorenprojekt\t1\t0" in figures

    # the coordination office sets the project's default length for the programme
    page.context.clear_cookies()
    web.login("koordination")
    web.visit("/mentoring/nachbetreuung/dauer/")
    assert "6 (Standard)" in page.inner_text("#aftercare-defaults")
    page.click("#aftercare-defaults a:has-text('ändern')")
    page.wait_for_selector("#id_months")
    web.axe()
    page.fill("#id_months", "9")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Die Dauer der Nachbetreuung wurde gespeichert.")
    web.axe()
    assert "\t9" in page.inner_text("#aftercare-defaults")
    if shots:
        page.screenshot(path=f"{shots}/aftercare_defaults.png", full_page=True)
