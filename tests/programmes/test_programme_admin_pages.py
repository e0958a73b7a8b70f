"""The programme administration pages: the coordination office's writing members create and change
programmes, stages, their order and caseload ratios through the forms (confirmation as a German
sentence, errors next to the field, 422); other staff read the pages without forms and get 403 with
the reason on a form; people without an organisation find nothing (404). The „Verwaltung“ hub and
its navigation entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.programmes.models import CaseloadRatio, Programme, Stage
from tests.security.matrix_world import extra_personas

pytestmark = pytest.mark.django_db


def _login(client, world, persona="coordinator"):
    if persona not in world.personas:
        world.personas.update(extra_personas(world))
    client.force_login(world.personas[persona])
    return client


PROGRAMME = {
    "code": "SFS",
    "name": "Schritt für Schritt",
    "description": "drei Phasen",
    "ltu_rule": "12m",
    "in_work_kinds": ["svb", "self_employed"],
    "in_work_statuses": ["employed_svb"],
    "upon_leaving_days": "28",
    "follow_up_months": "6",
    "max_months": "18",
    "reactivation_after_referral": "on",
    "active": "on",
}


def test_the_coordinator_creates_a_programme(world, client):
    response = _login(client, world).post(reverse("programmes:programme_create"), PROGRAMME, follow=True)
    programme = Programme.objects.get(code="SFS")
    assert (programme.max_months, programme.in_work_statuses) == (18, ["employed_svb"])
    assert response.redirect_chain[-1][0] == reverse("programmes:programme_detail", args=[programme.pk])
    assert "Das Programm „Schritt für Schritt“ wurde angelegt." in response.content.decode()


def test_the_edit_page_says_that_changes_affect_later_reports_only(world, client):
    page = _login(client, world).get(reverse("programmes:programme_edit", args=[world.programme.pk]))
    assert "gelten für Berichte, die danach erstellt werden" in page.content.decode()


def test_an_error_is_shown_next_to_its_field(world, client):
    response = _login(client, world).post(
        reverse("programmes:programme_create"), {**PROGRAMME, "code": "JPS"}
    )
    assert response.status_code == 422
    assert "Das Kürzel „JPS“ hat schon ein anderes Programm." in response.content.decode()
    assert 'id="id_code_error"' in response.content.decode()


def test_a_stage_is_added_with_next_stages(world, client):
    data = {
        "code": "S5",
        "name": "Stufe 5",
        "position": "4",
        "min_age": "18",
        "max_age": "",
        "next_stages": [world.s4.pk],
    }
    response = _login(client, world).post(
        reverse("programmes:stage_create", args=[world.programme.pk]), data, follow=True
    )
    stage = Stage.objects.get(programme=world.programme, code="S5")
    assert list(stage.next_stages.all()) == [world.s4]
    assert "Die Stufe wurde angelegt." in response.content.decode()


def test_the_stage_form_offers_only_the_programmes_other_stages(world, client):
    page = _login(client, world).get(reverse("programmes:stage_edit", args=[world.s3.pk])).content.decode()
    assert 'name="next_stages"' in page
    assert f'value="{world.s2.pk}"' in page and f'value="{world.s4.pk}"' in page
    assert f'name="next_stages" value="{world.s3.pk}"' not in page


def test_an_unordered_age_range_is_shown_at_the_maximum_age(world, client):
    data = {"code": "S2", "name": "Stufe 2 – QAB", "position": "1", "min_age": "30", "max_age": "20"}
    response = _login(client, world).post(reverse("programmes:stage_edit", args=[world.s2.pk]), data)
    assert response.status_code == 422
    assert "Das Höchstalter (20) liegt unter dem Mindestalter (30)" in response.content.decode()


def test_a_stage_moves_down_from_the_programme_page(world, client):
    response = _login(client, world).post(
        reverse("programmes:stage_move", args=[world.s2.pk]), {"richtung": "runter"}, follow=True
    )
    assert list(
        Stage.objects.filter(programme=world.programme).order_by("position").values_list("code", flat=True)
    ) == ["S3", "S2", "S4"]
    assert "Die Reihenfolge der Stufen wurde gespeichert." in response.content.decode()


def test_a_ratio_is_recorded_and_shown(world, client):
    _login(client, world).post(
        reverse("programmes:ratio_create", args=[world.programme.pk]),
        {"valid_from": "2020-01-01", "ratio": "65"},
    )
    assert CaseloadRatio.objects.get(programme=world.programme).ratio == 65
    page = client.get(reverse("programmes:programme_detail", args=[world.programme.pk])).content.decode()
    assert "Heute gilt 1:65 (seit 01.01.2020)." in page


@pytest.mark.parametrize("persona", ["regional", "provider", "coord_readonly"])
def test_other_staff_read_without_forms_and_are_refused_on_a_form(world, client, persona):
    _login(client, world, persona)
    detail = client.get(reverse("programmes:programme_detail", args=[world.programme.pk]))
    assert detail.status_code == 200
    assert reverse("programmes:programme_edit", args=[world.programme.pk]) not in detail.content.decode()
    refused = client.post(
        reverse("programmes:programme_edit", args=[world.programme.pk]), {**PROGRAMME, "code": "JPS"}
    )
    assert refused.status_code == 403
    assert "Regiestelle" in refused.content.decode()
    assert client.get(reverse("programmes:ratio_create", args=[world.programme.pk])).status_code == 403
    assert not AuditEntry.objects.filter(object_type__startswith="programmes.").exists()


def test_someone_without_an_organisation_finds_nothing(world, client):
    _login(client, world, "outsider")
    assert client.get(reverse("programmes:programme_list")).status_code == 404
    assert client.get(reverse("programmes:programme_detail", args=[world.programme.pk])).status_code == 404


def test_the_hub_lists_the_programmes_and_the_navigation_offers_it_to_the_office(world, client):
    page = _login(client, world).get(reverse("web:administration")).content.decode()
    assert reverse("programmes:programme_list") in page
    assert f'href="{reverse("web:administration")}"' in page  # main navigation
    regional = _login(client, world, "regional").get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:administration")}"' not in regional


def test_the_programme_list_pins_its_queries(world, client, django_assert_max_num_queries):
    _login(client, world)
    for code in ("A1", "A2", "A3"):
        Programme.objects.create(code=code, name=code)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programmes:programme_list")).status_code == 200
