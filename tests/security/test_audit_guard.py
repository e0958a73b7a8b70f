"""The audit table cannot be changed through the application: not by the model, not by the ORM,
not by raw SQL. The one change the database accepts is the redaction of erasure."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from stufenweg.core.audit import audit_write
from stufenweg.core.auditguard import REDACTED
from stufenweg.core.models import AuditEntry, AuditError
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return audit_write(
        actor=UserFactory(username="schreiber"),
        action=AuditEntry.Action.UPDATE,
        object_type="people.person",
        object_id="1",
        person=PersonFactory(),
        summary="Adresse geändert",
        before={"postcode": "01067"},
        after={"postcode": "01069"},
        purpose="Fallarbeit",
    )


def _refused(callable_) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        callable_()


def test_model_refuses_save_and_delete(entry):
    entry.summary = "anders"
    with pytest.raises(AuditError):
        entry.save()
    with pytest.raises(AuditError):
        entry.delete()


@pytest.mark.parametrize(
    "change",
    [
        {"summary": "gefälscht"},
        {"actor_label": "jemand"},
        {"action": AuditEntry.Action.READ},
        {"purpose": "anders"},
        {"object_id": "2"},
        {"after": None, "before": None},  # redaction without the marker
        {"summary": REDACTED, "before": None, "after": None, "actor_label": "x"},  # redaction + a change
    ],
)
def test_queryset_update_is_refused_by_the_database(entry, change):
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(**change))
    entry.refresh_from_db()
    assert entry.summary == "Adresse geändert"
    assert entry.after == {"postcode": "01069"}


def test_queryset_delete_is_refused_by_the_database(entry):
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_raw_sql_is_refused(entry):
    def update():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET actor_label = 'x' WHERE id = %s", [entry.pk])

    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])

    _refused(update)
    _refused(delete)
    assert AuditEntry.objects.get(pk=entry.pk).actor_label == "schreiber"


def test_deleting_a_person_with_audit_rows_is_refused(entry):
    """SET_NULL would rewrite audit rows; persons are anonymised instead (privacy.anonymise)."""
    _refused(lambda: entry.person.delete())


def test_the_redaction_of_erasure_is_the_one_accepted_change(entry):
    AuditEntry.objects.filter(pk=entry.pk).update(summary=REDACTED, before=None, after=None)
    entry.refresh_from_db()
    assert (entry.summary, entry.before, entry.after) == (REDACTED, None, None)
    assert entry.actor_label == "schreiber" and entry.purpose == "Fallarbeit"


def test_rows_without_a_person_cannot_be_redacted():
    row = audit_write(actor=None, action=AuditEntry.Action.IMPORT, object_type="x", summary="Import 3")
    _refused(lambda: AuditEntry.objects.filter(pk=row.pk).update(summary=REDACTED, before=None, after=None))


def test_the_guard_is_a_migration_on_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditentry'::regclass AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditentry'"
            )
        names = {row[0] for row in cursor.fetchall()}
    assert {"core_auditentry_no_update", "core_auditentry_no_delete"} <= names
