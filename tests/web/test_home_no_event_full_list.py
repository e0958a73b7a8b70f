"""The start page's block „Seit … ohne Ereignis“ links, when shortened, to the participant list
with the filter „seit sechs Wochen ohne Ereignis“, which selects by the same rule
(``casework.selectors.no_event_q``): exactly the block's participants, all of them."""

from __future__ import annotations

import datetime as dt
import html as html_lib

import pytest
from django.urls import reverse
from django.utils import timezone

from stufenweg.casework.selectors import NO_EVENT_DAYS
from stufenweg.journeys import services
from stufenweg.web import selectors
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
HOME = reverse("web:home")
LIST = reverse("casework:participant_list")
FULL = f"{LIST}?status=active&no_event=on"


@pytest.fixture
def people(world):
    """Region A: three without an event for more than six weeks (two referred, one in a stage),
    one with a recent event, one exited long ago; region B: one without an event."""
    today = timezone.localdate()
    quiet_from = today - dt.timedelta(days=NO_EVENT_DAYS + 60)
    found = {}
    for name in ("Still", "Ruhig"):
        found[name] = PersonFactory(last_name=name)
        start_journey(world, found[name], on=quiet_from)
    found["Stufe"] = PersonFactory(last_name="Stufe")
    part = start_journey(world, found["Stufe"], on=quiet_from - dt.timedelta(days=30))
    enter(world, part, on=quiet_from)
    found["Neu"] = PersonFactory(last_name="Neu")
    start_journey(world, found["Neu"], on=today - dt.timedelta(days=10))
    found["Raus"] = PersonFactory(last_name="Raus")
    part = start_journey(world, found["Raus"], on=quiet_from - dt.timedelta(days=60))
    enter(world, part, on=quiet_from - dt.timedelta(days=40))
    services.enrolment_exit(
        participation=part, on=quiet_from, kind="regular", statuses=["job_seeking"], by=None
    )
    found["Anderswo"] = PersonFactory(last_name="Anderswo")
    start_journey(world, found["Anderswo"], on=quiet_from, referrer=world.jobcenter_b, region=world.region_b)
    return found


def _block(user) -> set[int]:
    overview = selectors.region_overview(user, today=timezone.localdate())
    return {p.person.pk for p in overview.inactive}


def _listed(client, url) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    return {row.person.pk for row in response.context["rows"]}


def test_the_block_and_the_filtered_list_show_the_same_participants(client, world, people):
    user = world.personas["regional"]
    block = _block(user)
    assert block == {people[name].pk for name in ("Still", "Ruhig", "Stufe")}
    client.force_login(user)
    assert _listed(client, FULL) == block
    assert _listed(client, f"{LIST}?no_event=on") == block  # „alle“ adds no closed one
    assert len(_listed(client, f"{LIST}?status=active")) == 4  # without the filter: the recent one too


def test_the_shortened_block_links_to_the_whole_list(client, world, people, monkeypatch):
    user = world.personas["regional"]
    monkeypatch.setattr(selectors, "LIST_LIMIT", 2)
    client.force_login(user)
    response = client.get(HOME)
    page = response.content.decode()
    assert len(response.context["page"].region.inactive) == 2
    assert "2 von 3 angezeigt." in page
    link = f'<a href="{html_lib.escape(FULL)}">Alle 3 in der Teilnehmendenliste anzeigen</a>'
    assert link in page
    listed = _listed(client, FULL)
    assert len(listed) == 3 > selectors.LIST_LIMIT
    assert listed == {people[name].pk for name in ("Still", "Ruhig", "Stufe")}


def test_a_complete_block_has_no_link(client, world, people):
    client.force_login(world.personas["regional"])
    page = client.get(HOME).content.decode()
    assert "in der Teilnehmendenliste anzeigen" not in page


def test_a_regional_office_with_a_second_membership_gets_its_region_in_the_list_too(client, world, people):
    """The block is about the region; the list's filter keeps to it, although the user also sees
    region B's participation through the Jobcenter there."""
    user = world.personas["regional"]
    MembershipFactory(user=user, organisation=world.jobcenter_b)
    client.force_login(user)
    assert people["Anderswo"].pk in _listed(client, f"{LIST}?status=")
    assert _listed(client, FULL) == _block(user) == {people[n].pk for n in ("Still", "Ruhig", "Stufe")}


def test_without_a_region_the_filter_covers_everything_visible(client, world, people):
    client.force_login(world.personas["coordinator"])
    expected = {people[n].pk for n in ("Still", "Ruhig", "Stufe", "Anderswo")}
    assert _listed(client, FULL) == expected


def test_the_filter_is_offered_and_kept_in_saved_filters(client, world, people):
    client.force_login(world.personas["regional"])
    page = client.get(FULL).content.decode()
    assert 'name="no_event"' in page and "seit sechs Wochen ohne Ereignis" in page
    assert 'name="query" value="status=active&amp;no_event=on"' in page
