"""The matching page and its forms: the page names the person, records the read and lists the
suggestions with their reasons; the forms follow the casework rule (404 outside the read scope,
403 without a writing role), show German messages next to the field and save nothing on error;
choosing records the choice and nothing is chosen on opening the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.matching import services
from stufenweg.matching.models import MatchChoice, TargetOccupation
from stufenweg.organisations.models import Vacancy

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def matched(journey, world):
    world.measure_m.occupations = "29301, 63302"
    world.measure_m.save()
    world.measure_b.occupations = "54101"  # no fit
    world.measure_b.save()
    Vacancy.objects.create(
        employer=world.employer, title="Beikoch", occupation="29212", hours=30, organisation=world.regional_a
    )
    services.targets_set(participation=journey, codes=["29302"], hours=35, by=None)
    return journey


def test_the_page_lists_ranked_suggestions_with_reasons_and_records_the_read(matched, world):
    user = world.personas["regional"]
    before = AuditEntry.objects.filter(person=matched.person, action="read").count()
    response = _client(user).get(reverse("matching:participant", args=[matched.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Müller, Jürgen" in body
    group = body.index("gleiche Berufsgruppe 293 Speisenzubereitung")  # the measure MM
    main = body.index("gleiche Berufshauptgruppe 29 Lebensmittelherstellung")  # the vacancy
    assert group < main
    assert "3 freie Plätze" in body and "Region Region A" in body
    assert "54101" not in body  # measure MB does not fit
    entries = AuditEntry.objects.filter(person=matched.person, action="read")
    assert entries.count() == before + 1
    assert entries.latest("id").purpose == "Matching"
    assert not MatchChoice.objects.exists()  # nothing chosen by opening the page


def test_without_a_target_the_page_says_so(journey, world):
    response = _client(world.personas["regional"]).get(reverse("matching:participant", args=[journey.pk]))
    assert "Ohne Berufsziel gibt es keine Vorschläge." in response.content.decode()


def test_a_jobcenter_sees_the_page_without_vacancies_and_without_buttons(matched, world):
    body = (
        _client(world.personas["jobcenter"]).get(reverse("matching:participant", args=[matched.pk])).content
    )
    body = body.decode()
    assert "gleiche Berufsgruppe 293" in body and "Beikoch" not in body
    assert reverse("matching:choose", args=[matched.pk]) not in body


def test_outside_the_scope_404_and_without_writing_role_403(matched, world, read_only):
    url = reverse("matching:targets_edit", args=[matched.pk])
    assert (
        _client(world.personas["outsider"])
        .get(reverse("matching:participant", args=[matched.pk]))
        .status_code
        == 404
    )
    assert _client(world.personas["outsider"]).post(url, {"occupation_1": "29302"}).status_code == 404
    assert _client(world.personas["jobcenter"]).post(url, {"occupation_1": "29302"}).status_code == 403
    assert _client(read_only).post(url, {"occupation_1": "29302"}).status_code == 403


def test_targets_form_shows_german_messages_and_saves_nothing(matched, world):
    url = reverse("matching:targets_edit", args=[matched.pk])
    response = _client(world.personas["regional"]).post(
        url, {"occupation_1": "2930", "occupation_2": "99902", "hours": "80"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "fünfstelliger Schlüssel der KldB 2010" in body
    assert "99902" not in body or "999 ist keine Berufsgruppe der KldB 2010." in body
    assert list(TargetOccupation.objects.values_list("code", flat=True)) == ["29302"]


def test_targets_form_saves_and_returns_to_the_page(matched, world):
    url = reverse("matching:targets_edit", args=[matched.pk])
    response = _client(world.personas["provider"]).post(
        url, {"occupation_1": "63302", "occupation_2": "29302", "hours": "20", "available_from": "2027-01-04"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:participant", args=[matched.pk])
    current = TargetOccupation.objects.filter(ended_on__isnull=True).values_list("code", flat=True)
    assert sorted(current) == ["29302", "63302"]


def test_choosing_on_the_page_records_the_choice_with_its_reasons(matched, world):
    client = _client(world.personas["regional"])
    response = client.post(reverse("matching:choose", args=[matched.pk]), {"measure": world.measure_m.pk})
    assert response.status_code == 302
    choice = MatchChoice.objects.get()
    assert choice.measure == world.measure_m and choice.chosen_by == world.personas["regional"]
    assert choice.reasons.startswith("gleiche Berufsgruppe 293 Speisenzubereitung")
    page = client.get(reverse("matching:participant", args=[matched.pk])).content.decode()
    assert "Gewählte Vorschläge" in page and "MM" in page


def test_a_jobcenter_cannot_choose(matched, world):
    vacancy = Vacancy.objects.get()
    response = _client(world.personas["jobcenter"]).post(
        reverse("matching:choose", args=[matched.pk]), {"vacancy": vacancy.pk}
    )
    assert response.status_code == 403  # the Jobcenter does not deliver casework at all
    assert not MatchChoice.objects.exists()


def test_the_participant_page_links_to_the_matching(matched, world):
    response = _client(world.personas["regional"]).get(
        reverse("casework:participant_detail", args=[matched.person_id]) + f"?teilnahme={matched.pk}"
    )
    body = response.content.decode()
    assert reverse("matching:participant", args=[matched.pk]) in body
    assert "29302 – Speisenzubereitung" in body


def test_the_choice_form_names_the_reasons(matched, world):
    vacancy = Vacancy.objects.get()
    url = reverse("matching:choose", args=[matched.pk]) + f"?stelle={vacancy.pk}"
    body = _client(world.personas["regional"]).get(url).content.decode()
    assert "Vorschlag wählen: Beikoch" in body
    assert "Gründe: gleiche Berufshauptgruppe 29 Lebensmittelherstellung und -verarbeitung" in body


def test_the_page_costs_the_same_queries_for_many_suggestions(matched, world, django_assert_max_num_queries):
    client = _client(world.personas["regional"])
    url = reverse("matching:participant", args=[matched.pk])
    client.get(url)  # warm up (session bookkeeping)
    with django_assert_max_num_queries(100) as one:
        client.get(url)
    for i in range(15):
        Vacancy.objects.create(
            employer=world.employer,
            title=f"Küchenhilfe {i}",
            occupation="29301",
            organisation=world.regional_a,
        )
    services.qualification_record(participation=matched, kind="licence", text="Klasse B", by=None)
    services.match_choose(participation=matched, measure=world.measure_m, by=None)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('data-kind="vacancy"') == 16  # Beikoch and the 15 new ones
