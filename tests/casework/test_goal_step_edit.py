"""Correcting a goal (title, key area, due date) and a step of the support plan (text,
responsibility, due date, and the day it was done): saved through ``goal_edit`` /
``plan_action_edit`` with an audit row, refused like adding (404 outside the scope, 403 without
an acting role), errors next to the field with the input kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from stufenweg.casework import services
from stufenweg.casework.models import Goal
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership, Organisation
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def goal(journey):
    return services.goal_add(
        participation=journey,
        title="Bewerbungn schreiben",
        key_area="motivation",
        due_on=dt.date(2024, 9, 30),
        by=None,
    )


@pytest.fixture
def step(goal):
    return services.plan_action_add(
        goal=goal,
        description="Lebenslauf aktualisiern",
        responsible="Teilnehmende/r",
        due_on=dt.date(2024, 4, 30),
        by=None,
    )


def page_url(journey) -> str:
    return f"/teilnehmende/{journey.person_id}/?teilnahme={journey.pk}"


def updates(obj) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk), action=AuditEntry.Action.UPDATE
        )
    )


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- goal ----------------------------------------------------------------------------------------


def test_goal_edit_form_shows_the_saved_values(client, world, goal):
    client.force_login(world.personas["regional"])
    response = client.get(reverse("casework:goal_edit", args=[goal.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Ziel bearbeiten</h1>" in html  # full page without JavaScript
    assert 'value="Bewerbungn schreiben"' in html
    assert 'value="2024-09-30"' in html
    assert '<option value="motivation" selected>' in html
    # the same form as an htmx partial for the panel of the participant page: no page layout
    partial = client.get(reverse("casework:goal_edit", args=[goal.pk]), headers=HTMX)
    assert partial.status_code == 200
    assert "<h1>" not in partial.content.decode() and 'id="action-form"' in partial.content.decode()


def test_goal_is_corrected_and_audited(client, world, journey, goal):
    user = world.personas["regional"]
    client.force_login(user)
    response = client.post(
        reverse("casework:goal_edit", args=[goal.pk]),
        {"title": "Bewerbungen schreiben", "key_area": "capability", "due_on": "2024-10-31"},
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(journey)  # ids only, no personal data in the URL
    assert flashed(response) == ["Das Ziel wurde geändert."]
    goal.refresh_from_db()
    assert (goal.title, goal.key_area, goal.due_on, goal.status) == (
        "Bewerbungen schreiben",
        "capability",
        dt.date(2024, 10, 31),
        "open",
    )
    (entry,) = updates(goal)
    assert entry.actor == user and entry.person_id == journey.person_id
    assert entry.before["title"] == "Bewerbungn schreiben" and entry.after["title"] == "Bewerbungen schreiben"
    assert (entry.before["key_area"], entry.after["key_area"]) == ("motivation", "capability")
    assert (entry.before["due_on"], entry.after["due_on"]) == ("2024-09-30", "2024-10-31")
    # the summary names the fields, not what they say
    assert entry.summary == "Ziel im Förderplan geändert (title, key_area, due_on)"
    page = client.get(page_url(journey)).content.decode()
    assert "Bewerbungen schreiben" in page and "Bewerbungn" not in page


def test_due_date_can_be_removed(client, world, goal):
    client.force_login(world.personas["provider"])  # the provider of the measure acts as well
    response = client.post(
        reverse("casework:goal_edit", args=[goal.pk]),
        {"title": goal.title, "key_area": goal.key_area, "due_on": ""},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.due_on is None
    assert updates(goal)[0].summary == "Ziel im Förderplan geändert (due_on)"


def test_reached_goal_may_still_be_corrected_and_stays_reached(client, world, goal):
    services.goal_set_status(goal=goal, status=Goal.Status.REACHED, by=None)
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("casework:goal_edit", args=[goal.pk]),
        # a status sent along is ignored: the status has its own action
        {
            "title": "Bewerbungen schreiben",
            "key_area": "motivation",
            "due_on": "2024-09-30",
            "status": "open",
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Bewerbungen schreiben", "reached")


def test_unchanged_goal_writes_no_audit_row(client, world, goal):
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("casework:goal_edit", args=[goal.pk]),
        {"title": "Bewerbungn schreiben", "key_area": "motivation", "due_on": "2024-09-30"},
    )
    assert response.status_code == 302
    assert flashed(response) == ["Es wurde nichts geändert."]
    assert updates(goal) == []


def test_invalid_goal_input_is_kept_with_the_message_at_the_field(client, world, goal):
    client.force_login(world.personas["regional"])
    url = reverse("casework:goal_edit", args=[goal.pk])
    data = {"title": "  ", "key_area": "capability", "due_on": "2024-13-40"}
    for headers, status in (({}, 200), (HTMX, 422)):
        response = client.post(url, data, headers=headers)
        assert response.status_code == status
        form = response.context["form"]
        assert form.errors == {
            "title": ["Dieses Feld ist zwingend erforderlich."],
            "due_on": ["Bitte ein gültiges Datum eingeben."],
        }
        html = response.content.decode()
        # message inside the field's block, tied to the input by aria-describedby
        assert 'id="id_title_error">Dieses Feld ist zwingend erforderlich.</span>' in html
        assert 'aria-describedby="id_title_error"' in html and 'aria-invalid="true"' in html
        assert 'id="id_due_on_error">Bitte ein gültiges Datum eingeben.</span>' in html
        # what was typed is still there
        assert 'value="2024-13-40"' in html
        assert '<option value="capability" selected>' in html
    too_long = client.post(url, {"title": "x" * 201, "key_area": "motivation", "due_on": ""})
    assert too_long.status_code == 200 and too_long.context["form"].errors["title"]
    assert 'value="' + "x" * 201 + '"' in too_long.content.decode()
    goal.refresh_from_db()
    assert (goal.title, goal.key_area, goal.due_on) == (
        "Bewerbungn schreiben",
        "motivation",
        dt.date(2024, 9, 30),
    )
    assert updates(goal) == []


# --- step ----------------------------------------------------------------------------------------


def test_step_is_corrected_and_audited(client, world, journey, step):
    user = world.personas["regional"]
    client.force_login(user)
    url = reverse("casework:plan_action_edit", args=[step.pk])
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert "done_on" not in form_page.context["form"].fields  # not done yet: no "erledigt am"
    assert 'value="Lebenslauf aktualisiern"' in form_page.content.decode()
    response = client.post(
        url,
        {
            "description": "Lebenslauf aktualisieren",
            "responsible": "Fallverantwortliche/r",
            "due_on": "2024-05-15",
            "done_on": "2024-05-01",  # not offered for an open step: ignored
        },
        headers=HTMX,
    )
    assert response.status_code == 204 and response["HX-Redirect"] == page_url(journey)
    step.refresh_from_db()
    assert (step.description, step.responsible, step.due_on, step.progress, step.done_on) == (
        "Lebenslauf aktualisieren",
        "Fallverantwortliche/r",
        dt.date(2024, 5, 15),
        0,
        None,
    )
    (entry,) = updates(step)
    assert entry.actor == user and entry.person_id == journey.person_id
    assert entry.summary == "Schritt im Förderplan geändert (description, responsible, due_on)"
    assert (entry.before["responsible"], entry.after["responsible"]) == (
        "Teilnehmende/r",
        "Fallverantwortliche/r",
    )


def test_done_day_of_a_finished_step_can_be_corrected(client, world, step):
    services.plan_action_progress(action=step, progress=100, by=None)
    step.refresh_from_db()
    recorded = step.done_on
    (progress_row,) = updates(step)  # written by plan_action_progress
    client.force_login(world.personas["regional"])
    url = reverse("casework:plan_action_edit", args=[step.pk])
    assert client.get(url).context["form"].fields["done_on"].required
    base = {"description": step.description, "responsible": step.responsible, "due_on": "2024-04-30"}

    future = (recorded + dt.timedelta(days=2)).isoformat()
    response = client.post(url, {**base, "done_on": future})
    assert response.status_code == 200
    assert response.context["form"].errors == {"done_on": ["Das Datum liegt in der Zukunft."]}
    assert f'value="{future}"' in response.content.decode()
    step.refresh_from_db()
    assert step.done_on == recorded and updates(step) == [progress_row]

    response = client.post(url, {**base, "done_on": ""})
    assert response.context["form"].errors == {"done_on": ["Dieses Feld ist zwingend erforderlich."]}

    assert client.post(url, {**base, "done_on": "2024-04-28"}).status_code == 302
    step.refresh_from_db()
    assert (step.done_on, step.progress) == (dt.date(2024, 4, 28), 100)
    (entry,) = [row for row in updates(step) if row != progress_row]
    assert entry.summary == "Schritt im Förderplan geändert (done_on)"
    assert (entry.before["done_on"], entry.after["done_on"]) == (recorded.isoformat(), "2024-04-28")


def test_service_refuses_a_done_day_for_an_open_step(step):
    with pytest.raises(ValidationError) as exc:
        services.plan_action_edit(
            action=step,
            description=step.description,
            responsible=step.responsible,
            due_on=step.due_on,
            done_on=dt.date(2024, 4, 1),
            by=None,
        )
    assert list(exc.value.message_dict) == ["done_on"]
    step.refresh_from_db()
    assert step.done_on is None


def test_invalid_step_input_is_kept(client, world, step):
    client.force_login(world.personas["regional"])
    response = client.post(
        reverse("casework:plan_action_edit", args=[step.pk]),
        {"description": "Lebenslauf aktualisieren", "responsible": "", "due_on": "morgen"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "responsible": ["Dieses Feld ist zwingend erforderlich."],
        "due_on": ["Bitte ein gültiges Datum eingeben."],
    }
    html = response.content.decode()
    assert 'value="Lebenslauf aktualisieren"' in html and 'value="morgen"' in html
    step.refresh_from_db()
    assert step.description == "Lebenslauf aktualisiern"


# --- who may ---------------------------------------------------------------------------------------


def _edit_requests(goal, step):
    return [
        (
            reverse("casework:goal_edit", args=[goal.pk]),
            {"title": "geändert", "key_area": "framework", "due_on": ""},
        ),
        (
            reverse("casework:plan_action_edit", args=[step.pk]),
            {"description": "geändert", "responsible": "x", "due_on": ""},
        ),
    ]


def _unchanged(goal, step) -> bool:
    goal.refresh_from_db()
    step.refresh_from_db()
    return goal.title == "Bewerbungn schreiben" and step.description == "Lebenslauf aktualisiern"


@pytest.mark.parametrize("persona", ["mentor", "outsider", "dpo", "regional_b"])
def test_outside_the_scope_is_404(client, world, goal, step, persona):
    if persona == "regional_b":
        user = MembershipFactory(
            user=UserFactory(username="regional_b"), organisation=Organisation.objects.get(code="RB-B")
        ).user
    else:
        user = world.personas[persona]
    client.force_login(user)
    for url, data in _edit_requests(goal, step):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
        assert client.post(url, data, headers=HTMX).status_code == 404, url
    assert _unchanged(goal, step)
    assert updates(goal) == updates(step) == []


def test_missing_objects_are_404(client, world):
    client.force_login(world.personas["coordinator"])
    assert client.get(reverse("casework:goal_edit", args=[999_999])).status_code == 404
    assert client.get(reverse("casework:plan_action_edit", args=[999_999])).status_code == 404


def test_read_only_member_and_jobcenter_are_refused(client, world, goal, step, read_only):
    for user in (read_only, world.personas["jobcenter"]):  # both see the person, neither acts
        client.force_login(user)
        for url, data in _edit_requests(goal, step):
            assert client.get(url).status_code == 403, (user, url)
            assert client.post(url, data).status_code == 403, (user, url)
    assert _unchanged(goal, step)


def test_read_only_member_outside_the_scope_gets_404_not_403(client, world, goal, step):
    user = MembershipFactory(
        user=UserFactory(username="lesend_b"),
        organisation=Organisation.objects.get(code="RB-B"),
        role=Membership.Role.READ_ONLY,
    ).user
    client.force_login(user)
    for url, data in _edit_requests(goal, step):
        assert client.post(url, data).status_code == 404, url


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("regional", True),
        ("provider", True),
        ("coordinator", True),
        ("jobcenter", False),
        ("read_only", False),
    ],
)
def test_edit_links_only_for_those_who_may_edit(
    client, world, journey, goal, step, read_only, persona, shown
):
    client.force_login(read_only if persona == "read_only" else world.personas[persona])
    response = client.get(page_url(journey))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bewerbungn schreiben" in html and "Lebenslauf aktualisiern" in html  # all see the plan
    for url in (
        reverse("casework:goal_edit", args=[goal.pk]),
        reverse("casework:plan_action_edit", args=[step.pk]),
    ):
        assert (f'href="{url}"' in html) is shown, url
        assert (f'hx-get="{url}"' in html) is shown, url
    if shown:  # the link names what it edits for screen readers
        assert '<span class="visually-hidden"> (Ziel Bewerbungn schreiben)</span>' in html
        assert '<span class="visually-hidden"> (Schritt Lebenslauf aktualisiern)</span>' in html
