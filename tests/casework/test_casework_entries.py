"""Contacts, appointments, needs assessments and the support plan: saved through services,
notes encrypted at rest and kept out of the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from stufenweg.casework.models import Contact, Goal, NeedsAssessment, PlanAction
from stufenweg.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_contact_through_the_form_with_encrypted_note(client, world, journey):
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("casework:contact_add", args=[journey.pk]),
        {"kind": "home_visit", "occurred_on": "2024-03-05", "notes": "Wohnung feucht, Vermieter informiert"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get(participation=journey)
    assert contact.notes == "Wohnung feucht, Vermieter informiert"
    assert contact.staff == world.personas["regional"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM casework_contact WHERE id = %s", [contact.pk])
        raw = cursor.fetchone()[0]
    assert raw.startswith("enc1:") and "Vermieter" not in raw
    audit = AuditEntry.objects.get(object_type="casework.contact", object_id=str(contact.pk))
    assert "Vermieter" not in str(audit.after) and audit.person_id == journey.person_id
    page = client.get(reverse("casework:participant_detail", args=[journey.person_id])).content.decode()
    assert "Hausbesuch" in page and "Vermieter informiert" in page


def test_contact_in_the_future_is_refused(client, world, journey):
    client.force_login(world.personas["regional"])
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("casework:contact_add", args=[journey.pk]), {"kind": "phone", "occurred_on": future}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["occurred_on"] == ["Das Datum liegt in der Zukunft."]
    assert not Contact.objects.exists()


def test_needs_assessment_history(client, world, journey):
    client.force_login(world.personas["regional"])
    url = reverse("casework:assessment_add", args=[journey.pk])
    for day, rating in (("2024-02-10", 2), ("2024-05-10", 4)):
        assert (
            client.post(url, {"key_area": "motivation", "rating": rating, "assessed_on": day}).status_code
            == 302
        )
    assert (
        client.post(url, {"key_area": "motivation", "rating": 7, "assessed_on": "2024-05-11"}).status_code
        == 200
    )
    assert NeedsAssessment.objects.count() == 2
    response = client.get(reverse("casework:participant_detail", args=[journey.person_id]))
    current = response.context["file"].assessments_current
    assert [(a.key_area, a.rating, a.assessed_on) for a in current] == [
        ("motivation", 4, dt.date(2024, 5, 10))
    ]
    assert len(response.context["file"].assessments_history) == 2


def test_support_plan_goal_action_progress(client, world, journey):
    client.force_login(world.personas["regional"])
    r = client.post(
        reverse("casework:goal_add", args=[journey.pk]),
        {"title": "Bewerbungen schreiben", "key_area": "motivation", "due_on": "2024-09-30"},
    )
    assert r.status_code == 302
    goal = Goal.objects.get()
    assert goal.plan.participation == journey
    r = client.post(
        reverse("casework:plan_action_add", args=[journey.pk]),
        {
            "goal": goal.pk,
            "description": "Lebenslauf aktualisieren",
            "responsible": "Teilnehmende/r",
            "due_on": "2024-04-30",
        },
    )
    assert r.status_code == 302
    step = PlanAction.objects.get()
    r = client.post(reverse("casework:plan_action_progress", args=[step.pk]), {"progress": 100})
    assert r.status_code == 302
    step.refresh_from_db()
    assert step.progress == 100 and step.done_on is not None
    page = client.get(reverse("casework:participant_detail", args=[journey.person_id])).content.decode()
    assert "Lebenslauf aktualisieren" in page and "Teilnehmende/r" in page


def test_appointment_shows_in_list_as_next(client, world, journey):
    client.force_login(world.personas["regional"])
    day = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    r = client.post(
        reverse("casework:appointment_add", args=[journey.pk]),
        {"day": day, "time": "09:30", "kind": "quarterly_review", "place": "Regionalbüro"},
    )
    assert r.status_code == 302
    listing = client.get(reverse("casework:participant_list"))
    assert listing.context["rows"][0].next_appointment is not None


def test_goal_of_another_participation_cannot_be_used(client, world, journey):
    from stufenweg.casework import services
    from tests.casework.conftest import make_person
    from tests.conftest import start_journey

    other = start_journey(world, make_person("Andere", "Person", "P-9"), on=dt.date(2024, 1, 8))
    foreign = services.goal_add(participation=other, title="X", key_area="framework", due_on=None, by=None)
    client.force_login(world.personas["regional"])
    r = client.post(
        reverse("casework:plan_action_add", args=[journey.pk]),
        {"goal": foreign.pk, "description": "fremd", "responsible": "x"},
    )
    assert r.status_code == 200 and r.context["form"].errors.get("goal")
    assert not PlanAction.objects.exists()


def test_goal_status_is_changed_and_audited(client, world, journey, read_only):
    from stufenweg.casework import services

    goal = services.goal_add(
        participation=journey, title="Führerschein", key_area="framework", due_on=None, by=None
    )
    url = reverse("casework:goal_status", args=[goal.pk])
    client.force_login(read_only)
    assert client.post(url, {"status": "reached"}).status_code == 403
    client.force_login(world.personas["regional"])
    assert client.post(url, {"status": "reached"}).status_code == 302
    goal.refresh_from_db()
    assert goal.status == "reached"
    entry = AuditEntry.objects.filter(
        object_type="casework.goal", object_id=str(goal.pk), action="update"
    ).get()
    assert (entry.before["status"], entry.after["status"]) == ("open", "reached")
