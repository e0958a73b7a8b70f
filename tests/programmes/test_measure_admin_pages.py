"""Verwaltung › Maßnahmen: the list with its filters, creating and editing a measure through the
form (saved with a German confirmation; errors next to the fields), and who sees what: the
coordination office only; its read-only member sees the pages and the reason, no form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.organisations.models import Membership
from stufenweg.programmes.models import Measure, MeasureStart
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("measures_admin:list")
CREATE = reverse("measures_admin:create")


def _body(world, **values):
    return {
        "code": "KOH-1",
        "name": "Kohorte Frühjahr",
        "programme": world.programme.pk,
        "stages": [world.s2.pk, world.s3.pk],
        "provider": world.provider_a.pk,
        "region": world.region_a.pk,
        "operation": "ESF-200",
        "location": "Bautzen",
        "places": "16",
        "start": "2025-02-01",
        "end": "2025-12-31",
        "start_dates": "01.05.2025\n01.09.2025",
        **values,
    }


@pytest.fixture
def coord_readonly(world):
    user = UserFactory(username="regie_lesend")
    MembershipFactory(user=user, organisation=world.coordination, role=Membership.Role.READ_ONLY)
    return user


def test_the_list_shows_every_measure_and_filters(client, world, django_assert_num_queries):
    client.force_login(world.personas["coordinator"])
    client.get(LIST)  # session and scope warmed up
    with django_assert_num_queries(10):
        response = client.get(LIST)
    assert {m.code for m in response.context["measures"]} == {"MA", "MB", "MM"}
    assert "durchlaufend" in response.content.decode()
    response = client.get(LIST, {"region": world.region_b.pk})
    assert [m.code for m in response.context["measures"]] == ["MB"]
    response = client.get(LIST, {"traeger": world.provider_a.pk, "programm": world.programme.pk})
    assert [m.code for m in response.context["measures"]] == ["MA"]


def test_a_measure_is_created_through_the_form(client, world):
    client.force_login(world.personas["coordinator"])
    response = client.post(CREATE, _body(world))
    assert response.status_code == 302 and response["Location"] == LIST
    measure = Measure.objects.get(code="KOH-1")
    assert not measure.rolling_entry and measure.places == 16
    assert list(MeasureStart.objects.filter(measure=measure).values_list("on", flat=True)) == [
        dt.date(2025, 5, 1),
        dt.date(2025, 9, 1),
    ]
    page = client.get(LIST).content.decode()
    assert "Die Maßnahme KOH-1 wurde angelegt." in page
    assert "01.02.2025, 01.05.2025, 01.09.2025" in page  # the start dates shown in the list


def test_errors_stand_next_to_the_fields_and_nothing_is_saved(client, world):
    client.force_login(world.personas["coordinator"])
    response = client.post(CREATE, _body(world, places="0", start_dates="01.01.2026\nmorgen"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "„morgen“ ist kein Datum" in str(errors["start_dates"])
    response = client.post(CREATE, _body(world, start_dates="01.01.2026", end="2025-01-01"))
    errors = response.context["form"].errors
    assert "vor dem Beginn" in str(errors["end"])
    response = client.post(CREATE, _body(world, start_dates="01.01.2026"))
    assert "Außerhalb des Zeitraums" in str(response.context["form"].errors["start_dates"])
    assert not Measure.objects.filter(code="KOH-1").exists()


def test_a_measure_is_edited_and_offers_only_its_programmes_stages(client, world):
    from tests.factories import StageFactory

    StageFactory(code="FREMD", position=1)  # a stage of another programme
    client.force_login(world.personas["coordinator"])
    url = reverse("measures_admin:edit", args=[world.measure_a.pk])
    form = client.get(url).context["form"]
    assert {s.code for s in form.fields["stages"].queryset} == {"S2", "S3", "S4"}
    assert set(form.initial["stages"]) == {world.s2.pk, world.s3.pk}
    body = _body(world, code="MA", stages=[world.s3.pk], rolling_entry="on", start_dates="")
    response = client.post(url, body)
    assert response.status_code == 302
    world.measure_a.refresh_from_db()
    assert world.measure_a.name == "Kohorte Frühjahr" and list(world.measure_a.stages.all()) == [world.s3]


def test_the_read_only_member_sees_the_reason_and_cannot_post(client, world, coord_readonly):
    client.force_login(coord_readonly)
    assert client.get(LIST).status_code == 200
    response = client.get(CREATE)
    assert response.status_code == 200 and response.context["form"] is None
    assert "schreibender Rolle" in response.content.decode()
    assert client.post(CREATE, _body(world)).status_code == 403
    assert not Measure.objects.filter(code="KOH-1").exists()


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "outsider"])
def test_outside_the_coordination_office_the_pages_do_not_exist(client, world, persona):
    client.force_login(world.personas[persona])
    assert client.get(LIST).status_code == 404
    assert client.post(CREATE, _body(world)).status_code == 404
    assert client.get(reverse("measures_admin:edit", args=[world.measure_a.pk])).status_code == 404


def test_the_verwaltung_hub_links_to_the_measures_for_the_coordination_office(client, world):
    client.force_login(world.personas["coordinator"])
    assert LIST in client.get(reverse("web:administration")).content.decode()
    client.force_login(world.personas["regional"])
    assert LIST not in client.get(reverse("web:administration")).content.decode()
