"""Every journey service writes exactly one audit row: who, what, when, which person, before/after."""

import datetime as dt

import pytest

from stufenweg.core.models import AuditEntry, AuditError
from stufenweg.journeys import services
from tests.factories import PersonFactory

D = dt.date


def test_every_service_writes_one_audit_row(world):
    # the coordination office may record every kind, in every region (journeys.authority)
    user = world.personas["coordinator"]
    person = PersonFactory()
    p = world.programme
    calls = []

    def do(name, fn, **kwargs):
        before = AuditEntry.objects.count()
        result = fn(**kwargs)
        rows = list(AuditEntry.objects.order_by("-id")[: AuditEntry.objects.count() - before])
        calls.append(name)
        assert len(rows) == 1, name
        row = rows[0]
        assert row.actor == user and row.actor_label == "koordination", name
        assert row.person_id == person.pk, name
        assert row.after is not None, name
        return result, row

    _e, row = do(
        "refer",
        services.participation_refer,
        person=person,
        programme=p,
        on=D(2022, 1, 3),
        referrer=world.jobcenter_a,
        region=world.region_a,
        by=user,
    )
    assert row.action == "event" and row.after["state"] == "referred"
    part = person.participations.get()
    do(
        "assessment_start",
        services.participation_start_assessment,
        person=person,
        programme=p,
        on=D(2022, 1, 5),
        by=user,
    )
    do(
        "assessment_result",
        services.participation_assessment_result,
        participation=part,
        on=D(2022, 1, 6),
        result="suitable",
        by=user,
    )
    do(
        "waitlist",
        services.participation_waitlist,
        participation=part,
        on=D(2022, 1, 7),
        stage=world.s3,
        by=user,
    )
    entry, row = do(
        "enter",
        services.enrolment_enter,
        participation=part,
        measure=world.measure_b,
        stage=world.s4,
        on=D(2022, 2, 1),
        planned_end=D(2022, 7, 31),
        by=user,
    )
    assert row.before["state"] == "waiting" and row.after["state"] == "in_stage"
    assert row.after["event"]["event_id"] == entry.event_id
    do(
        "extend",
        services.enrolment_extend,
        participation=part,
        on=D(2022, 3, 1),
        planned_end=D(2022, 9, 30),
        reason="Ziele noch nicht erreicht",
        by=user,
    )
    do("interrupt", services.enrolment_interrupt, participation=part, on=D(2022, 3, 10), by=user)
    do("resume", services.enrolment_resume, participation=part, on=D(2022, 3, 20), by=user)
    do(
        "internship",
        services.internship_record,
        participation=part,
        on=D(2022, 4, 1),
        employer=world.employer,
        end_date=D(2022, 4, 30),
        by=user,
    )
    do(
        "change",
        services.enrolment_change_stage,
        participation=part,
        measure=world.measure_a,
        stage=world.s3,
        on=D(2022, 5, 2),
        change="planned",
        by=user,
    )
    do(
        "qualification",
        services.qualification_record,
        participation=part,
        on=D(2022, 6, 1),
        what="Staplerschein",
        by=user,
    )
    do(
        "employment_start",
        services.employment_start_record,
        participation=part,
        on=D(2022, 7, 1),
        kind="svb",
        employer=world.employer,
        by=user,
    )
    do(
        "exit",
        services.enrolment_exit,
        participation=part,
        on=D(2022, 7, 15),
        kind="early_positive",
        statuses=["employed_svb"],
        by=user,
    )
    do("employment_end", services.employment_end_record, participation=part, on=D(2022, 11, 30), by=user)
    follow, _row = do(
        "follow_up",
        services.follow_up_record,
        participation=part,
        on=D(2023, 1, 16),
        statuses=["employed_svb"],
        source="employer",
        by=user,
    )
    do("reactivate", services.participation_reactivate, participation=part, on=D(2023, 2, 1), by=user)
    _c, row = do(
        "correct",
        services.journey_event_correct,
        event=follow,
        by=user,
        reason="Quelle falsch",
        source="self",
    )
    assert row.action == "correct"
    _v, row = do("void", services.journey_event_void, event=_c, by=user, reason="doppelt erfasst")
    assert row.action == "void"
    _a, row = do(
        "assign", services.participation_assign_caseworker, participation=part, caseworker=user, by=user
    )
    assert row.action == "update" and row.after == {"caseworker_id": user.pk}
    other = PersonFactory()
    services.participation_refer(
        person=other, programme=p, on=D(2022, 1, 3), referrer=world.jobcenter_a, by=user
    )
    other_part = other.participations.get()
    before = AuditEntry.objects.count()
    services.participation_not_arrived(participation=other_part, on=D(2022, 2, 1), by=user)
    assert AuditEntry.objects.count() == before + 1
    assert len(calls) == 19


def test_audit_rows_cannot_be_changed_or_deleted(world):
    services.participation_refer(
        person=PersonFactory(),
        programme=world.programme,
        on=D(2022, 1, 3),
        referrer=world.jobcenter_a,
        by=None,
    )
    row = AuditEntry.objects.get()
    row.summary = "geändert"
    with pytest.raises(AuditError):
        row.save()
    with pytest.raises(AuditError):
        row.delete()
    assert AuditEntry.objects.get().summary != "geändert"
