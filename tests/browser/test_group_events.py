"""Done when: a Jobcenter staff member creates a JOBfabrik workshop with 2 sessions and 10 places,
a caseworker books 11 participants (the 11th waits), attendance is recorded, and the participant
page and the group-work figures show it. axe checks every group-work page on the way (list,
event, create, edit, session add / change / remove, cancel, booking search, attendance,
figures, the participant page and the participant list)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.groupwork.models import Attendance, Booking, GroupEvent
from tests.browser.conftest import Browser
from tests.groupwork.conftest import participants

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "JOBfabrik: Neue Wege zum JOB"


def _submit(web: Browser) -> None:
    with web.page.expect_navigation():
        web.page.click("main form[method=post] button[type=submit]")
    web.page.wait_for_selector(".alert--success")


def _book(web: Browser, event: GroupEvent, participation, *, keyboard: bool) -> None:
    """Search the person by person ID (htmx while typing) and book the hit."""
    page = web.page
    page.goto(web.base + f"/gruppenangebote/{event.pk}/buchen/")
    page.focus("#booking-q")
    page.keyboard.type(participation.person.person_id)
    page.wait_for_selector(f"#pick-{participation.pk}")
    if keyboard:  # search field → „Suchen“ → the hit (preselected as the only one) → „Buchen“
        web.axe()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"pick-{participation.pk}"
        assert page.is_checked(f"#pick-{participation.pk}")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Buchen"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_selector(".alert--success")
    else:
        page.check(f"#pick-{participation.pk}")
        _submit(web)


def test_workshop_booked_beyond_capacity_and_attended(web, world, chromium):
    people = participants(world, 11, prefix="Werk")
    page = web.page
    page.context.set_default_timeout(30_000)  # a long walk; the shared test machine can be slow
    today = timezone.localdate()

    # the Jobcenter staff member creates the workshop with 10 places and two sessions
    web.login("jobcenter")
    web.visit("/gruppenangebote/")
    page.click("a:text-is('Gruppenangebot anlegen')")
    page.wait_for_selector("#id_title")
    web.axe()
    page.select_option("#id_kind", "workshop")
    page.fill("#id_title", TITLE)
    page.check(f"input[name=programmes][value='{world.programme.pk}']")
    page.fill("#id_place", "JOBfabrik Torgau")
    page.fill("#id_capacity", "10")
    _submit(web)
    web.axe()  # the event page
    event = GroupEvent.objects.get()
    assert (event.kind, event.capacity, event.organiser) == ("workshop", 10, world.jobcenter_a)
    for number, day in enumerate((today, today + dt.timedelta(days=7))):
        page.click("a:text-is('Termin hinzufügen')")
        page.wait_for_selector("#id_date")
        if number == 0:
            web.axe()
        page.fill("#id_date", day.isoformat())
        page.fill("#id_starts_at", "09:00")
        page.fill("#id_ends_at", "12:00")
        _submit(web)
    assert event.sessions.count() == 2
    second = event.sessions.order_by("date").last()
    web.visit(f"/gruppenangebote/termin/{second.pk}/entfernen/")  # looked at, not removed
    web.visit(f"/gruppenangebote/{event.pk}/bearbeiten/")
    web.visit(f"/gruppenangebote/{event.pk}/absagen/")
    assert event.sessions.count() == 2

    # the regional office's caseworker books 11 participants: 10 places, the 11th waits
    context = chromium.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(30_000)
    caseworker = Browser(context.new_page(), web.base)
    try:
        caseworker.login("regional")
        caseworker.visit(f"/gruppenangebote/{event.pk}/")
        for number, participation in enumerate(people):
            _book(caseworker, event, participation, keyboard=number == 0)
        assert "Platz 1 der Warteliste" in caseworker.page.inner_text(".messages")
        caseworker.axe()
        assert Booking.objects.filter(event=event, status="booked").count() == 10
        assert Booking.objects.get(participation=people[10]).waiting_position == 1
        caseworker.visit(f"/gruppenangebote/{event.pk}/")
        assert "Niemand wartet." not in caseworker.page.inner_text("main")

        # the Jobcenter moves the second session by an hour; the caseworker who booked is told
        web.visit(f"/gruppenangebote/termin/{second.pk}/bearbeiten/")
        page.fill("#id_starts_at", "10:00")
        page.fill("#id_ends_at", "13:00")
        _submit(web)
        caseworker.visit("/")
        moved = f"{second.date:%d.%m.%Y}, 09:00–12:00 verlegt auf {second.date:%d.%m.%Y}, 10:00–13:00"
        assert moved in caseworker.page.inner_text("main")

        # the Jobcenter records the attendance at today's session: 9 attended, 1 excused
        first = event.sessions.order_by("date").first()
        page.goto(web.base + f"/gruppenangebote/{event.pk}/")
        page.click(f"a[href='/gruppenangebote/termin/{first.pk}/anwesenheit/']")
        page.wait_for_selector("main form[method=post]")
        web.axe()
        booked = list(Booking.objects.filter(event=event, status="booked").order_by("pk"))
        for booking in booked[:9]:
            page.check(f"input[name=b{booking.pk}][value=attended]")
        page.check(f"input[name=b{booked[9].pk}][value=excused]")
        _submit(web)
        web.axe()
        assert Attendance.objects.filter(session=first, status="attended").count() == 9

        # the caseworker's participant page shows the session as a contact …
        attended = booked[0].participation
        caseworker.visit(f"/teilnehmende/{attended.person_id}/?teilnahme={attended.pk}")
        group_work = caseworker.page.inner_text("table.group-work")
        assert TITLE in group_work
        assert f"{today:%d.%m.%Y} 09:00: teilgenommen" in group_work and "Kontakt" in group_work
        # … and so does the participant list's „letzter Kontakt“
        caseworker.visit(f"/teilnehmende/?q={attended.person.person_id}")
        assert f"{today:%d.%m.%Y}" in caseworker.page.inner_text("#participant-results")
        # the 11th sees its waiting place
        waiting = people[10]
        caseworker.visit(f"/teilnehmende/{waiting.person_id}/?teilnahme={waiting.pk}")
        assert "Warteliste (Platz 1)" in caseworker.page.inner_text("table.group-work")
    finally:
        context.close()

    # the figures: 1 session held (the second is still to come), 10 places, 10 bookings,
    # 1 waiting, attendance 9 of 10
    web.visit("/gruppenangebote/kennzahlen/")
    row = page.inner_text("#group-figures tbody tr")
    cells = [cell.strip() for cell in row.split("\t")]
    assert cells[:6] == ["JobPerspektive Test", "Region A", "1", "10", "10", "1"], cells
    assert "90 %" in cells[6] and "(9/10)" in cells[6]
