"""Correcting a mentoring log entry (author, mentor, project lead; history and audit), the
programme default of the after-placement support's months, and the section's fixed cost: the
page's mentoring queries do not grow with mentorships and entries, the start page counts in one
query, a participation without mentoring shows no section, a system-written employer contact
names the mentor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stufenweg.core.models import AuditEntry
from stufenweg.mentoring import services
from stufenweg.mentoring.models import AftercareDefault, MentoringEntryRevision
from stufenweg.mentoring.selectors import aftercare_due_count, aftercare_worklist, mentoring_file
from stufenweg.organisations.models import EmployerContact, Membership
from tests.conftest import enter, start_journey
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.mentoring.test_mentoring import _ago, _assign, _mentee, _place

pytestmark = pytest.mark.django_db


def _lead(world, username="leitung"):
    return MembershipFactory(
        user=UserFactory(username=username), organisation=world.mentoring, role=Membership.Role.ORG_ADMIN
    ).user


def _entry(mentorship, by, **kw):
    values = {"occurred_on": _ago(10), "kind": "meeting", "topic": "Bewerbung", "notes": "alt"} | kw
    return services.mentoring_entry_record(mentorship=mentorship, by=by, **values)


def _correct(entry, by, **kw):
    values = {
        "occurred_on": entry.occurred_on,
        "kind": entry.kind,
        "topic": entry.topic,
        "notes": entry.notes,
        "employer": None,
        "employer_topic": "",
    } | kw
    return services.mentoring_entry_correct(entry=entry, by=by, **values)


def test_the_author_the_mentor_and_the_lead_correct_others_do_not(world):
    mentor = world.personas["mentor"]
    lead = _lead(world)
    colleague = MembershipFactory(user=UserFactory(username="kollegin"), organisation=world.mentoring).user
    mentorship = _assign(world, _mentee(world), by=mentor)
    by_lead = _entry(mentorship, lead, topic="vom Lead")
    # the mentor corrects the lead's entry, the lead the mentor's, a colleague neither
    _correct(by_lead, mentor, topic="vom Mentor berichtigt")
    own = _entry(mentorship, mentor)
    _correct(own, lead, notes="neu")
    for entry in (by_lead, own):
        with pytest.raises(PermissionDenied):
            _correct(entry, colleague, topic="fremd")
    for persona in ("coordinator", "regional"):
        with pytest.raises(PermissionDenied):
            _correct(own, world.personas[persona], topic="fremd")
    # the author may correct after the mentorship went to another mentor
    mentorship.mentor = colleague
    mentorship.save()
    _correct(by_lead, lead, topic="noch einmal")
    by_lead.refresh_from_db()
    assert by_lead.topic == "noch einmal"


def test_a_correction_keeps_the_earlier_version_and_is_audited(world):
    mentor = world.personas["mentor"]
    mentorship = _assign(world, _mentee(world))
    entry = _entry(mentorship, mentor, notes="Telefonnummer der Schwester")
    corrected = _correct(entry, mentor, occurred_on=_ago(9), kind="phone", notes="korrigiert")
    assert (corrected.occurred_on, corrected.kind, corrected.notes) == (_ago(9), "phone", "korrigiert")
    assert corrected.corrected_by == mentor and corrected.corrected_at is not None
    [old] = MentoringEntryRevision.objects.filter(entry=entry)
    assert (old.occurred_on, old.kind, old.notes, old.replaced_by) == (
        _ago(10),
        "meeting",
        "Telefonnummer der Schwester",
        mentor,
    )
    audit = AuditEntry.objects.filter(object_type="mentoring.mentoringentry", action="update").get()
    assert audit.before["kind"] == "meeting" and audit.after["kind"] == "phone"
    assert audit.after["notes"] == "(verschlüsselt, geändert)" and "Schwester" not in str(audit.before)
    # nothing changed: no new version, no audit
    _correct(corrected, mentor)
    assert MentoringEntryRevision.objects.count() == 1
    # a day outside the mentorship is refused, nothing written
    with pytest.raises(ValidationError):
        _correct(corrected, mentor, occurred_on=dt.date(2000, 1, 1))
    assert MentoringEntryRevision.objects.count() == 1


def test_an_employer_contact_is_corrected_with_its_entry(world):
    mentor = world.personas["mentor"]
    mentorship = _assign(world, _mentee(world))
    other = OrganisationFactory(code="AG-ZWEI", name="Bäckerei Zwei", kind="employer")
    entry = _entry(mentorship, mentor, kind="employer", employer=world.employer, employer_topic="placement")
    contact = EmployerContact.objects.get()
    _correct(entry, mentor, occurred_on=_ago(8), employer=other, employer_topic="support", notes="neu")
    contact.refresh_from_db()
    assert (contact.employer, contact.occurred_on, contact.topic, contact.notes) == (
        other,
        _ago(8),
        "support",
        "neu",
    )
    assert MentoringEntryRevision.objects.get().employer == world.employer
    # no longer an employer contact: the contact leaves the employer's history
    _correct(entry, mentor, kind="meeting", employer=None)
    entry.refresh_from_db()
    assert entry.employer_contact is None and not EmployerContact.objects.exists()
    # and back: a new contact
    _correct(entry, mentor, kind="employer", employer=other, employer_topic="placement")
    entry.refresh_from_db()
    assert entry.employer_contact.employer == other and entry.employer_contact.staff == mentor


def test_the_edit_form_404_403_and_saves(world):
    mentor = world.personas["mentor"]
    mentorship = _assign(world, _mentee(world, "Formular"))
    entry = _entry(mentorship, mentor)
    url = reverse("mentoring:entry_edit", args=[entry.pk])
    client = Client()
    for persona, status in (("regional", 404), ("outsider", 404), ("coordinator", 403)):
        client.force_login(world.personas[persona])
        assert client.get(url).status_code == status, persona
    client.force_login(mentor)
    page = client.get(url)
    assert page.status_code == 200 and 'value="Bewerbung"' in page.content.decode()
    body = {"occurred_on": _ago(10).isoformat(), "kind": "meeting", "topic": "Lebenslauf", "notes": ""}
    assert client.post(url, body).status_code == 302
    entry.refresh_from_db()
    assert entry.topic == "Lebenslauf" and entry.notes == ""
    html = client.get(f"/teilnehmende/{mentorship.participation.person_id}/").content.decode()
    assert "berichtigt am" in html and reverse("mentoring:entry_edit", args=[entry.pk]) in html


def test_the_programme_default_of_the_after_placement_support(world):
    mentor = world.personas["mentor"]
    lead = _lead(world)
    mentee = _mentee(world, "Vorgabe")
    mentorship = _assign(world, mentee)
    assert services.default_support_months(mentorship) == 6
    with pytest.raises(PermissionDenied):  # a mentor (caseworker) does not set it
        services.aftercare_default_set(
            organisation=world.mentoring, programme=world.programme, months=9, by=mentor
        )
    with pytest.raises(PermissionDenied):  # nor a regional office
        services.aftercare_default_set(
            organisation=world.mentoring, programme=world.programme, months=9, by=world.personas["regional"]
        )
    with pytest.raises(ValidationError):
        services.aftercare_default_set(
            organisation=world.mentoring, programme=world.programme, months=37, by=lead
        )
    services.aftercare_default_set(organisation=world.mentoring, programme=world.programme, months=9, by=lead)
    services.aftercare_default_set(
        organisation=world.mentoring, programme=world.programme, months=12, by=world.personas["coordinator"]
    )
    assert AftercareDefault.objects.get().months == 12
    assert services.default_support_months(mentorship) == 12
    support = services.after_placement_support_start(
        mentorship=mentorship, placement=_place(mentee, "svb", 10), by=mentor
    )
    assert support.months == 12  # the default when no months are given
    assert list(
        AuditEntry.objects.filter(object_type="mentoring.aftercaredefault")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["create", "update"]
    # the form proposes it
    client = Client()
    client.force_login(mentor)
    html = client.get(reverse("mentoring:aftercare_add", args=[mentorship.pk])).content.decode()
    assert 'name="months" value="12"' in html


def test_the_default_pages(world):
    lead = _lead(world)
    client = Client()
    url = reverse("mentoring:aftercare_defaults")
    edit = reverse("mentoring:aftercare_default_edit")
    body = {"organisation": str(world.mentoring.pk), "programme": str(world.programme.pk), "months": "8"}
    for persona in ("mentor", "regional"):
        client.force_login(world.personas[persona])
        assert client.get(url).status_code == 403
        assert client.post(edit, body).status_code == 403
    client.force_login(lead)
    html = client.get(url).content.decode()
    assert world.mentoring.name in html and world.programme.code in html and "(Standard)" in html
    prefilled = client.get(
        f"{edit}?projekt={world.mentoring.pk}&programm={world.programme.pk}"
    ).content.decode()
    assert 'name="months" value="6"' in prefilled
    assert client.post(edit, body | {"months": "0"}).status_code == 200  # the form again, nothing saved
    assert not AftercareDefault.objects.exists()
    other_project = OrganisationFactory(code="MP-ANDERS", kind="mentoring_project")
    refused = client.post(edit, body | {"organisation": str(other_project.pk)})  # not led: not a choice
    assert refused.status_code == 200 and not AftercareDefault.objects.exists()
    assert client.post(edit, body).status_code == 302
    assert AftercareDefault.objects.get().months == 8
    assert client.get(reverse("mentoring:aftercare")).content.decode().count(url) == 1


def _section_queries(client, participation) -> int:
    url = f"/teilnehmende/{participation.person_id}/?teilnahme={participation.pk}"
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_section_costs_the_same_queries_for_many_mentorships_and_entries(world):
    mentor = world.personas["mentor"]
    lead = _lead(world)
    mentee = _mentee(world, "Viele")
    first = _assign(world, mentee, by=mentor)
    _entry(first, mentor)
    client = Client()
    client.force_login(mentor)
    few = _section_queries(client, mentee)
    for i in range(3):
        helper = MembershipFactory(user=UserFactory(username=f"helfer{i}"), organisation=world.mentoring).user
        ms = _assign(world, mentee, mentor=helper, by=lead)
        for day in range(4):
            _entry(ms, helper, occurred_on=_ago(20 + day), topic=f"T{day}")
    for day in range(5):
        _entry(first, mentor, occurred_on=_ago(30 + day))
    assert _section_queries(client, mentee) == few


def test_no_section_where_the_programme_has_no_mentoring(world):
    other = start_journey(world, PersonFactory(last_name="Ohnementoring"), on=_ago(200))
    enter(world, other, on=_ago(180))  # measure_a of provider A, no mentoring project
    client = Client()
    client.force_login(world.personas["coordinator"])
    html = client.get(f"/teilnehmende/{other.person_id}/").content.decode()
    assert 'id="h-mentoring"' not in html and "Noch kein Mentoring." not in html
    assert mentoring_file(world.personas["coordinator"], other) is None
    # a mentee of the project without a mentor yet: the section says so
    mentee = _mentee(world, "Nochohne")
    assert mentoring_file(world.personas["coordinator"], mentee) == {"mentorships": []}
    html = client.get(f"/teilnehmende/{mentee.person_id}/").content.decode()
    assert "Noch kein Mentoring." in html


def test_the_due_count_is_one_count_query_and_matches_the_worklist(world):
    mentor = world.personas["mentor"]
    quiet = _mentee(world, "Still")
    busy = _mentee(world, "Aktiv")
    for p in (quiet, busy):
        ms = _assign(world, p)
        services.after_placement_support_start(mentorship=ms, placement=_place(p, "svb", 20), by=mentor)
    _entry(busy.mentorships.get(), mentor, occurred_on=_ago(2))
    aftercare_due_count(mentor)  # the user's scope is read once per request (cached on the user)
    with CaptureQueriesContext(connection) as queries:
        count = aftercare_due_count(mentor)
    assert count == 1 == len(aftercare_worklist(mentor))
    assert len(queries) == 1 and "COUNT(" in queries[0]["sql"].upper()


def test_a_system_written_employer_contact_names_the_mentor(world):
    mentor = world.personas["mentor"]
    mentorship = _assign(world, _mentee(world, "System"))
    entry = _entry(mentorship, None, kind="employer", employer=world.employer, employer_topic="placement")
    assert entry.staff == mentor and entry.employer_contact.staff == mentor
    client = Client()
    client.force_login(world.personas["coordinator"])
    html = client.get(reverse("organisations:employer_detail", args=[world.employer.pk])).content.decode()
    assert str(mentor) in html.split('id="h-contacts"')[1].split("</section>")[0]
