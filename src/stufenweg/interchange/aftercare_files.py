"""After-placement support in the exchange format: after_placement_support.csv — an optional file;
a directory without it imports as before.

A support is named by its placement (``placement``: the ``event_id`` of an ``employment_start`` in
events.csv, one support per placement) and belongs to a mentorship, named as in mentoring_log.csv
(participation, mentoring project, mentor, ``mentorship_start``); it runs from ``started_on`` for
``months`` months until ``until`` (empty: ``months`` after the start).

Written after mentoring (its mentorships come first) through
``mentoring.import_services.aftercare_import`` (the importer's authority, the web's rules on the
data); whatever it refuses is a problem of its row, and with any problem nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.mentoring_files import MentoringImport
from stufenweg.interchange.writer import fmt
from stufenweg.journeys.models import JourneyEvent
from stufenweg.mentoring import import_services as services
from stufenweg.mentoring.models import AfterPlacementSupport
from stufenweg.programmes.models import Programme


class AftercareImport(MentoringImport):
    schemas = (s.AFTERCARE,)
    repeatable = ()

    def run(self) -> None:
        schema = s.AFTERCARE
        for row in self.rows[schema.name]:
            v = row.values
            mentorship = self._mentorship(schema, row)
            if mentorship is None:
                continue
            placement = JourneyEvent.objects.filter(event_id=v["placement"]).first()
            if placement is None:
                line = self.ctx.broken_rows[s.EVENTS.name].get(v["placement"])
                if line is not None:
                    self._problem(
                        schema,
                        row,
                        "placement",
                        _(
                            "Das Ereignis „%(id)s“ in events.csv, Zeile %(line)s, hat einen Fehler; bitte zuerst jene Zeile berichtigen."
                        )
                        % {"id": v["placement"], "line": line},
                    )
                elif not self.ctx.is_broken(s.EVENTS.name, v["placement"]):
                    self._problem(
                        schema,
                        row,
                        "placement",
                        _("Das Ereignis „%(id)s“ gibt es weder in events.csv noch in Stufenweg.")
                        % {"id": v["placement"]},
                    )
                continue
            try:
                _support, what = services.aftercare_import(
                    mentorship=mentorship,
                    placement=placement,
                    started_on=v["started_on"],
                    months=v["months"],
                    until=v.get("until"),
                    by=self.ctx.by,
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, {"participation": "person_id"}, "placement")
                continue
            self._count(schema, what)


# --- export ---------------------------------------------------------------------------------------


def support_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = AfterPlacementSupport.objects.filter(participation__programme=programme).values_list(
        "participation__person__person_id",
        "mentorship__organisation__code",
        "mentorship__mentor__username",
        "mentorship__started_on",
        "placement__event_id",
        "started_on",
        "months",
        "until",
    )
    rows = [
        [person, programme.code, org, mentor, fmt(start), event, fmt(since), str(months), fmt(until)]
        for person, org, mentor, start, event, since, months, until in queryset
    ]
    yield from sorted(rows)


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [(s.AFTERCARE, lambda: support_rows(programme))]
