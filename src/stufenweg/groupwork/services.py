"""Writes of group work (ARCHITECTURE.md habit 1): keyword-only, atomic, authority checked here,
an audit row with every change. ``by=None`` is the system (demo loader, command line)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.groupwork.authority import may_organise, require_organiser
from stufenweg.groupwork.models import Attendance, Booking, GroupEvent, GroupSession, Notice
from stufenweg.groupwork.selectors import BOOKABLE_STATES, may_book_for
from stufenweg.journeys.models import Participation
from stufenweg.organisations.models import Organisation, Region, User
from stufenweg.programmes.models import Programme

EVENT_FIELDS = [
    "kind",
    "code",
    "title",
    "description",
    "organiser_id",
    "region_id",
    "place",
    "capacity",
    "status",
]
ACTIVE = GroupEvent.Status.ACTIVE
BOOKED, WAITING, CANCELLED = Booking.Status.BOOKED, Booking.Status.WAITING, Booking.Status.CANCELLED


def _event_snapshot(event: GroupEvent) -> dict:
    data = snapshot(event, EVENT_FIELDS)
    data["programmes"] = sorted(event.programmes.values_list("pk", flat=True))
    return data


def _require_active(event: GroupEvent) -> None:
    if event.status != ACTIVE:
        raise ValidationError(
            _("Das Gruppenangebot ist abgesagt; es kann nicht mehr geändert oder gebucht werden.")
        )


@transaction.atomic
def group_event_create(
    *,
    kind: str,
    title: str,
    organiser: Organisation,
    programmes: Iterable[Programme],
    place: str,
    capacity: int,
    region: Region | None = None,
    description: str = "",
    sessions: Iterable[tuple[dt.date, dt.time, dt.time]] = (),
    code: str = "",
    by: User | None,
) -> GroupEvent:
    """A new event of ``organiser`` (with its first ``sessions``, if given); ``code`` is the
    source's key when it comes from the exchange format or the API."""
    require_organiser(
        by, organiser.pk, message=_("Sie dürfen für diese Stelle keine Gruppenangebote anlegen.")
    )
    programmes = list(programmes)
    if not programmes:
        raise ValidationError({"programmes": _("Bitte mindestens ein Programm wählen.")})
    if code and GroupEvent.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Diese Kennung hat schon ein anderes Gruppenangebot.")})
    event = GroupEvent(
        kind=kind,
        code=code,
        title=title,
        description=description,
        organiser=organiser,
        region=region if region is not None else organiser.region,
        place=place,
        capacity=capacity,
        created_by=by,
    )
    event.full_clean()
    event.save()
    event.programmes.set(programmes)
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=event,
        summary="Gruppenangebot angelegt",
        after=_event_snapshot(event),
    )
    for on, starts, ends in sessions:
        group_session_add(event=event, on=on, starts_at=starts, ends_at=ends, by=by)
    return event


@transaction.atomic
def group_event_edit(
    *,
    event: GroupEvent,
    kind: str,
    title: str,
    programmes: Iterable[Programme],
    place: str,
    capacity: int,
    region: Region | None,
    description: str = "",
    by: User | None,
) -> GroupEvent:
    """Change an event. A larger capacity moves waiting bookings up; a smaller one below the
    places already booked is refused (cancel bookings first)."""
    event = GroupEvent.objects.select_for_update().get(pk=event.pk)
    require_organiser(by, event)
    _require_active(event)
    programmes = list(programmes)
    if not programmes:
        raise ValidationError({"programmes": _("Bitte mindestens ein Programm wählen.")})
    booked = event.bookings.filter(status=BOOKED).count()
    if capacity is not None and capacity < booked:
        raise ValidationError(
            {
                "capacity": _(
                    "Es sind schon %(booked)s Plätze gebucht; die Platzzahl kann nicht kleiner werden. "
                    "Bitte zuerst Buchungen stornieren."
                )
                % {"booked": booked}
            }
        )
    before = _event_snapshot(event)
    old_place = event.place
    event.kind, event.title, event.description = kind, title, description
    event.place, event.capacity, event.region = place, capacity, region
    event.full_clean()
    event.save()
    event.programmes.set(programmes)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=event,
        summary="Gruppenangebot geändert",
        before=before,
        after=_event_snapshot(event),
    )
    _move_up(event, by=by)
    if event.place != old_place:
        change = _("Neuer Ort: %(place)s.") % {"place": event.place}
        _notify_booked(event, _changed_text(event, change), by=by)
    return event


@transaction.atomic
def group_session_add(
    *, event: GroupEvent, on: dt.date, starts_at: dt.time, ends_at: dt.time, by: User | None
) -> GroupSession:
    """A further session of ``event``; the caseworkers of booked or waiting participants get a
    notice (none while nobody is booked, e.g. when the event is being set up)."""
    require_organiser(by, event)
    _require_active(event)
    _check_session_times(event, on, starts_at, ends_at)
    session = GroupSession(event=event, date=on, starts_at=starts_at, ends_at=ends_at)
    session.full_clean()
    session.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=session,
        summary="Termin angelegt",
        after=_session_snapshot(session),
    )
    change = _("Neuer Termin: %(when)s.") % {"when": _when(session)}
    _notify_booked(event, _changed_text(event, change), by=by)
    return session


def _session_snapshot(session: GroupSession) -> dict:
    return {
        **snapshot(session, ["event_id", "date"]),
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
    }


def _when(session: GroupSession) -> str:
    return f"{session.date:%d.%m.%Y}, {session.starts_at:%H:%M}–{session.ends_at:%H:%M}"


def _check_session_times(
    event: GroupEvent, on: dt.date, starts_at: dt.time, ends_at: dt.time, *, exclude: int | None = None
) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Das Ende muss nach dem Beginn liegen.")})
    clash = GroupSession.objects.filter(event=event, date=on, starts_at=starts_at).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"date": _("Zu dieser Zeit gibt es schon einen Termin dieses Angebots.")})


@transaction.atomic
def group_session_edit(
    *, session: GroupSession, on: dt.date, starts_at: dt.time, ends_at: dt.time, by: User | None
) -> GroupSession:
    """Move ``session`` (date, start, end). A session with recorded attendance keeps its date
    (the attendance belongs to the day it was held); its times may still be corrected. The
    caseworkers of booked or waiting participants get a notice."""
    event = GroupEvent.objects.select_for_update().get(pk=session.event_id)
    session = GroupSession.objects.get(pk=session.pk)
    require_organiser(by, event)
    _require_active(event)
    if on != session.date and session.attendances.exists():
        raise ValidationError(
            {
                "date": _(
                    "Für diesen Termin ist schon Anwesenheit erfasst; das Datum kann nicht mehr "
                    "geändert werden."
                )
            }
        )
    _check_session_times(event, on, starts_at, ends_at, exclude=session.pk)
    before = _session_snapshot(session)
    was = _when(session)
    session.date, session.starts_at, session.ends_at = on, starts_at, ends_at
    session.full_clean()
    session.save()
    after = _session_snapshot(session)
    if after == before:
        return session
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=session,
        summary="Termin geändert",
        before=before,
        after=after,
    )
    change = _("Termin %(was)s verlegt auf %(now)s.") % {"was": was, "now": _when(session)}
    _notify_booked(event, _changed_text(event, change), by=by)
    return session


@transaction.atomic
def group_session_remove(*, session: GroupSession, by: User | None) -> None:
    """Remove ``session``; refused once attendance is recorded for it. The caseworkers of booked
    or waiting participants get a notice."""
    event = GroupEvent.objects.select_for_update().get(pk=session.event_id)
    session = GroupSession.objects.get(pk=session.pk)
    require_organiser(by, event)
    _require_active(event)
    if session.attendances.exists():
        raise ValidationError(
            _("Für diesen Termin ist schon Anwesenheit erfasst; er kann nicht entfernt werden.")
        )
    before, was = _session_snapshot(session), _when(session)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,  # the audit trail has no delete action; the summary says it
        obj=session,
        summary=f"Termin {session.pk} entfernt",
        before=before,
    )
    session.delete()
    change = _("Der Termin %(was)s entfällt.") % {"was": was}
    _notify_booked(event, _changed_text(event, change), by=by)


def _changed_text(event: GroupEvent, change: str) -> str:
    return _("Das Gruppenangebot „%(title)s“ wurde geändert: %(change)s") % {
        "title": event.title,
        "change": change,
    }


def _notify_booked(event: GroupEvent, text, *, by: User | None) -> list[Notice]:
    """One notice per caseworker of a booked or waiting participant and per user who booked one;
    ``text`` is a string or a function of the number of that recipient's bookings. A recipient
    holds one notice per event: a newer one replaces its text and shows again until read. No
    personal data in the text (the event's title, dates, place and reason only)."""
    recipients: dict[int, int] = {}
    for caseworker_id, booked_by_id in event.bookings.filter(status__in=[BOOKED, WAITING]).values_list(
        "participation__caseworker_id", "booked_by_id"
    ):
        for user_id in {caseworker_id, booked_by_id} - {None}:
            recipients[user_id] = recipients.get(user_id, 0) + 1
    notices = []
    now = timezone.now()
    for user_id, count in sorted(recipients.items()):
        body = (text(count) if callable(text) else text)[:400]
        notice, created = Notice.objects.update_or_create(
            recipient_id=user_id,
            event=event,
            defaults={"text": body, "created_at": now, "dismissed_at": None},
        )
        audit_write(
            actor=by,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            obj=notice,
            summary="Hinweis auf Absage" if event.status != ACTIVE else "Hinweis auf Änderung",
        )
        notices.append(notice)
    return notices


def _next_waiting_position(event: GroupEvent) -> int:
    top = event.bookings.filter(status=WAITING).aggregate(m=Max("waiting_position"))["m"]
    return (top or 0) + 1


@transaction.atomic
def booking_create(*, event: GroupEvent, participation: Participation, by: User | None) -> Booking:
    """Book ``participation`` on ``event``: a place while there is one, else the waiting list."""
    event = GroupEvent.objects.select_for_update().get(pk=event.pk)  # one booking at a time per event
    if by is not None and not may_book_for(by, participation):
        raise PermissionDenied(_("Sie dürfen für diese Teilnahme nicht buchen."))
    _require_active(event)
    if not event.programmes.filter(pk=participation.programme_id).exists():
        raise ValidationError(
            {"participation": _("Die Teilnahme gehört zu keinem Programm dieses Gruppenangebots.")}
        )
    if participation.state not in BOOKABLE_STATES:
        raise ValidationError(
            {"participation": _("Die Teilnahme ist beendet; sie kann nicht gebucht werden.")}
        )
    existing = Booking.objects.filter(event=event, participation=participation).first()
    if existing is not None and existing.status != CANCELLED:
        raise ValidationError(
            {"participation": _("Diese Person ist für das Angebot schon gebucht oder wartet.")}
        )
    free = event.bookings.filter(status=BOOKED).count() < event.capacity
    booking = existing or Booking(event=event, participation=participation)
    before = snapshot(booking) if existing else None
    booking.status = BOOKED if free else WAITING
    booking.waiting_position = None if free else _next_waiting_position(event)
    booking.booked_by, booking.booked_at, booking.cancelled_at = by, timezone.now(), None
    booking.full_clean(validate_unique=existing is None)
    booking.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if existing else AuditEntry.Action.CREATE,
        obj=booking,
        person=participation.person,
        summary="Gruppenangebot gebucht" if free else "Auf die Warteliste des Gruppenangebots gesetzt",
        before=before,
        after=snapshot(booking),
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User | None) -> Booking:
    """Cancel a booking (a place or a waiting-list entry); a freed place goes to the first
    booking on the waiting list, and the positions behind close up."""
    event = GroupEvent.objects.select_for_update().get(pk=booking.event_id)
    booking = Booking.objects.select_related("participation__person").get(pk=booking.pk)
    if by is not None and not (
        may_organise(by, event.organiser_id) or may_book_for(by, booking.participation)
    ):
        raise PermissionDenied(_("Sie dürfen diese Buchung nicht stornieren."))
    if booking.status == CANCELLED:
        raise ValidationError(_("Die Buchung ist schon storniert."))
    before = snapshot(booking)
    booking.status, booking.waiting_position, booking.cancelled_at = CANCELLED, None, timezone.now()
    booking.save(update_fields=["status", "waiting_position", "cancelled_at"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=booking,
        person=booking.participation.person,
        summary="Buchung des Gruppenangebots storniert",
        before=before,
        after=snapshot(booking),
    )
    _move_up(event, by=by)
    return booking


def _move_up(event: GroupEvent, *, by: User | None) -> list[Booking]:
    """Fill free places from the waiting list in order and renumber the rest from 1."""
    moved = []
    free = event.capacity - event.bookings.filter(status=BOOKED).count()
    waiting = list(
        event.bookings.filter(status=WAITING)
        .select_related("participation__person")
        .order_by("waiting_position", "pk")
    )
    for index, booking in enumerate(waiting):
        before = snapshot(booking)
        if index < free:
            booking.status, booking.waiting_position = BOOKED, None
            summary = "Von der Warteliste nachgerückt"
            moved.append(booking)
        else:
            position = index - max(free, 0) + 1
            if booking.waiting_position == position:
                continue
            booking.waiting_position = position
            summary = "Platz auf der Warteliste geändert"
        booking.save(update_fields=["status", "waiting_position"])
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE,
            obj=booking,
            person=booking.participation.person,
            summary=summary,
            before=before,
            after=snapshot(booking),
        )
    return moved


@transaction.atomic
def attendance_record(
    *, session: GroupSession, statuses: dict[int, str], by: User | None
) -> list[Attendance]:
    """Record the attendance at ``session``: ``statuses`` maps booking ids (booked places of the
    session's event) to attended / excused / absent. A session in the future is refused."""
    event = session.event
    require_organiser(by, event)
    _require_active(event)
    if session.date > timezone.localdate():
        raise ValidationError(
            _("Der Termin liegt in der Zukunft; die Anwesenheit kann noch nicht erfasst werden.")
        )
    valid = set(Attendance.Status.values)
    bookings = {
        b.pk: b
        for b in Booking.objects.filter(event=event, status=BOOKED, pk__in=list(statuses)).select_related(
            "participation__person"
        )
    }
    unknown = sorted(set(statuses) - set(bookings))
    if unknown:
        raise ValidationError(_("Eine der Buchungen gehört nicht (mehr) zu diesem Angebot."))
    written = []
    existing = {a.booking_id: a for a in session.attendances.filter(booking_id__in=list(bookings))}
    for pk, status in statuses.items():
        if status not in valid:
            raise ValidationError(_("Unbekannter Anwesenheitsstand."))
        booking = bookings[pk]
        row = existing.get(pk)
        if row is not None and row.status == status:
            continue
        before = snapshot(row) if row is not None else None
        if row is None:
            row = Attendance(session=session, booking=booking)
        row.status, row.recorded_by, row.recorded_at = status, by, timezone.now()
        row.full_clean(validate_unique=False)
        row.save()
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=row,
            person=booking.participation.person,
            summary=f"Anwesenheit im Gruppenangebot erfasst ({status})",
            before=before,
            after=snapshot(row),
        )
        written.append(row)
    return written


@transaction.atomic
def group_event_cancel(*, event: GroupEvent, reason: str, by: User | None) -> list[Notice]:
    """Cancel ``event``; each caseworker of a booked or waiting participant (and whoever booked
    them) gets one notice. The bookings stay as they were, for the record."""
    event = GroupEvent.objects.select_for_update().get(pk=event.pk)
    require_organiser(by, event)
    _require_active(event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte einen Grund für die Absage angeben.")})
    before = _event_snapshot(event)
    event.status, event.cancel_reason = GroupEvent.Status.CANCELLED, reason[:300]
    event.save(update_fields=["status", "cancel_reason"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=event,
        summary="Gruppenangebot abgesagt",
        before=before,
        after=_event_snapshot(event),
    )
    first = event.sessions.order_by("date", "starts_at").first()

    def text(count: int) -> str:
        return _(
            "Das Gruppenangebot „%(title)s“%(when)s wurde abgesagt (%(reason)s). "
            "Betroffen: %(count)s Ihrer Buchungen."
        ) % {
            "title": event.title,
            "when": f" ({first.date:%d.%m.%Y})" if first else "",
            "reason": event.cancel_reason,
            "count": count,
        }

    return _notify_booked(event, text, by=by)


@transaction.atomic
def notice_dismiss(*, notice: Notice, by: User) -> Notice:
    if notice.recipient_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Dieser Hinweis ist nicht an Sie gerichtet."))
    if notice.dismissed_at is None:
        notice.dismissed_at = timezone.now()
        notice.save(update_fields=["dismissed_at"])
    return notice
