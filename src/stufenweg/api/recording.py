"""Appending a journey event through the API: resolve the person, check who may write, and call
the one write path (``journeys.recording.journey_event_record``). Nothing here writes by itself.

- The person is named by ``person_id``. A person the user cannot see is treated exactly like one
  that does not exist (404). A person without any participation yet, created by someone of the
  user's own organisation, may be named by an opening event (``referral`` or ``assessment_start``).
- The participation must be visible to the user's memberships with a writing role; one that is
  visible only through a read-only membership gives 403.
- The event kind must be one the user's organisation kind records (``journeys.authority``, checked
  by the service as for the web: a Jobcenter refers, it does not record exits or void a provider's
  entry; a provider records no follow-up): otherwise 403 with a German message. A Jobcenter's
  referral names that Jobcenter as ``referrer`` and keeps the region (400 on the field).
- After the event is recorded, the participation must still be visible to the writer (a
  jobcenter cannot refer someone on behalf of another jobcenter); otherwise the whole write is
  rolled back and the request gets 400.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings

from stufenweg.api.errors import EVENT_FIELD_NAMES, api_validation_error
from stufenweg.api.permissions import write_scope
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.authority import EventNotPermitted
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.recording import EVENT_FIELDS, journey_event_record
from stufenweg.journeys.selectors import participations_visible_to, participations_writable_by
from stufenweg.journeys.spec import OPENING_KINDS
from stufenweg.organisations.models import Organisation
from stufenweg.people.models import Person
from stufenweg.people.selectors import persons_visible_to, persons_writable_by


class _Refused(Exception):
    """Carries a DRF exception out of the transaction so that it is rolled back."""

    def __init__(self, exc: Exception):
        self.exc = exc


def record_event(*, user, data: dict) -> JourneyEvent:
    """Record the validated ``data`` of ``EventCreateSerializer`` as ``user``; return the event."""
    try:
        with transaction.atomic():
            return _record(user, data)
    except _Refused as refused:
        raise refused.exc from None
    except EventNotPermitted as refused:
        raise exceptions.PermissionDenied(refused.message) from None
    except DjangoValidationError as exc:
        raise api_validation_error(exc, EVENT_FIELD_NAMES) from None


def _not_found() -> exceptions.NotFound:
    return exceptions.NotFound({"person_id": [_("Keine Person mit dieser Personen-ID gefunden.")]})


def _record(user, data: dict) -> JourneyEvent:
    programme = data["programme"]
    kind = data["event"]
    person = Person.objects.filter(person_id=data["person_id"]).first()
    if person is None:
        raise _Refused(_not_found())
    participation = Participation.objects.filter(person=person, programme=programme).first()
    if participation is not None:
        if not participations_writable_by(user).filter(pk=participation.pk).exists():
            if participations_visible_to(user).filter(pk=participation.pk).exists():
                raise _Refused(exceptions.PermissionDenied())
            raise _Refused(_not_found())
    elif not persons_writable_by(user).filter(pk=person.pk).exists() and not (
        kind in OPENING_KINDS and _fresh_from_own_organisation(person, user)
    ):
        if persons_visible_to(user).filter(pk=person.pk).exists():
            raise _Refused(exceptions.PermissionDenied())
        raise _Refused(_not_found())

    supersedes = None
    if data.get("supersedes"):
        supersedes = JourneyEvent.objects.filter(
            event_id=data["supersedes"], participation=participation
        ).first()
        if supersedes is None:
            raise _Refused(
                serializers.ValidationError(
                    {"supersedes": [_("Das ersetzte Ereignis gibt es in diesem Verlauf nicht.")]}
                )
            )

    fields = {name: data.get(name) for name in EVENT_FIELDS if name in data}
    for name, value in list(fields.items()):
        if value is None and name not in ("region", "measure", "stage", "referrer", "employer"):
            fields.pop(name)
    if kind == "referral" and fields.get("referrer") is None:
        fields["referrer"] = _default_referrer(user)

    event = journey_event_record(
        person=person,
        programme=programme,
        kind=kind,
        occurred_on=data["date"],
        by=user,
        event_id=data.get("event_id") or None,
        supersedes=supersedes,
        confirm_overbooking=data.get("confirm_overbooking", False),
        confirm_entry_date=data.get("confirm_entry_date", False),
        **fields,
    )
    if not participations_writable_by(user).filter(pk=event.participation_id).exists():
        raise _Refused(
            serializers.ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        _(
                            "Die Teilnahme läge danach außerhalb Ihres Zuständigkeitsbereichs; "
                            "bitte zuweisende Stelle und Region prüfen."
                        )
                    ]
                }
            )
        )
    return event


def _fresh_from_own_organisation(person: Person, user) -> bool:
    """``person`` has no participation yet and was created by someone of the user's own writing
    organisations (so that nobody can pull another organisation's new person into view)."""
    if person.participations.exists():
        return False
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.CREATE,
        object_type="people.person",
        object_id=str(person.pk),
        actor__memberships__organisation_id__in=write_scope(user).organisation_ids,
    ).exists()


def _default_referrer(user) -> Organisation | None:
    """A referral without ``referrer`` by a member of exactly one jobcenter names that jobcenter."""
    ids = write_scope(user).referrer_org_ids
    if len(ids) == 1:
        return Organisation.objects.get(pk=next(iter(ids)))
    return None
