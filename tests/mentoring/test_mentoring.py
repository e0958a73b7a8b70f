"""Mentoring: who reads and writes (mentoring.authority, checked in the services), the log's
employer contact in the employer's contact history, the after-placement support, the worklist
„Nachbetreuung“ and the placements into training vs work. Expectations counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.journeys import services as journeys
from stufenweg.mentoring import services
from stufenweg.mentoring.authority import reads_mentoring
from stufenweg.mentoring.models import AfterPlacementSupport, MentoringEntry
from stufenweg.mentoring.selectors import aftercare_worklist, placement_figures
from stufenweg.organisations.models import EmployerContact, Membership
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _mentee(world, name="Mentee"):
    participation = start_journey(world, PersonFactory(last_name=name), on=_ago(200))
    enter(world, participation, measure=world.measure_m, stage=world.s4, on=_ago(180))
    return participation


def _assign(world, participation, mentor=None, by=None, on=None):
    mentor = mentor or world.personas["mentor"]
    return services.mentorship_assign(
        participation=participation,
        organisation=world.mentoring,
        mentor=mentor,
        started_on=on or _ago(150),
        by=by if by is not None else mentor,
    )


def test_readers_are_the_project_and_the_coordination_office(world):
    mentee = _mentee(world)
    other = start_journey(world, PersonFactory(last_name="Anders"), on=_ago(200))
    enter(world, other, on=_ago(180))  # measure_a of provider A, no mentoring project
    p = world.personas
    assert reads_mentoring(p["mentor"], mentee) and reads_mentoring(p["coordinator"], mentee)
    # the regional office sees the participation, not its mentoring; the others see neither
    assert not any(reads_mentoring(p[name], mentee) for name in ("regional", "provider", "jobcenter", "dpo"))
    assert not reads_mentoring(p["mentor"], other)


def test_a_caseworker_assigns_only_themselves_the_lead_anyone(world):
    mentee = _mentee(world)
    volunteer = MembershipFactory(user=UserFactory(username="ehrenamt"), organisation=world.mentoring).user
    with pytest.raises(PermissionDenied):  # the mentor (caseworker) may not assign the volunteer
        _assign(world, mentee, mentor=volunteer, by=world.personas["mentor"])
    with pytest.raises(PermissionDenied):  # the coordination office reads, it does not assign
        _assign(world, mentee, by=world.personas["coordinator"])
    lead = MembershipFactory(
        user=UserFactory(username="leitung"), organisation=world.mentoring, role=Membership.Role.ORG_ADMIN
    ).user
    mentorship = _assign(world, mentee, mentor=volunteer, by=lead)
    assert mentorship.mentor == volunteer
    # the volunteer writes its log; the other caseworker of the project does not, the lead does
    services.mentoring_entry_record(
        mentorship=mentorship, occurred_on=_ago(10), kind="meeting", topic="Bewerbung", by=volunteer
    )
    with pytest.raises(PermissionDenied):
        services.mentoring_entry_record(
            mentorship=mentorship, occurred_on=_ago(9), kind="phone", topic="x", by=world.personas["mentor"]
        )
    services.mentoring_entry_record(
        mentorship=mentorship, occurred_on=_ago(8), kind="phone", topic="y", by=lead
    )
    assert MentoringEntry.objects.count() == 2


def test_a_participation_without_the_project_gets_no_mentor(world):
    other = start_journey(world, PersonFactory(last_name="Anders"), on=_ago(200))
    enter(world, other, on=_ago(180))
    with pytest.raises(PermissionDenied):
        _assign(world, other, by=None)


def test_an_employer_contact_is_recorded_in_the_contact_history_once(world):
    mentee = _mentee(world)
    mentorship = _assign(world, mentee)
    with pytest.raises(ValidationError) as refused:  # no employer: nothing written
        services.mentoring_entry_record(
            mentorship=mentorship,
            occurred_on=_ago(5),
            kind="employer",
            topic="Ausbildung",
            by=mentorship.mentor,
        )
    assert "employer" in refused.value.message_dict
    assert not EmployerContact.objects.exists() and not MentoringEntry.objects.exists()
    entry = services.mentoring_entry_record(
        mentorship=mentorship,
        occurred_on=_ago(5),
        kind="employer",
        topic="Ausbildung",
        notes="Name der Ausbilderin",
        employer=world.employer,
        employer_topic="placement",
        by=mentorship.mentor,
    )
    contact = EmployerContact.objects.get()
    assert entry.employer_contact == contact
    assert (contact.organisation, contact.participation, contact.topic) == (
        world.mentoring,
        mentee,
        "placement",
    )
    # the notes are encrypted; the audit trail does not hold them
    created = AuditEntry.objects.filter(object_type="mentoring.mentoringentry").get()
    assert "Ausbilderin" not in str(created.after) and created.after["notes"] == "(verschlüsselt)"


def test_log_entries_outside_the_mentorship_are_refused(world):
    mentorship = _assign(world, _mentee(world), on=_ago(20))
    for day in (_ago(21), TODAY + dt.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.mentoring_entry_record(
                mentorship=mentorship, occurred_on=day, kind="meeting", topic="x", by=mentorship.mentor
            )


def _place(participation, kind, days_ago):
    return journeys.employment_start_record(
        participation=participation, on=_ago(days_ago), kind=kind, by=None
    )


def test_after_placement_support_worklist_and_figures(world):
    mentor = world.personas["mentor"]
    world.measure_m.places = 6
    world.measure_m.save()
    quiet = _mentee(world, "Ruhig")
    busy = _mentee(world, "Betreut")
    ending = _mentee(world, "Endet")
    worker = _mentee(world, "Arbeit")
    ms = {p: _assign(world, p) for p in (quiet, busy, ending, worker)}
    # placements: three into training, one into work
    supports = {
        quiet: services.after_placement_support_start(
            mentorship=ms[quiet], placement=_place(quiet, "vocational_training", 60), by=mentor
        ),
        busy: services.after_placement_support_start(
            mentorship=ms[busy], placement=_place(busy, "vocational_training", 60), by=mentor
        ),
        ending: services.after_placement_support_start(
            mentorship=ms[ending], placement=_place(ending, "vocational_training", 100), months=4, by=mentor
        ),
    }
    _place(worker, "svb", 30)
    before = _mentee(world, "Vorher")  # placed into work before the mentoring began: not counted
    _place(before, "svb", 170)
    _assign(world, before, on=_ago(150))
    assert supports[quiet].months == 6 and supports[quiet].until > TODAY
    assert supports[ending].until <= TODAY + dt.timedelta(days=28)
    for p, days in ((quiet, 40), (busy, 3), (ending, 2)):
        services.mentoring_entry_record(
            mentorship=ms[p], occurred_on=_ago(days), kind="meeting", topic="t", by=mentor
        )
    rows = aftercare_worklist(mentor)
    assert [r.participation for r in rows] == [ending, quiet]  # ordered by end; busy is not due
    assert (rows[0].ending, rows[0].quiet, rows[1].ending, rows[1].quiet) == (True, False, False, True)
    assert aftercare_worklist(world.personas["regional"]) == []
    with pytest.raises(ValidationError):  # one support per placement
        services.after_placement_support_start(
            mentorship=ms[quiet], placement=supports[quiet].placement, by=mentor
        )
    with pytest.raises(ValidationError):  # a placement of another participation
        services.after_placement_support_start(
            mentorship=ms[busy], placement=supports[quiet].placement, by=mentor
        )
    assert AfterPlacementSupport.objects.count() == 3
    [figures] = placement_figures(mentor)
    assert (figures["training"], figures["work"]) == (3, 1)


def test_the_worklist_page_records_the_reads(world):
    mentor = world.personas["mentor"]
    mentee = _mentee(world, "Gelesen")
    mentorship = _assign(world, mentee)
    services.after_placement_support_start(
        mentorship=mentorship, placement=_place(mentee, "svb", 10), by=mentor
    )
    client = Client()
    client.force_login(mentor)
    response = client.get("/mentoring/nachbetreuung/")
    assert response.status_code == 200 and "Gelesen" in response.content.decode()
    assert AuditEntry.objects.filter(action="read", person=mentee.person, actor=mentor).exists()


def test_the_participant_page_shows_the_section_to_readers_only(world):
    mentee = _mentee(world, "Seite")
    mentorship = _assign(world, mentee)
    services.mentoring_entry_record(
        mentorship=mentorship, occurred_on=_ago(3), kind="meeting", topic="Lebenslauf", by=mentorship.mentor
    )
    url = f"/teilnehmende/{mentee.person_id}/?teilnahme={mentee.pk}"
    for persona, shown in (("mentor", True), ("coordinator", True), ("regional", False)):
        client = Client()
        client.force_login(world.personas[persona])
        body = client.get(url).content.decode()
        assert ('id="h-mentoring"' in body) is shown, persona
        assert ("Lebenslauf" in body) is shown, persona
        assert ("Mentoring-Eintrag" in body) is (persona == "mentor"), persona


def test_the_start_page_counts_the_due_mentees_for_project_members_only(world):
    mentor = world.personas["mentor"]
    mentee = _mentee(world, "Start")
    services.after_placement_support_start(
        mentorship=_assign(world, mentee), placement=_place(mentee, "svb", 10), by=mentor
    )
    client = Client()
    client.force_login(mentor)
    body = client.get("/").content.decode()
    assert 'id="h-aftercare-notice"' in body and "1 Mentee in der Nachbetreuung braucht" in body
    assert "Start" not in body.split('id="h-aftercare-notice"')[1].split("</section>")[0]  # no names
    client.force_login(world.personas["regional"])
    assert 'id="h-aftercare-notice"' not in client.get("/").content.decode()
