"""Group work in the exchange format: group_events.csv, group_sessions.csv, group_bookings.csv and
group_attendance.csv (optional files; a directory without them imports as before).

Keys are the source's, never database ids: an event by its ``code`` (an event made in the web has
none and is exported as ``GE-<id>``, which names the same event when the file comes back), a
session by event, date and start, a booking by event and participation (``person_id`` ×
``programme``), an attendance by session and booking.

The import runs after events.csv has been written (bookings name participations) and calls the
group-work services for every change (``groupwork.services``): the same rules as the web and the
API — who organises and who books (the importing user's rights), the capacity and the waiting
list, attendance only for booked places and for sessions that have taken place. Whatever a service
refuses is a problem of its row; with any problem the whole import is rolled back.

Bookings are replayed so that the capacity rule decides as it did at the source: booked rows
first, then cancelled ones (booked now, cancelled at the end), then the waiting list in the order
of ``waiting_position``; attendance is recorded before the cancellations. Afterwards every
booking's status must be the one of its row (a row ``booked`` beyond the capacity ends up on the
waiting list: a problem). Timestamps given in the file (``booked_at``, ``cancelled_at``,
``recorded_at``) are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from stufenweg.groupwork import services as group_services
from stufenweg.groupwork.models import Attendance, Booking, GroupEvent, GroupSession
from stufenweg.interchange import schemas as s
from stufenweg.interchange import services
from stufenweg.interchange.extension_rows import ExtensionImport
from stufenweg.interchange.masterdata import Context
from stufenweg.interchange.validation import ParsedRow
from stufenweg.interchange.writer import fmt
from stufenweg.organisations.models import Organisation, Region
from stufenweg.programmes.models import Programme

WEB_CODE = re.compile(r"^GE-([0-9]{1,18})$")
BOOKED, WAITING, CANCELLED = Booking.Status.BOOKED, Booking.Status.WAITING, Booking.Status.CANCELLED


def event_code(event: GroupEvent) -> str:
    """The event's key in the files: its ``code``, or ``GE-<id>`` for an event made in the web."""
    return event.code or f"GE-{event.pk}"


def find_event(code: str) -> GroupEvent | None:
    event = GroupEvent.objects.filter(code=code).first()
    if event is None and (match := WEB_CODE.match(code)):
        event = GroupEvent.objects.filter(pk=int(match.group(1)), code="").first()
    return event


def _hhmm(value: dt.time) -> str:
    return f"{value:%H:%M}"


# --- import ---------------------------------------------------------------------------------------


class GroupImport(ExtensionImport):
    """The four files of one import (parsed rows by file name)."""

    schemas = s.GROUP_SCHEMAS

    def __init__(self, ctx: Context, rows: dict[str, list[ParsedRow]]):
        super().__init__(ctx, rows)
        self.events: dict[str, GroupEvent] = {}
        self.sessions: dict[tuple, GroupSession] = {}
        self.bookings: dict[tuple, tuple[ParsedRow, Booking]] = {}
        self.cancel_events: list[tuple[ParsedRow, GroupEvent]] = []

    def any(self) -> bool:
        return any(self.rows.values())

    def run(self) -> None:
        if not self.any():
            return
        self.import_events()
        self.import_sessions()
        self.import_bookings()
        self.import_attendance()
        self.finish()

    # group_events.csv

    def import_events(self) -> None:
        schema = s.GROUP_EVENTS
        rows = self.rows[schema.name]
        regions = services.regions_ensure(
            codes={r.values["region"] for r in rows if r.values.get("region")}, by=self.ctx.by
        )
        organisations = dict(Organisation.objects.values_list("code", "id"))
        for row in rows:
            v = row.values
            code = v["code"]
            ok = True
            organiser_id = organisations.get(v["organiser"])
            if organiser_id is None:
                if not self.ctx.is_broken(s.ORGANISATIONS.name, v["organiser"]):
                    self._problem(
                        schema,
                        row,
                        "organiser",
                        _("Die Organisation „%(code)s“ ist nicht bekannt.") % {"code": v["organiser"]},
                    )
                ok = False
            programme_ids = []
            for programme in v["programmes"]:
                if programme not in self.programmes:
                    self._problem(
                        schema,
                        row,
                        "programmes",
                        _("Das Programm „%(code)s“ ist nicht bekannt.") % {"code": programme},
                    )
                    ok = False
                else:
                    programme_ids.append(self.programmes[programme])
            if not ok:
                self.ctx.broken[schema.name].add(code)
                continue
            fields = {
                "kind": v["kind"],
                "title": v["title"],
                "place": v["place"],
                "capacity": v["capacity"],
                "description": v.get("description") or "",
                "region": Region(pk=regions[v["region"]]) if v.get("region") else None,
                "programmes": list(Programme.objects.filter(pk__in=programme_ids)),
            }
            try:
                event = find_event(code)
                if event is None:
                    event = group_services.group_event_create(
                        code=code,
                        organiser=Organisation.objects.get(pk=organiser_id),
                        by=self.ctx.by,
                        **fields,
                    )
                    self._count(schema, "created")
                else:
                    self._update_event(schema, row, event, organiser_id, fields)
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, {"organiser_id": "organiser", "region_id": "region"})
                self.ctx.broken[schema.name].add(code)
                continue
            self.events[code] = event
            wanted = v.get("status") or GroupEvent.Status.ACTIVE
            if wanted == GroupEvent.Status.CANCELLED and event.status == GroupEvent.Status.ACTIVE:
                self.cancel_events.append((row, event))
            elif wanted == GroupEvent.Status.ACTIVE and event.status == GroupEvent.Status.CANCELLED:
                self._problem(
                    schema,
                    row,
                    "status",
                    _("Das Gruppenangebot ist abgesagt; eine Absage kann nicht zurückgenommen werden."),
                )

    def _update_event(self, schema, row, event: GroupEvent, organiser_id: int, fields: dict) -> None:
        if event.organiser_id != organiser_id:
            self._problem(
                schema,
                row,
                "organiser",
                _("Die veranstaltende Stelle eines Gruppenangebots kann nicht geändert werden."),
            )
            self.ctx.broken[schema.name].add(row.values["code"])
            return
        region_id = fields["region"].pk if fields["region"] is not None else event.region_id
        current = set(event.programmes.values_list("pk", flat=True))
        programmes = current | {p.pk for p in fields["programmes"]}
        same = (
            event.kind == fields["kind"]
            and event.title == fields["title"]
            and event.place == fields["place"]
            and event.capacity == fields["capacity"]
            and event.description == fields["description"]
            and event.region_id == region_id
            and programmes == current
        )
        if same:
            self._count(schema, "unchanged")
            return
        # the programmes an import names are added; those of other programmes stay (an export names
        # only the exported programme)
        group_services.group_event_edit(
            event=event,
            kind=fields["kind"],
            title=fields["title"],
            place=fields["place"],
            capacity=fields["capacity"],
            description=fields["description"],
            region=Region.objects.filter(pk=region_id).first(),
            programmes=list(Programme.objects.filter(pk__in=programmes)),
            by=self.ctx.by,
        )
        event.refresh_from_db()
        self._count(schema, "updated")

    def _event(self, schema: s.FileSchema, row: ParsedRow) -> GroupEvent | None:
        code = row.values["event"]
        event = self.events.get(code)
        if event is None:
            event = find_event(code)
            if event is None:
                if not self.ctx.is_broken(s.GROUP_EVENTS.name, code):
                    self._problem(
                        schema,
                        row,
                        "event",
                        _("Das Gruppenangebot „%(code)s“ ist nicht bekannt.") % {"code": code},
                    )
                return None
            self.events[code] = event
        return event

    # group_sessions.csv

    def import_sessions(self) -> None:
        schema = s.GROUP_SESSIONS
        for row in self.rows[schema.name]:
            v = row.values
            event = self._event(schema, row)
            if event is None:
                continue
            key = (v["event"], v["date"], v["starts_at"])
            session = GroupSession.objects.filter(
                event=event, date=v["date"], starts_at=v["starts_at"]
            ).first()
            if session is not None:
                if session.ends_at != v["ends_at"]:
                    self._problem(
                        schema,
                        row,
                        "ends_at",
                        _("Den Termin gibt es schon mit dem Ende %(end)s; ein Termin wird nicht geändert.")
                        % {"end": _hhmm(session.ends_at)},
                    )
                    continue
                self._count(schema, "unchanged")
            else:
                try:
                    session = group_services.group_session_add(
                        event=event,
                        on=v["date"],
                        starts_at=v["starts_at"],
                        ends_at=v["ends_at"],
                        by=self.ctx.by,
                    )
                except (ValidationError, PermissionDenied) as exc:
                    self._refused(schema, row, exc)
                    continue
                self._count(schema, "created")
            self.sessions[key] = session

    # group_bookings.csv

    def import_bookings(self) -> None:
        schema = s.GROUP_BOOKINGS
        rows = self.rows[schema.name]
        order = {BOOKED: 0, CANCELLED: 1, WAITING: 2}
        rows = sorted(
            rows, key=lambda r: (order[r.values["status"]], r.values.get("waiting_position") or 0, r.line)
        )
        self.to_cancel: list[tuple[ParsedRow, Booking]] = []
        for row in rows:
            v = row.values
            event = self._event(schema, row)
            participation = self._participation(schema, row)
            if event is None or participation is None:
                continue
            key = (v["event"], v["person_id"], v["programme"])
            booking = Booking.objects.filter(event=event, participation=participation).first()
            try:
                if booking is None or (booking.status == CANCELLED and v["status"] != CANCELLED):
                    booking = group_services.booking_create(
                        event=event, participation=participation, by=self.ctx.by
                    )
                    self._count(schema, "created")
                    if v["status"] == CANCELLED:
                        self.to_cancel.append((row, booking))
                elif booking.status != CANCELLED and v["status"] == CANCELLED:
                    self.to_cancel.append((row, booking))
                    self._count(schema, "updated")
                else:
                    self._count(schema, "unchanged")
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, {"participation": "person_id"})
                continue
            self.bookings[key] = (row, booking)

    # group_attendance.csv

    def import_attendance(self) -> None:
        schema = s.GROUP_ATTENDANCE
        self.recorded: list[tuple[dict, Any]] = []
        for row in self.rows[schema.name]:
            v = row.values
            session = self.sessions.get((v["event"], v["date"], v["starts_at"]))
            if session is None:
                event = self._event(schema, row)
                if event is None:
                    continue
                session = GroupSession.objects.filter(
                    event=event, date=v["date"], starts_at=v["starts_at"]
                ).first()
                if session is None:
                    self._problem(
                        schema,
                        row,
                        "date",
                        _("Das Gruppenangebot hat keinen Termin am %(date)s um %(time)s.")
                        % {"date": v["date"].isoformat(), "time": _hhmm(v["starts_at"])},
                    )
                    continue
            entry = self.bookings.get((v["event"], v["person_id"], v["programme"]))
            booking = entry[1] if entry else None
            if booking is None:
                participation = self._participation(schema, row)
                if participation is None:
                    continue
                booking = Booking.objects.filter(event=session.event, participation=participation).first()
            if booking is None:
                self._problem(
                    schema,
                    row,
                    "person_id",
                    _("Die Person „%(person)s“ ist für dieses Gruppenangebot nicht gebucht.")
                    % {"person": v["person_id"]},
                )
                continue
            existing = Attendance.objects.filter(session=session, booking=booking).first()
            try:
                group_services.attendance_record(
                    session=session, statuses={booking.pk: v["status"]}, by=self.ctx.by
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc)
                continue
            if existing is None:
                self._count(schema, "created")
            else:
                self._count(schema, "unchanged" if existing.status == v["status"] else "updated")
            if v.get("recorded_at"):
                Attendance.objects.filter(session=session, booking=booking).update(
                    recorded_at=v["recorded_at"]
                )

    # cancellations, timestamps and the check of every booking's status

    def finish(self) -> None:
        bookings = s.GROUP_BOOKINGS
        for row, booking in self.to_cancel:
            try:
                group_services.booking_cancel(booking=booking, by=self.ctx.by)
            except (ValidationError, PermissionDenied) as exc:
                self._refused(bookings, row, exc)
        for row, event in self.cancel_events:
            try:
                group_services.group_event_cancel(
                    event=event, reason=row.values.get("cancel_reason") or "", by=self.ctx.by
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(s.GROUP_EVENTS, row, exc, {"reason": "cancel_reason"})
        for row, booking in self.bookings.values():
            v = row.values
            booking.refresh_from_db()
            if booking.status != v["status"]:
                self._problem(bookings, row, "status", _status_message(booking, v["status"]))
                continue
            if v["status"] == WAITING and v.get("waiting_position") not in (None, booking.waiting_position):
                self._problem(
                    bookings,
                    row,
                    "waiting_position",
                    _("Die Buchung steht auf Platz %(position)s der Warteliste.")
                    % {"position": booking.waiting_position},
                )
                continue
            changes = {}
            if v.get("booked_at"):
                changes["booked_at"] = v["booked_at"]
            if v.get("cancelled_at") and booking.status == CANCELLED:
                changes["cancelled_at"] = v["cancelled_at"]
            if changes:
                Booking.objects.filter(pk=booking.pk).update(**changes)


def _status_message(booking: Booking, wanted: str) -> str:
    if wanted == BOOKED and booking.status == WAITING:
        return _("Das Gruppenangebot hat nur %(capacity)s Plätze; diese Buchung käme auf die Warteliste.") % {
            "capacity": booking.event.capacity
        }
    if wanted == WAITING and booking.status == BOOKED:
        return _(
            "Es ist ein Platz frei; diese Buchung stünde nicht auf der Warteliste, sondern wäre gebucht."
        )
    return _("Die Buchung hätte nach der Übernahme den Stand „%(status)s“.") % {
        "status": booking.get_status_display()
    }


# --- export ---------------------------------------------------------------------------------------


def programme_events(programme: Programme) -> QuerySet[GroupEvent]:
    return GroupEvent.objects.filter(programmes=programme).select_related("organiser", "region")


def _codes(programme: Programme) -> dict[int, str]:
    return {e.pk: event_code(e) for e in GroupEvent.objects.filter(programmes=programme).only("pk", "code")}


def group_event_rows(programme: Programme) -> Iterator[list[str]]:
    """One row per event of ``programme``; ``programmes`` names the exported programme only."""
    events = sorted(programme_events(programme), key=event_code)
    for e in events:
        yield [
            event_code(e),
            e.kind,
            e.title,
            e.organiser.code,
            programme.code,
            e.region.code if e.region_id else "",
            e.place,
            fmt(e.capacity),
            e.description,
            e.status,
            e.cancel_reason,
        ]


def group_session_rows(programme: Programme) -> Iterator[list[str]]:
    codes = _codes(programme)
    rows = [
        [codes[event_id], fmt(on), _hhmm(starts), _hhmm(ends)]
        for event_id, on, starts, ends in GroupSession.objects.filter(event_id__in=list(codes)).values_list(
            "event_id", "date", "starts_at", "ends_at"
        )
    ]
    yield from sorted(rows)


def group_booking_rows(programme: Programme) -> Iterator[list[str]]:
    codes = _codes(programme)
    rows = [
        [codes[event_id], person_id, programme.code, status, fmt(position), fmt(booked_at), fmt(cancelled_at)]
        for event_id, person_id, status, position, booked_at, cancelled_at in Booking.objects.filter(
            event_id__in=list(codes), participation__programme=programme
        ).values_list(
            "event_id",
            "participation__person__person_id",
            "status",
            "waiting_position",
            "booked_at",
            "cancelled_at",
        )
    ]
    yield from sorted(rows, key=lambda r: (r[0], r[1]))


def group_attendance_rows(programme: Programme) -> Iterator[list[str]]:
    codes = _codes(programme)
    rows = [
        [codes[event_id], fmt(on), _hhmm(starts), person_id, programme.code, status, fmt(recorded_at)]
        for event_id, on, starts, person_id, status, recorded_at in Attendance.objects.filter(
            session__event_id__in=list(codes), booking__participation__programme=programme
        ).values_list(
            "session__event_id",
            "session__date",
            "session__starts_at",
            "booking__participation__person__person_id",
            "status",
            "recorded_at",
        )
    ]
    yield from sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3]))


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [
        (s.GROUP_EVENTS, lambda: group_event_rows(programme)),
        (s.GROUP_SESSIONS, lambda: group_session_rows(programme)),
        (s.GROUP_BOOKINGS, lambda: group_booking_rows(programme)),
        (s.GROUP_ATTENDANCE, lambda: group_attendance_rows(programme)),
    ]
