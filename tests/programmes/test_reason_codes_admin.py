"""The lists of coded reasons in the programme administration: the coordination office's writing
members add, rename, reorder, deactivate and delete codes (a code in use is only deactivated);
other staff read the lists and are refused on a form (403); people without an organisation find
nothing (404). A new programme starts with the default lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services as journeys
from stufenweg.programmes.models import Programme, ReasonCode
from stufenweg.programmes.reason_codes import seed_defaults
from tests.conftest import enter, start_journey
from tests.security.matrix_world import extra_personas

pytestmark = pytest.mark.django_db


def _login(client, world, persona="coordinator"):
    if persona not in world.personas:
        world.personas.update(extra_personas(world))
    client.force_login(world.personas[persona])
    return client


@pytest.fixture
def lists(world):
    seed_defaults([world.programme.pk])
    return world


def _code(world, purpose, code):
    return ReasonCode.objects.get(programme=world.programme, purpose=purpose, code=code)


def test_the_programme_page_shows_both_lists_with_their_use(lists, client, person):
    participation = start_journey(lists, person)
    enter(lists, participation, on=dt.date(2022, 2, 1))
    journeys.enrolment_exit(
        participation=participation,
        on=dt.date(2022, 5, 2),
        kind="early_negative",
        by=None,
        reason_code="mitwirkung",
    )
    page = (
        _login(client, lists)
        .get(reverse("programmes:programme_detail", args=[lists.programme.pk]))
        .content.decode()
    )
    assert "Gründe für Verlängerungen" in page and "Gründe für Austritte" in page
    assert "Elternzeit / Mutterschutz" in page
    used = _code(lists, "exit", "mitwirkung")
    unused = _code(lists, "exit", "elternzeit")
    # an unused code may be deleted, a used one not (no button)
    assert reverse("programmes:reason_delete", args=[unused.pk]) in page
    assert reverse("programmes:reason_delete", args=[used.pk]) not in page


def test_a_code_is_added_and_a_duplicate_refused(lists, client):
    url = reverse("programmes:reason_create", args=[lists.programme.pk])
    body = {"purpose": "exit", "code": "umzug", "label": "Umzug", "position": "10", "active": "on"}
    response = _login(client, lists).post(url, body, follow=True)
    assert "Der Grund wurde angelegt." in response.content.decode()
    assert _code(lists, "exit", "umzug").label == "Umzug"
    assert AuditEntry.objects.filter(object_type="programmes.reasoncode", action="create").count() == 1
    again = client.post(url, {**body, "label": "noch einmal"})
    assert again.status_code == 422
    assert "Den Code „umzug“ gibt es in dieser Liste schon." in again.content.decode()
    # the same code in the other list is another code
    other = client.post(url, {**body, "purpose": "extension"})
    assert other.status_code == 302
    bad = client.post(url, {**body, "code": "Umzug!"})
    assert bad.status_code == 422
    assert "Bitte nur Kleinbuchstaben" in bad.content.decode()


def test_a_code_is_renamed_and_deactivated_but_keeps_its_code(lists, client):
    code = _code(lists, "extension", "sonstiges")
    url = reverse("programmes:reason_edit", args=[code.pk])
    body = {
        "purpose": "exit",
        "code": "anderes",
        "label": "Anderer Grund",
        "position": "9",
    }  # "active" unchecked
    response = _login(client, lists).post(url, body)
    assert response.status_code == 302
    code.refresh_from_db()
    assert (code.purpose, code.code, code.label, code.position, code.active) == (
        "extension",
        "sonstiges",
        "Anderer Grund",
        9,
        False,
    )


def test_an_unused_code_is_deleted_a_used_one_only_deactivated(lists, client, person):
    participation = start_journey(lists, person)
    enter(lists, participation, on=dt.date(2022, 2, 1), planned_end=dt.date(2022, 10, 31))
    journeys.enrolment_extend(
        participation=participation,
        on=dt.date(2022, 10, 1),
        planned_end=dt.date(2023, 1, 31),
        by=None,
        reason_code="problemlagen",
    )
    unused, used = _code(lists, "extension", "gesundheit"), _code(lists, "extension", "problemlagen")
    _login(client, lists)
    ok = client.post(reverse("programmes:reason_delete", args=[unused.pk]), follow=True)
    assert "Der Grund wurde gelöscht." in ok.content.decode()
    assert not ReasonCode.objects.filter(pk=unused.pk).exists()
    refused = client.post(reverse("programmes:reason_delete", args=[used.pk]), follow=True)
    assert (
        "Der Code „problemlagen“ wird in 1 Ereignissen verwendet und kann nicht gelöscht werden; "
        "bitte stattdessen deaktivieren." in refused.content.decode()
    )
    assert ReasonCode.objects.filter(pk=used.pk).exists()


@pytest.mark.parametrize("persona", ["regional", "provider", "coord_readonly"])
def test_other_staff_read_the_lists_and_are_refused_on_a_form(lists, client, persona):
    code = _code(lists, "exit", "arbeit")
    _login(client, lists, persona)
    page = client.get(reverse("programmes:programme_detail", args=[lists.programme.pk])).content.decode()
    assert "Arbeitsaufnahme" in page
    assert reverse("programmes:reason_edit", args=[code.pk]) not in page
    assert client.get(reverse("programmes:reason_create", args=[lists.programme.pk])).status_code == 403
    assert client.post(reverse("programmes:reason_edit", args=[code.pk]), {"label": "x"}).status_code == 403
    assert client.post(reverse("programmes:reason_delete", args=[code.pk])).status_code == 403
    code.refresh_from_db()
    assert code.label == "Arbeitsaufnahme (Minijob, selbstständig, erwerbstätig)"


def test_someone_without_an_organisation_finds_nothing(lists, client):
    code = _code(lists, "exit", "arbeit")
    _login(client, lists, "outsider")
    assert client.get(reverse("programmes:reason_create", args=[lists.programme.pk])).status_code == 404
    assert client.get(reverse("programmes:reason_edit", args=[code.pk])).status_code == 404
    assert client.post(reverse("programmes:reason_delete", args=[code.pk])).status_code == 404


def test_a_new_programme_starts_with_the_default_lists(world, client):
    body = {
        "code": "SFS",
        "name": "Schritt für Schritt",
        "ltu_rule": "12m",
        "in_work_kinds": ["svb"],
        "in_work_statuses": ["employed_svb"],
        "upon_leaving_days": "28",
        "follow_up_months": "6",
        "active": "on",
    }
    _login(client, world).post(reverse("programmes:programme_create"), body)
    programme = Programme.objects.get(code="SFS")
    assert ReasonCode.objects.filter(programme=programme, purpose="extension").count() == 5
    assert ReasonCode.objects.filter(programme=programme, purpose="exit").count() == 9
