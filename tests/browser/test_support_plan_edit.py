"""Correcting a goal of the support plan with the keyboard only, in the panel of the participant
page; axe checks the page, the edit form and the form with an error."""

from __future__ import annotations

import datetime as dt

import pytest

from stufenweg.casework import services
from stufenweg.casework.models import Goal
from stufenweg.core.models import AuditEntry
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_goal_is_corrected_with_the_keyboard(web, world):
    person = make_person("Krüger", "Anna", "P-5001")
    participation = start_journey(world, person, on=dt.date(2024, 1, 8))
    enter(world, participation, on=dt.date(2024, 2, 1), planned_end=dt.date(2024, 12, 31))
    goal = services.goal_add(
        participation=participation,
        title="Bewerbungn schreiben",
        key_area="motivation",
        due_on=dt.date(2024, 9, 30),
        by=None,
    )
    page = web.page
    web.login("regional")
    web.visit(f"/teilnehmende/{person.pk}/?teilnahme={participation.pk}")

    # the link is announced with the goal it edits; Enter opens the form in the panel
    link = page.get_by_role("link", name="bearbeiten (Ziel Bewerbungn schreiben)")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#action-panel form #id_title")
    # focus moved to the panel's heading, the next Tab reaches the first field
    page.wait_for_function(
        "document.activeElement && document.activeElement.textContent === 'Ziel bearbeiten'"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert page.input_value("#id_title") == "Bewerbungn schreiben"
    web.axe()

    # an empty title is refused next to the field; nothing is saved
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    with page.expect_response(lambda r: r.request.method == "POST" and r.status == 422):
        page.keyboard.press("Enter")
    error = page.wait_for_selector("#action-panel .field--error .field__error")
    assert error.inner_text() == "Dieses Feld ist zwingend erforderlich."
    assert page.get_attribute("#id_title", "aria-invalid") == "true"
    web.axe()
    goal.refresh_from_db()
    assert goal.title == "Bewerbungn schreiben"

    # type the corrected title, move the due date, submit with Enter
    page.focus("#id_title")
    page.keyboard.type("Bewerbungen schreiben")
    page.keyboard.press("Tab")  # key area (a select): keep it
    assert page.evaluate("document.activeElement.id") == "id_key_area"
    page.fill("#id_due_on", "2024-10-31")
    page.focus("#id_title")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".alert--success")
    assert "Das Ziel wurde geändert." in page.inner_text(".alert--success")
    assert "Bewerbungen schreiben" in page.inner_text("#h-plan + *")
    web.axe()

    goal.refresh_from_db()
    assert (goal.title, goal.key_area, goal.due_on, goal.status) == (
        "Bewerbungen schreiben",
        "motivation",
        dt.date(2024, 10, 31),
        Goal.Status.OPEN,
    )
    assert (
        AuditEntry.objects.filter(
            object_type="casework.goal", object_id=str(goal.pk), action="update"
        ).count()
        == 1
    )
