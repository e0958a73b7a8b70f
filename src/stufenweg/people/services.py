"""Writes of persons (ARCHITECTURE.md habit 1): validate, save and audit in one transaction."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import User
from stufenweg.people import documents
from stufenweg.people.models import Document, DocumentKind, Household, Person
from stufenweg.people.selectors import households_writable_by, persons_writable_by

# Fields that may be given when a person is created (exchange-format columns of persons.csv,
# ``household_id`` handled separately).
PERSON_FIELDS = (
    "person_id",
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "nationality",
    "foreign_background",
    "disability",
    "minority",
    "homeless",
    "rural",
    "isced",
    "vocational_qualification",
    "single_parent",
    "returner",
    "long_term_benefit",
    "refugee",
    "household_role",
    "postcode",
)


def household_to_join(*, household_id: str, by: User | None) -> Household:
    """The household ``household_id`` that a person created or changed by ``by`` joins.

    A new code creates the household (as the exchange format does on first use). An existing
    household may be joined only by someone whose writing organisations already see it
    (``households_writable_by``: a member's participation in their scope); the coordination office
    and the system (``by=None``: command line, demo) may name any. Otherwise ``ValidationError`` on
    ``household_id``; its message is the same for every refused code and names no member. A code
    another request has just created counts as existing (refused until one of its members is in
    the user's scope).
    """
    household, created = Household.objects.get_or_create(household_id=household_id)
    if created or by is None or households_writable_by(by).filter(pk=household.pk).exists():
        return household
    raise ValidationError(
        {
            "household_id": [
                _(
                    "Dieser Bedarfsgemeinschaft können Sie keine Person zuordnen: Das geht nur mit "
                    "einer neuen BG-Nummer oder bei einer Bedarfsgemeinschaft, von der Sie bereits ein "
                    "Mitglied in Ihrem Zuständigkeitsbereich haben. Wenden Sie sich sonst an die "
                    "Koordinierungsstelle."
                )
            ]
        }
    )


@transaction.atomic
def person_create(*, by: User | None, household_id: str = "", **fields) -> Person:
    """Create a person; ``household_id`` (the source key of the Bedarfsgemeinschaft) is created
    on first use, an existing one joined only as ``household_to_join`` allows. Raises
    ``ValidationError`` (nothing written) when a value is invalid."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    person = Person(**fields)
    if household_id:
        person.household = household_to_join(household_id=household_id, by=by)
    person.full_clean()
    _validate_birth_date(person)
    person.save(force_insert=True)
    from stufenweg.casework.services import search_index_update

    search_index_update(persons=[person])  # found by the search, sorted by name in the list
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=person,
        person=person,
        summary=f"Person {person.pk} angelegt",
        after=snapshot(person),
    )
    return person


# --- correcting a person's details -----------------------------------------------------------------

# What the person page's form records and corrects: the characteristics the ESF+ indicators read
# (persons.csv columns) and the contact data (encrypted, not in the exchange format). The person
# id and the household are not changed here.
CONTACT_FIELDS = ("phone", "email", "street", "town")
NOT_EDITED_HERE = ("person_id", "household_role")  # the key; the household has its own path
PERSON_EDITABLE = (*(f for f in PERSON_FIELDS if f not in NOT_EDITED_HERE), *CONTACT_FIELDS)
NATIONALITY_WORDS = ("stateless", "unknown")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/\-]{3,40}$")
POSTCODE_PATTERN = re.compile(r"^[0-9A-Za-z \-]{3,10}$")


def require_person_writer(*, person: Person, by: User | None) -> None:
    """Refuse (``PermissionDenied``, German) unless ``by`` may change ``person``: a writing
    membership (``caseworker``, ``org_admin``) in an organisation that sees one of the person's
    participations (``persons_writable_by``: the coordination office every person; a regional
    office, provider, mentoring project or Jobcenter the persons of the participations it sees).
    ``by=None`` (command line, demo) is not checked."""
    if by is None:
        return
    if not persons_writable_by(by).filter(pk=person.pk).exists():
        raise PermissionDenied(
            _(
                "Sie können die Angaben dieser Person nicht ändern: Dafür brauchen Sie eine "
                "bearbeitende Rolle in einer Organisation, die eine Teilnahme der Person betreut."
            )
        )


def normalise_nationality(value: str) -> str:
    value = (value or "").strip()
    if value.lower() in NATIONALITY_WORDS:
        return value.lower()
    return value.upper()


def _validate_birth_date(person: Person) -> None:
    """A birth date in the future is a typing error (the age would be negative)."""
    if person.birth_date and person.birth_date > timezone.localdate():
        raise ValidationError({"birth_date": [_("Das Geburtsdatum liegt in der Zukunft.")]})


def _validate_details(person: Person) -> None:
    errors: dict[str, list[str]] = {}
    try:
        _validate_birth_date(person)
    except ValidationError as error:
        errors.update(error.message_dict)
    if person.nationality and not (
        person.nationality in NATIONALITY_WORDS or re.fullmatch(r"[A-Z]{2}", person.nationality)
    ):
        errors["nationality"] = [
            _("Bitte einen Ländercode mit zwei Buchstaben (z. B. DE), „stateless“ oder „unknown“ angeben.")
        ]
    if person.phone and not PHONE_PATTERN.fullmatch(person.phone):
        errors["phone"] = [
            _("Bitte eine Telefonnummer aus Ziffern angeben (erlaubt: + ( ) / - und Leerzeichen).")
        ]
    if person.email:
        try:
            validate_email(person.email)
        except ValidationError:
            errors["email"] = [_("Bitte eine gültige E-Mail-Adresse angeben (z. B. name@example.org).")]
    if person.postcode and not POSTCODE_PATTERN.fullmatch(person.postcode):
        errors["postcode"] = [_("Bitte eine Postleitzahl aus Ziffern angeben (z. B. 02625).")]
    for name in ("street", "town"):
        if len(getattr(person, name)) > 200:
            errors[name] = [_("Bitte höchstens 200 Zeichen angeben.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_update(*, person: Person, by: User | None, **changes) -> list[str]:
    """Record or correct ``person``'s characteristics and contact data (``PERSON_EDITABLE``).

    Checks the writer (``require_person_writer``), validates (``ValidationError`` per field,
    nothing written) and saves only the fields whose value changed. The audit row names the
    changed fields, never their values (contact data and Art. 9 characteristics stay out of the
    trail). Returns the names of the changed fields (empty: nothing to save, nothing audited)."""
    unknown = set(changes) - set(PERSON_EDITABLE)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    require_person_writer(person=person, by=by)
    current = Person.objects.select_for_update().get(pk=person.pk)
    if "nationality" in changes:
        changes["nationality"] = normalise_nationality(changes["nationality"])
    for name in ("first_name", "last_name", "postcode", *CONTACT_FIELDS):
        if name in changes and isinstance(changes[name], str):
            changes[name] = changes[name].strip()
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(current, name, changes[name])
    current.full_clean(exclude=["household", "person_id"])
    _validate_details(current)
    current.save(update_fields=changed)
    for name in changed:  # the caller's object shows the new values too
        setattr(person, name, getattr(current, name))
    if {"first_name", "last_name"} & set(changed):
        from stufenweg.casework.services import search_index_update

        search_index_update(persons=[current])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        person=current,
        summary=f"Angaben der Person {current.pk} geändert: {', '.join(sorted(changed))}",
        after={"changed": sorted(changed)},
    )
    return changed


# --- documents ---------------------------------------------------------------------------------------


@transaction.atomic
def document_add(
    *, person: Person, kind: str, name: str, data: bytes, by: User | None, title: str = ""
) -> Document:
    """Attach a file to ``person``: writer checked as for the person's details, type (by content)
    and size checked (``people.documents.check_upload``), the content stored encrypted under a
    random name; audited without the file name. ``ValidationError`` (nothing written, no file left)
    on a bad kind, type or size."""
    require_person_writer(person=person, by=by)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("Bitte wählen Sie die Art des Dokuments aus.")]})
    if len(title) > 200:
        raise ValidationError({"title": [_("Bitte höchstens 200 Zeichen angeben.")]})
    file_type, filename = documents.check_upload(name=name, data=data)
    document = Document(
        person=person,
        kind=kind,
        title=title.strip(),
        original_name=filename,
        content_type=file_type.content_type,
        size=len(data),
        storage_name=documents.new_storage_name(),
        uploaded_by=by,
    )
    document.full_clean()
    document.save(force_insert=True)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=document,
        person=person,
        summary=(
            f"Dokument {document.pk} ({kind}, {file_type.label}, {len(data)} Byte) "
            f"zu Person {person.pk} hinzugefügt"
        ),
    )
    # the file last, so that a failure before leaves nothing on disk; if writing fails the
    # transaction rolls back and a partly written file is removed
    try:
        documents.write_encrypted(document.storage_name, data)
    except BaseException:
        documents.remove_file(document.storage_name)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document, by: User | None) -> None:
    """Delete ``document`` (row and stored file) as a writer of its person; audited."""
    require_person_writer(person=document.person, by=by)
    storage_name = document.storage_name
    pk, person = document.pk, document.person
    kind = document.kind
    document.delete()
    transaction.on_commit(lambda: documents.remove_file(storage_name))
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,  # the audit trail has no delete action; the summary says it
        object_type="people.document",
        object_id=str(pk),
        person=person,
        summary=f"Dokument {pk} ({kind}) von Person {person.pk} gelöscht",
    )
