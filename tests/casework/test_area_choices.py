"""Filters and choice lists offer only the user's area (casework.area): a regional office sees
its region's measures, regions, programmes and Jobcenters; the coordination office all of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stufenweg.casework.area import measures_in_area, programmes_in_area, providers_in_area, regions_in_area
from stufenweg.organisations.models import Organisation
from tests.factories import MeasureFactory, OrganisationFactory, ProgrammeFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(world):
    """A programme that runs only in region B (like WENDE.PUNKT in Dortmund for Bautzen)."""
    other = ProgrammeFactory(code="WP", name="Anderes Programm")
    stage = StageFactory(programme=other, code="P1", name="Phase 1", position=1)
    MeasureFactory(
        code="WP-M",
        programme=other,
        provider=world.provider_b,
        region=world.region_b,
        stages=[stage],
        places=5,
        start=dt.date(2020, 1, 1),
    )
    return other


def _codes(queryset):
    return sorted(obj.code for obj in queryset)


def test_regional_office_sees_its_region_only(world, elsewhere):
    regional = world.personas["regional"]
    assert _codes(measures_in_area(regional)) == ["MA", "MM"]
    assert _codes(regions_in_area(regional)) == ["RA"]
    assert _codes(programmes_in_area(regional)) == ["JPS"]
    assert _codes(providers_in_area(regional)) == ["AMM", "BDL-A"]


def test_provider_sees_its_own_measures(world, elsewhere):
    provider = world.personas["provider"]
    assert _codes(measures_in_area(provider)) == ["MA"]
    assert _codes(regions_in_area(provider)) == ["RA"]


def test_jobcenter_sees_its_region(world, elsewhere):
    assert _codes(measures_in_area(world.personas["jobcenter"])) == ["MA", "MM"]


def test_coordination_office_sees_everything(world, elsewhere):
    coordinator = world.personas["coordinator"]
    assert _codes(measures_in_area(coordinator)) == ["MA", "MB", "MM", "WP-M"]
    assert _codes(programmes_in_area(coordinator)) == ["JPS", "WP"]


def test_users_without_personal_data_have_no_area(world, elsewhere):
    for persona in ("dpo", "outsider"):
        assert not measures_in_area(world.personas[persona]).exists()


def test_participant_list_filters_follow_the_area(client, world, elsewhere):
    client.force_login(world.personas["regional"])
    form = client.get(reverse("casework:participant_list")).context["form"]
    assert _codes(form.fields["measure"].queryset) == ["MA", "MM"]
    assert _codes(form.fields["region"].queryset) == ["RA"]
    assert _codes(form.fields["programme"].queryset) == ["JPS"]
    assert {s.programme.code for s in form.fields["stage"].queryset} == {"JPS"}
    client.force_login(world.personas["coordinator"])
    form = client.get(reverse("casework:participant_list")).context["form"]
    assert _codes(form.fields["measure"].queryset) == ["MA", "MB", "MM", "WP-M"]


def test_measures_overview_follows_the_area(client, world, elsewhere):
    client.force_login(world.personas["regional"])
    response = client.get(reverse("casework:measure_list"), {"region": ""})
    assert sorted(row.measure.code for row in response.context["rows"]) == ["MA", "MM"]
    assert _codes(response.context["regions"]) == ["RA"]
    assert _codes(response.context["programmes"]) == ["JPS"]
    html = response.content.decode()
    assert "WP-M" not in html and "Region B" not in html


def test_worklists_region_filter_follows_the_area(client, world):
    client.force_login(world.personas["regional"])
    response = client.get(reverse("casework:worklists"))
    assert _codes(response.context["regions"]) == ["RA"]


def test_referral_form_offers_the_area(client, world, elsewhere):
    OrganisationFactory(code="JC-FAR", kind=Organisation.Kind.JOBCENTER, region=world.region_b)
    client.force_login(world.personas["regional"])
    form = client.get(reverse("casework:refer")).context["form"]
    assert _codes(form.fields["programme"].queryset) == ["JPS"]
    assert _codes(form.fields["region"].queryset) == ["RA"]
    assert _codes(form.fields["referrer"].queryset) == ["JC-A"]
    client.force_login(world.personas["coordinator"])
    form = client.get(reverse("casework:refer")).context["form"]
    assert _codes(form.fields["referrer"].queryset) == ["JC-A", "JC-B", "JC-FAR"]
