"""An attended group-event session counts as a contact: the participant list's „letzter Kontakt“
(page rows and the sort), the worklist „kein Kontakt seit 6 Wochen“ and the participant page,
read from the attendance row itself (no copied ``Contact``). Excused or absent does not count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from stufenweg.casework import services as casework
from stufenweg.casework.models import Contact
from stufenweg.casework.overviews import worklists
from stufenweg.casework.selectors import ListFilters, participant_ids, participant_list, participant_rows
from stufenweg.groupwork import services
from tests.groupwork.conftest import participants, workshop

pytestmark = pytest.mark.django_db
SESSION_DAY = dt.date(2024, 3, 12)


@pytest.fixture
def attended(world):
    """Three participations of region A booked on a workshop held on 12 Mar 2024: the first
    attended, the second was excused, the third absent; the third had a phone call on 1 Mar."""
    event = workshop(world, sessions=[(SESSION_DAY, dt.time(9), dt.time(12))])
    people = participants(world, 3, prefix="Kontakt")
    bookings = [services.booking_create(event=event, participation=p, by=None) for p in people]
    statuses = dict(zip([b.pk for b in bookings], ["attended", "excused", "absent"], strict=True))
    services.attendance_record(session=event.sessions.get(), statuses=statuses, by=None)
    casework.contact_record(participation=people[2], kind="phone", on=dt.date(2024, 3, 1), by=None)
    return people


def _last_contacts(user, people):
    rows = participant_list(user, ListFilters(q="Kontakt"))
    return {row.pk: row.last_contact for row in rows if row.pk in {p.pk for p in people}}


def test_the_list_shows_the_attended_session_as_last_contact(world, attended):
    first, second, third = attended
    user = world.personas["regional"]
    expected = {first.pk: SESSION_DAY, second.pk: None, third.pk: dt.date(2024, 3, 1)}
    assert _last_contacts(user, attended) == expected
    rows = participant_rows([p.pk for p in attended])
    assert [r.last_contact for r in rows] == [SESSION_DAY, None, dt.date(2024, 3, 1)]
    assert not Contact.objects.filter(participation=first).exists()  # derived, not copied


def test_a_later_recorded_contact_wins_over_an_earlier_session(world, attended):
    first = attended[0]
    casework.contact_record(participation=first, kind="phone", on=dt.date(2024, 4, 2), by=None)
    assert _last_contacts(world.personas["regional"], [first]) == {first.pk: dt.date(2024, 4, 2)}


@pytest.mark.parametrize("sort", ["last_contact", "-last_contact"])
def test_the_sort_by_last_contact_counts_the_session(world, attended, sort):
    first, second, third = attended
    ids = list(participant_ids(world.personas["regional"], ListFilters(q="Kontakt", sort=sort)))
    # ascending: never contacted first, then 1 Mar, then 12 Mar; descending: the reverse
    ascending = [second.pk, third.pk, first.pk]
    assert ids == (ascending if sort == "last_contact" else ascending[::-1])


def test_the_six_weeks_worklist_counts_an_attended_session(world, attended):
    first, second, third = attended
    user = world.personas["regional"]

    def listed(today):
        return {p.pk for p in worklists(user, today=today)["no_contact"].rows} & {p.pk for p in attended}

    # 20 Apr - 42 days = 9 Mar: the session (12 Mar) is within six weeks, the call (1 Mar) is not
    assert listed(dt.date(2024, 4, 20)) == {second.pk, third.pk}
    # 25 Apr - 42 days = 14 Mar: the session is older too
    assert listed(dt.date(2024, 4, 25)) == {first.pk, second.pk, third.pk}


def test_the_participant_page_lists_sessions_with_their_attendance(world, attended):
    first = attended[0]
    client = Client()
    client.force_login(world.personas["regional"])
    html = client.get(f"/teilnehmende/{first.person_id}/?teilnahme={first.pk}").content.decode()
    assert "JOBfabrik: Neue Wege zum JOB" in html
    assert "12.03.2024" in html and "teilgenommen" in html
    assert "zählt als Kontakt" in html


def test_a_coming_session_reads_still_to_come_and_a_past_one_not_recorded(world):
    from django.utils import timezone

    coming = timezone.localdate() + dt.timedelta(days=5)
    event = workshop(
        world,
        sessions=[(SESSION_DAY, dt.time(9), dt.time(12)), (coming, dt.time(9), dt.time(12))],
    )
    (person,) = participants(world, 1, prefix="Bevor")
    services.booking_create(event=event, participation=person, by=None)
    client = Client()
    client.force_login(world.personas["regional"])
    html = client.get(f"/teilnehmende/{person.person_id}/?teilnahme={person.pk}").content.decode()
    assert f'{coming:%d.%m.%Y} 09:00</span>: <span class="muted">steht noch bevor' in html
    assert '12.03.2024 09:00</span>: <span class="muted">nicht erfasst' in html
