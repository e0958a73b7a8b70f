"""The mentoring import (``mentoring.import_services``) and the web writes share their checks and
their writing; what differs is pinned here: the importer's authority, the audit action IMPORT,
no dates in the future for the mentorship, an ended mentorship imported while another of the same
mentor runs, and no notes (nor their audit) in an imported log entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stufenweg.core.models import AuditEntry
from stufenweg.mentoring import import_services, services
from stufenweg.mentoring.models import MentoringEntry, Mentorship
from tests.conftest import enter, start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _mentee(world):
    participation = start_journey(world, PersonFactory(last_name="Mentee"), on=_ago(200))
    enter(world, participation, measure=world.measure_m, stage=world.s4, on=_ago(180))
    return participation


def _import(world, participation, started_on, ended_on=None, by=None):
    return import_services.mentorship_import(
        participation=participation,
        organisation=world.mentoring,
        mentor=world.personas["mentor"],
        started_on=started_on,
        ended_on=ended_on,
        by=by,
    )


def _audits(model: str):
    return list(
        AuditEntry.objects.filter(object_type=f"mentoring.{model}")
        .order_by("pk")
        .values_list("action", "summary")
    )


def _refused_field(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return list(refused.value.message_dict)


def test_only_the_coordination_office_imports(world):
    mentee = _mentee(world)
    with pytest.raises(PermissionDenied):
        _import(world, mentee, _ago(100), by=world.personas["mentor"])
    _import(world, mentee, _ago(100), by=world.personas["coordinator"])
    assert Mentorship.objects.count() == 1


def test_an_ended_mentorship_is_imported_beside_a_running_one_the_web_refuses_it(world):
    mentee = _mentee(world)
    running, what = _import(world, mentee, _ago(100))
    assert what == "created"
    # a second running mentorship of the same mentor: refused by both
    assert _refused_field(lambda: _import(world, mentee, _ago(90))) == ["mentor"]
    assert _refused_field(
        lambda: services.mentorship_assign(
            participation=mentee,
            organisation=world.mentoring,
            mentor=world.personas["mentor"],
            started_on=_ago(90),
            ended_on=_ago(80),
            by=None,
        )
    ) == ["mentor"]
    # an ended one (a history): the import takes it
    ended, what = _import(world, mentee, _ago(170), _ago(150))
    assert what == "created" and ended.pk != running.pk
    assert Mentorship.objects.count() == 2
    assert _audits("mentorship") == [
        (AuditEntry.Action.IMPORT, f"Mentoring {running.pk} für Teilnahme {mentee.pk} übernommen"),
        (AuditEntry.Action.IMPORT, f"Mentoring {ended.pk} für Teilnahme {mentee.pk} übernommen"),
    ]


def test_the_import_sets_or_keeps_the_end_and_checks_the_dates(world):
    mentee = _mentee(world)
    mentorship, _ = _import(world, mentee, _ago(100))
    assert _import(world, mentee, _ago(100))[1] == "unchanged"
    assert _import(world, mentee, _ago(100), _ago(10))[1] == "updated"
    mentorship.refresh_from_db()
    assert mentorship.ended_on == _ago(10)
    update = AuditEntry.objects.filter(object_type="mentoring.mentorship").order_by("pk").last()
    assert (update.action, update.summary) == (
        AuditEntry.Action.IMPORT,
        f"Mentoring {mentorship.pk}: Ende übernommen",
    )
    assert (update.before["ended_on"], update.after["ended_on"]) == (None, str(_ago(10)))
    tomorrow = TODAY + dt.timedelta(days=1)
    assert _refused_field(lambda: _import(world, mentee, tomorrow)) == ["started_on"]
    assert _refused_field(lambda: _import(world, mentee, _ago(5), tomorrow)) == ["ended_on"]
    assert _refused_field(lambda: _import(world, mentee, _ago(5), _ago(6))) == ["ended_on"]
    other = start_journey(world, PersonFactory(last_name="Anders"), on=_ago(200))
    enter(world, other, on=_ago(180))  # no measure of the mentoring project
    assert _refused_field(lambda: _import(world, other, _ago(100))) == ["organisation"]
    assert Mentorship.objects.count() == 1


def test_the_web_assigns_and_ends_with_its_own_audit(world):
    mentee = _mentee(world)
    mentor = world.personas["mentor"]
    mentorship = services.mentorship_assign(
        participation=mentee, organisation=world.mentoring, mentor=mentor, started_on=_ago(100), by=mentor
    )
    assert _refused_field(
        lambda: services.mentorship_end(mentorship=mentorship, ended_on=_ago(101), by=mentor)
    ) == ["ended_on"]
    services.mentorship_end(mentorship=mentorship, ended_on=_ago(3), by=mentor)
    assert _audits("mentorship") == [
        (AuditEntry.Action.CREATE, f"Mentoring {mentorship.pk} für Teilnahme {mentee.pk} zugeordnet"),
        (AuditEntry.Action.UPDATE, f"Mentoring {mentorship.pk} beendet"),
    ]


def test_an_imported_entry_has_no_notes_and_no_staff_the_web_entry_has_both(world):
    mentee = _mentee(world)
    mentorship, _ = _import(world, mentee, _ago(100), _ago(20))
    for day in (_ago(101), _ago(19), TODAY + dt.timedelta(days=1)):
        assert _refused_field(
            lambda day=day: import_services.mentoring_entry_import(
                mentorship=mentorship, occurred_on=day, kind="meeting", topic="x", by=None
            )
        ) == ["occurred_on"]
    imported = import_services.mentoring_entry_import(
        mentorship=mentorship, occurred_on=_ago(50), kind="meeting", topic=" Bewerbung ", by=None
    )
    recorded = services.mentoring_entry_record(
        mentorship=mentorship, occurred_on=_ago(40), kind="phone", topic="Praktikum", notes="geheim", by=None
    )
    imported.refresh_from_db()
    recorded.refresh_from_db()
    assert (imported.topic, imported.notes, imported.staff_id) == ("Bewerbung", "", None)
    assert (recorded.notes, recorded.staff_id) == ("geheim", mentorship.mentor_id)
    assert _audits("mentoringentry") == [
        (
            AuditEntry.Action.IMPORT,
            f"Mentoring-Eintrag {imported.pk} zu Mentoring {mentorship.pk} übernommen",
        ),
        (AuditEntry.Action.CREATE, f"Mentoring-Eintrag {recorded.pk} zu Mentoring {mentorship.pk} erfasst"),
    ]
    after_import, after_record = (
        AuditEntry.objects.filter(object_type="mentoring.mentoringentry")
        .order_by("pk")
        .values_list("after", flat=True)
    )
    assert "notes" not in after_import and after_import["topic"] == "Bewerbung"
    assert after_record["notes"] == "(verschlüsselt)"
    assert MentoringEntry.objects.count() == 2
