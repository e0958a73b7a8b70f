"""A coordination office runs a new programme without files or a shell (issue: administration and
data entry): it sets up a programme with two stages and a measure, creates a caseworker account
for a regional office; the new caseworker sets a password, refers and enters a person, records the
person's ESF characteristics, and the ESF report of the new programme counts them. axe on every
page."""

from __future__ import annotations

import re

import pytest

from stufenweg.organisations.models import Membership, User
from stufenweg.people.models import Person
from stufenweg.programmes.models import Measure, Programme
from tests.browser.conftest import days_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "Lange-Wege-fuehren-2026!"


def _submit(web) -> None:
    with web.page.expect_navigation():
        web.page.click("main form button[type=submit]")
    web.axe()


def _set_up_programme(web, world) -> tuple[Programme, Measure]:
    page = web.page
    web.visit("/verwaltung/programme/neu/")
    page.fill("#id_code", "NEU")
    page.fill("#id_name", "Neustart Oberlausitz")
    _submit(web)
    assert Programme.objects.filter(code="NEU").exists(), web.page.inner_text("main")
    programme = Programme.objects.get(code="NEU")
    for code, name in (("P1", "Phase 1 – Orientierung"), ("P2", "Phase 2 – Qualifizierung")):
        web.visit(f"/verwaltung/programme/{programme.pk}/stufen/neu/")
        page.fill("#id_code", code)
        page.fill("#id_name", name)
        page.fill("#id_max_months", "12")
        _submit(web)
    assert list(programme.stages.order_by("position").values_list("code", flat=True)) == ["P1", "P2"]
    web.visit("/verwaltung/massnahmen/neu/")
    page.fill("#id_code", "NEU-M1")
    page.fill("#id_name", "Orientierung Bautzen")
    page.select_option("#id_programme", str(programme.pk))
    p1 = programme.stages.get(code="P1")
    page.check(f"input[name=stages][value='{p1.pk}']")
    page.select_option("#id_provider", str(world.provider_a.pk))
    page.select_option("#id_region", str(world.region_a.pk))
    page.fill("#id_places", "12")
    page.fill("#id_start", days_ago(200).isoformat())
    _submit(web)
    measure = Measure.objects.get(code="NEU-M1")
    assert measure.programme == programme and list(measure.stages.all()) == [p1]
    return programme, measure


def _create_account(web, world) -> str:
    page = web.page
    web.visit("/verwaltung/konten/neu/")
    page.fill("#id_username", "f.neumann.rb-a")
    page.fill("#id_first_name", "Frieda")
    page.fill("#id_last_name", "Neumann")
    page.select_option("#id_organisation", str(world.regional_a.pk))
    page.select_option("#id_role", Membership.Role.CASEWORKER)
    _submit(web)
    link = page.input_value("#password-link")
    assert User.objects.get(username="f.neumann.rb-a").memberships.get().organisation == world.regional_a
    return link


def test_a_new_programme_from_set_up_to_the_esf_report(web, world, chromium):
    page = web.page
    web.login("koordination")
    programme, measure = _set_up_programme(web, world)
    link = _create_account(web, world)

    # the new caseworker, in a browser of her own: sets her password, signs in
    context = chromium.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(10_000)
    from tests.browser.conftest import Browser

    her = Browser(context.new_page(), web.base)
    her.page.goto(link)
    her.page.wait_for_selector("#id_new_password1")
    her.axe()
    her.page.fill("#id_new_password1", NEW_PASSWORD)
    her.page.fill("#id_new_password2", NEW_PASSWORD)
    with her.page.expect_navigation():
        her.page.click("main form button[type=submit]")
    her.page.fill("#id_username", "f.neumann.rb-a")
    her.page.fill("#id_password", NEW_PASSWORD)
    her.page.click("main button[type=submit]")
    her.page.wait_for_url(web.base + "/")
    her.axe()

    # she refers a person to the new programme: nothing is preselected
    her.visit("/teilnehmende/zuweisen/")
    assert her.page.input_value("#id_gender") == ""
    her.page.fill("#id_person_id", "NEU-0001")
    her.page.fill("#id_last_name", "Wagner")
    her.page.fill("#id_first_name", "Zoë")
    her.page.fill("#id_birth_date", "1979-03-14")
    her.page.select_option("#id_gender", "f")
    her.page.select_option("#id_programme", str(programme.pk))
    her.page.select_option("#id_region", str(world.region_a.pk))
    her.page.select_option("#id_referrer", str(world.jobcenter_a.pk))
    her.page.fill("#id_occurred_on", days_ago(40).isoformat())
    with her.page.expect_navigation():
        her.page.click("main form button[type=submit]")
    her.page.wait_for_selector("h1:text-is('Wagner, Zoë')")
    her.axe()
    person = Person.objects.get(person_id="NEU-0001")
    participation = person.participations.get()

    # assessment and entry into the new measure (the stage is preselected from the result)
    her.open_action("Eignungsfeststellung beginnen")
    her.page.fill("#id_occurred_on", days_ago(35).isoformat())
    her.submit_panel_ok()
    her.open_action("Ergebnis erfassen")
    her.page.fill("#id_occurred_on", days_ago(30).isoformat())
    her.page.select_option("#id_result", "suitable")
    her.page.select_option("#id_stage", str(measure.stages.get().pk))
    her.submit_panel_ok()
    her.open_action("Eintritt in eine Maßnahme")
    assert her.page.input_value("#id_stage") == str(measure.stages.get().pk)
    her.page.fill("#id_occurred_on", days_ago(20).isoformat())
    her.page.select_option("#id_measure", str(measure.pk))
    her.page.fill("#id_planned_end", days_ago(-150).isoformat())
    her.page.select_option("#id_employment_status", "unemployed")
    her.page.fill("#id_unemployed_since", "2021-01-01")
    her.page.select_option("#id_benefit", "sgb2")
    her.submit_panel_ok()
    participation.refresh_from_db()
    assert (participation.state, participation.current_measure_id) == ("in_stage", measure.pk)

    # she records the ESF characteristics on the person's page
    her.page.click("a:text-is('Angaben bearbeiten')")
    her.page.wait_for_selector("#id_disability")
    her.axe()
    her.page.select_option("#id_disability", "yes")
    her.page.select_option("#id_foreign_background", "yes")
    her.page.fill("#id_nationality", "SY")
    with her.page.expect_navigation():
        her.page.click("main form button[type=submit]")
    her.page.wait_for_selector(".alert--success")
    her.axe()
    person.refresh_from_db()
    assert (person.disability, person.foreign_background, person.nationality) == ("yes", "yes", "SY")
    context.close()

    # the coordination office's ESF report of the new programme counts her
    web.visit("/berichte/")
    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_date_from", days_ago(60).isoformat())
    page.fill("#id_date_to", days_ago(0).isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/berichte/lauf/\d+/$"))
    page.wait_for_selector("details.report-section", timeout=20_000)
    page.evaluate("document.querySelectorAll('details.report-section').forEach(d => d.open = true)")
    web.axe()
    esf = page.locator("details.report-section:has(h2:text-matches('ESF'))").first
    for code in ("EECO12", "EECO13", "EECO14"):  # disability, third-country national, foreign background
        row = esf.locator(f"tr:has(th:text-matches('^{code}'))").first
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        assert cells[:3] == ["1", "1", "0"], (code, cells)  # total, women, men
    homeless = esf.locator("tr:has(th:text-matches('^EECO16'))").first.locator("td").first.inner_text()
    assert homeless.strip() == "0"  # not recorded, not counted
