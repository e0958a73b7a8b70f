"""A Jobcenter staff member creates a JOBfabrik workshop with 2 sessions and 10 places, a
caseworker books 11 participants (the 11th waits), attendance is recorded, and the participant
page and the figures show it; axe checks every page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from stufenweg.groupwork.models import Booking, GroupEvent
from tests.groupwork.conftest import participants

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_workshop_booked_beyond_capacity_and_attended(web, world):
    people = participants(world, 11, prefix="Werk")
    page = web.page
    today = timezone.localdate()
    web.login("jobcenter")
    web.visit("/gruppenangebote/neu/")
    page.select_option("#id_kind", "workshop")
    page.fill("#id_title", "JOBfabrik: Neue Wege zum JOB")
    page.check(f"input[name=programmes][value='{world.programme.pk}']")
    page.fill("#id_place", "JOBfabrik Torgau")
    page.fill("#id_capacity", "10")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".alert--success")
    web.axe()
    event = GroupEvent.objects.get()
    for day in (today, today + dt.timedelta(days=7)):
        web.visit(f"/gruppenangebote/{event.pk}/termin/")
        page.fill("#id_date", day.isoformat())
        page.fill("#id_starts_at", "09:00")
        page.fill("#id_ends_at", "12:00")
        page.click("main form button[type=submit]")
        page.wait_for_selector(".alert--success")
    assert event.sessions.count() == 2

    for p in people:  # the Jobcenter's caseworker books its referred participants
        web.page.goto(web.base + f"/gruppenangebote/{event.pk}/buchen/")
        page.select_option("#id_participation", str(p.pk))
        page.click("main form button[type=submit]")
        page.wait_for_selector(".alert--success")
    assert "Platz 1 der Warteliste" in page.inner_text(".messages")
    web.axe()
    assert Booking.objects.filter(event=event, status="booked").count() == 10
    assert Booking.objects.get(participation=people[10]).waiting_position == 1

    session = event.sessions.order_by("date").first()
    web.visit(f"/gruppenangebote/termin/{session.pk}/anwesenheit/")
    for booking in Booking.objects.filter(event=event, status="booked"):
        page.check(f"input[name=b{booking.pk}][value=attended]")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".alert--success")
    web.axe()

    web.visit(f"/teilnehmende/{people[0].person_id}/?teilnahme={people[0].pk}")
    assert "JOBfabrik: Neue Wege zum JOB" in page.inner_text("main")
    web.visit("/gruppenangebote/kennzahlen/")
    text = page.inner_text("#group-figures")
    assert "(10/10)" in text
