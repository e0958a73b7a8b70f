"""Participant list: filters, sorting, pagination, saved filters; read audit; pinned query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.casework.models import SavedFilter
from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services as journeys
from tests.casework.conftest import make_person
from tests.conftest import enter, start_journey

pytestmark = pytest.mark.django_db
URL = "casework:participant_list"


@pytest.fixture
def cohort(world, journey):
    """journey (Müller, in MA/S3), Arnold waiting for S2, Zander only referred, Berg in MB/S4 (region B)."""
    arnold = start_journey(world, make_person("Arnold", "Eva", "P-2"), on=dt.date(2024, 1, 8))
    journeys.participation_waitlist(participation=arnold, on=dt.date(2024, 1, 30), stage=world.s2, by=None)
    zander = start_journey(world, make_person("Zander", "Tom", "P-3"), on=dt.date(2024, 1, 8))
    berg = start_journey(
        world, make_person("Berg", "Uwe", "P-4"), on=dt.date(2024, 1, 8), region=world.region_b
    )
    enter(world, berg, measure=world.measure_b, stage=world.s4, on=dt.date(2024, 3, 1))
    journeys.participation_assign_caseworker(
        participation=journey, caseworker=world.personas["regional"], by=None
    )
    return {"mueller": journey, "arnold": arnold, "zander": zander, "berg": berg}


def names(response):
    return [p.person.last_name for p in response.context["rows"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Arnold", "Berg", "Müller", "Zander"]),  # default: running participations, by name
        ({"status": "", "sort": "-name"}, ["Zander", "Müller", "Berg", "Arnold"]),
        ({"status": "in_stage"}, ["Berg", "Müller"]),
        ({"waiting": "on", "status": ""}, ["Arnold"]),
        ({"stage": "S2"}, ["Arnold"]),  # waiting for stage 2 counts as stage 2
        ({"region": "RB"}, ["Berg"]),
        ({"measure": "MA"}, ["Müller"]),
        ({"caseworker": "none"}, ["Arnold", "Berg", "Zander"]),
        ({"sort": "planned_end"}, ["Müller", "Arnold", "Berg", "Zander"]),
        ({"status": "in_stage", "sort": "-since"}, ["Berg", "Müller"]),
    ],
)
def test_filters_and_sorting(client, world, cohort, params, expected):
    lookup = {"S2": world.s2.pk, "RB": world.region_b.pk, "MA": world.measure_a.pk}
    params = {k: lookup.get(v, v) for k, v in params.items()}
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse(URL), params)
    assert names(response) == expected


def test_caseworker_filter(client, world, cohort):
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse(URL), {"caseworker": world.personas["regional"].pk})
    assert names(response) == ["Müller"]


def test_overdue_review_filter(client, world, cohort):
    # Müller entered 1 Feb 2024, Berg 1 Mar 2024; both long past three months without a review
    from stufenweg.casework import services

    client.force_login(world.personas["coordinator"])
    assert names(client.get(reverse(URL), {"overdue": "on"})) == ["Berg", "Müller"]
    services.contact_record(
        participation=cohort["berg"], kind="quarterly_review", on=dt.date.today(), by=None
    )
    assert names(client.get(reverse(URL), {"overdue": "on"})) == ["Müller"]


def test_pagination_25_per_page(client, world):
    for i in range(27):
        start_journey(world, make_person(f"Name{i:02d}", "X", f"N-{i}"), on=dt.date(2024, 1, 8))
    client.force_login(world.personas["coordinator"])
    first = client.get(reverse(URL))
    second = client.get(reverse(URL), {"page": 2})
    assert len(first.context["rows"]) == 25 and names(second) == ["Name25", "Name26"]


def test_list_records_a_read_per_person_shown(client, world, cohort):
    client.force_login(world.personas["regional"])
    before = AuditEntry.objects.filter(action="read").count()
    response = client.get(reverse(URL))
    shown = {p.person_id for p in response.context["rows"]}
    reads = AuditEntry.objects.filter(action="read").order_by("-id")[: len(shown)]
    assert AuditEntry.objects.filter(action="read").count() == before + len(shown) == before + 3
    assert {int(r.object_id) for r in reads} == shown


def test_detail_records_a_read_with_purpose(client, world, journey):
    client.force_login(world.personas["regional"])
    client.get(reverse("casework:participant_detail", args=[journey.person_id]))
    entry = AuditEntry.objects.filter(action="read").latest("id")
    assert (entry.person_id, entry.purpose, entry.actor) == (
        journey.person_id,
        "Fallbearbeitung",
        world.personas["regional"],
    )


def test_saved_filter_keeps_filters_but_never_the_search_term(client, world, cohort):
    client.force_login(world.personas["regional"])
    query = f"q=M%C3%BCller&status=in_stage&region={world.region_a.pk}"
    response = client.post(reverse("casework:saved_filter_save"), {"name": "Meine in Stufe", "query": query})
    assert response.status_code == 302
    saved = SavedFilter.objects.get(user=world.personas["regional"])
    assert saved.query == f"region={world.region_a.pk}&status=in_stage"
    page = client.get(reverse(URL))
    assert "Meine in Stufe" in page.content.decode()
    other = world.personas["coordinator"]
    client.force_login(other)
    assert client.post(reverse("casework:saved_filter_delete", args=[saved.pk])).status_code == 302
    assert SavedFilter.objects.filter(pk=saved.pk).exists()  # not theirs: nothing deleted


def test_htmx_filter_returns_only_the_results(client, world, cohort):
    client.force_login(world.personas["coordinator"])
    response = client.get(
        reverse(URL), {"status": "in_stage"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="participant-results"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="participant-results"' in html


def _count_queries(client, django_assert_max_num_queries, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(URL), {"status": ""})
    assert len(response.context["rows"]) == n
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world.personas["coordinator"])
    people = [
        start_journey(world, make_person(f"A{i:02d}", "X", f"Q-{i}"), on=dt.date(2024, 1, 8))
        for i in range(3)
    ]
    client.get(reverse(URL))  # warm up: first request of a session loads more (login bookkeeping)
    few = _count_queries(client, django_assert_max_num_queries, 3)
    for i in range(3, 25):
        people.append(start_journey(world, make_person(f"A{i:02d}", "X", f"Q-{i}"), on=dt.date(2024, 1, 8)))
    many = _count_queries(client, django_assert_max_num_queries, 25)
    assert few == many
    # 15: with the check whether the user may refer (the „Person zuweisen“ button)
    with django_assert_max_num_queries(15):
        client.get(reverse(URL), {"status": ""})


def test_overview_query_counts_are_pinned(client, world, journey, django_assert_max_num_queries):
    client.force_login(world.personas["regional"])
    client.get(reverse("casework:participant_list"))  # warm up (login bookkeeping)
    # worklists: 6 lists (one query each, a count only when a list is longer than shown) + audit,
    # and for the overdue list whether the user may extend or record the exit (one query)
    with django_assert_max_num_queries(15):
        client.get(reverse("casework:worklists"))
    with django_assert_max_num_queries(7):
        client.get(reverse("casework:caseload"))
    # measures: measures, stages and start dates (prefetch), occupancy (one query for 13 days),
    # waiting counts
    with django_assert_max_num_queries(11):
        client.get(reverse("casework:measure_list"))


def _detail_queries(client, journey) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("casework:participant_detail", args=[journey.person_id])).status_code == 200
    return len(ctx.captured_queries)


def test_participant_page_query_count_does_not_grow(client, world, journey, django_assert_max_num_queries):
    from stufenweg.casework import services

    client.force_login(world.personas["regional"])
    client.get(reverse("casework:participant_detail", args=[journey.person_id]))  # warm up
    few = _detail_queries(client, journey)
    for day in range(1, 8):
        services.contact_record(participation=journey, kind="phone", on=dt.date(2024, 3, day), by=None)
        services.needs_assessment_record(
            participation=journey, key_area="motivation", rating=3, on=dt.date(2024, 3, day), by=None
        )
    goal = services.goal_add(participation=journey, title="Ziel", key_area="framework", due_on=None, by=None)
    for i in range(4):
        services.plan_action_add(
            goal=goal, description=f"Schritt {i}", responsible="TN", due_on=None, by=None
        )
    journeys.enrolment_extend(
        participation=journey, on=dt.date(2024, 4, 1), planned_end=dt.date(2025, 1, 15), by=None
    )
    many = _detail_queries(client, journey)
    assert many <= few + 2  # a support plan adds its goal/step queries once, not per row
    # 19: may the user act with the offices' kinds too (the timeline's correction links);
    # +1 the responsible organisations („Fall übernehmen“, „Fachkraft zuweisen“); +2 person
    # details and documents; +2 group-work bookings and attendance; +4 support services,
    # barriers, phase changes and profile categories (support_panel); +1 the programme's
    # early-warning model (none switched on here); +1 the target occupations (matching_panel)
    with django_assert_max_num_queries(30):
        client.get(reverse("casework:participant_detail", args=[journey.person_id]))


def test_form_pages_record_a_read(client, world, journey):
    client.force_login(world.personas["regional"])
    for url in (
        reverse("casework:journey_action", args=[journey.pk, "austritt"]),
        reverse("casework:contact_add", args=[journey.pk]),
    ):
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        assert client.get(url).status_code == 200
        entry = AuditEntry.objects.filter(id__gt=last, action="read").get()
        assert (entry.person_id, entry.purpose) == (journey.person_id, "Fallbearbeitung")
