"""Support services in the exchange format: services.csv (referrals to support services),
barriers.csv (structured barriers) and support_phases.csv (phase changes of the support plan) —
optional files; a directory without them imports as before.

Every row names its participation by ``person_id`` × ``programme``; the keys are the source's
(a referral: participation, kind and planned day; a barrier: participation, kind and day of the
assessment; a phase change: participation, day and phase position). The import runs after
events.csv and writes through ``support.services`` — the same checks as the web (the importing
user's casework rights, dates not in the future, a referral's statuses in their order, a phase of
the programme, no phase change before the current one); whatever they refuse is a problem of its
row, and with any problem nothing is written. An existing row with the same key and the same
content is left alone; a referral that has reached further statuses in the file is moved on.
Encrypted notes are not exchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.groupwork_files import participation_of_row
from stufenweg.interchange.masterdata import Context, unique_rows
from stufenweg.interchange.validation import ParsedRow
from stufenweg.interchange.writer import fmt
from stufenweg.journeys.models import Participation
from stufenweg.programmes.models import Programme
from stufenweg.support import services
from stufenweg.support.codes import DATE_FIELD, ReferralStatus
from stufenweg.support.models import Barrier, PhaseChange, ServiceReferral

R = ReferralStatus
# the statuses after „planned“ in the order a referral reaches them, each with its date column
STEPS = (
    (R.REFERRED, "referred_on"),
    (R.STARTED, "started_on"),
    (R.ENDED, "ended_on"),
    (R.DECLINED, "declined_on"),
)
DATE_COLUMNS = tuple(DATE_FIELD[status] for status in (R.PLANNED, *(s for s, _c in STEPS)))


def _messages(exc: Exception) -> list[tuple[str | None, str]]:
    if isinstance(exc, PermissionDenied):
        return [(None, str(exc) or _("Dazu fehlt Ihnen die Berechtigung."))]
    assert isinstance(exc, ValidationError)
    if hasattr(exc, "error_dict"):
        return [(f, m) for f, messages in exc.message_dict.items() for m in messages]
    return [(None, m) for m in exc.messages]


class SupportImport:
    def __init__(self, ctx: Context, rows: dict[str, list[ParsedRow]]):
        self.ctx = ctx
        self.rows = {
            schema.name: unique_rows(ctx, schema, rows.get(schema.name, [])) for schema in s.SUPPORT_SCHEMAS
        }
        self.programmes = dict(Programme.objects.values_list("code", "id"))

    def _problem(self, schema, row, column: str, message: str) -> None:
        self.ctx.problem(schema, row, column if column in schema.names else "person_id", message)

    def _refused(self, schema, row, exc: Exception, column: str) -> None:
        for field, message in _messages(exc):
            name = field if field in schema.names else column
            self._problem(schema, row, name, message)

    def _count(self, schema, what: str) -> None:
        entry = self.ctx.counts.setdefault(schema.name, {"created": 0, "updated": 0, "unchanged": 0})
        entry[what] += 1

    def _participation(self, schema, row) -> Participation | None:
        return participation_of_row(self, schema, row)

    def run(self) -> None:
        if not any(self.rows.values()):
            return
        self.import_referrals()
        self.import_barriers()
        self.import_phases()

    def import_referrals(self) -> None:
        schema = s.SERVICES
        by = self.ctx.by
        for row in self.rows[schema.name]:
            v = row.values
            participation = self._participation(schema, row)
            if participation is None:
                continue
            referral = ServiceReferral.objects.filter(
                participation=participation, kind=v["kind"], planned_on=v["planned_on"]
            ).first()
            created = referral is None
            try:
                if created:
                    referral = services.service_referral_plan(
                        participation=participation,
                        kind=v["kind"],
                        on=v["planned_on"],
                        provider=v.get("provider") or "",
                        by=by,
                    )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, "planned_on")
                continue
            moved = False
            for status, column in STEPS:
                wanted, have = v.get(column), getattr(referral, column)
                if wanted == have:
                    continue
                if have is not None:
                    self._problem(
                        schema,
                        row,
                        column,
                        _(
                            "Die Vermittlung hat in Stufenweg ein anderes Datum (%(date)s); eine Korrektur geht über die Fallakte."
                        )
                        % {"date": have.isoformat()},
                    )
                    break
                if wanted is None:
                    continue
                try:
                    referral = services.service_referral_advance(
                        referral=referral, status=status, on=wanted, by=by
                    )
                except (ValidationError, PermissionDenied) as exc:
                    self._refused(schema, row, exc, column)
                    break
                moved = True
            self._count(schema, "created" if created else "updated" if moved else "unchanged")

    def import_barriers(self) -> None:
        schema = s.BARRIERS
        for row in self.rows[schema.name]:
            v = row.values
            participation = self._participation(schema, row)
            if participation is None:
                continue
            existing = Barrier.objects.filter(
                participation=participation, kind=v["kind"], assessed_on=v["assessed_on"]
            ).first()
            if existing is not None:
                if existing.present != v["present"]:
                    self._problem(
                        schema,
                        row,
                        "present",
                        _("Für diesen Tag ist das Hemmnis in Stufenweg anders festgestellt."),
                    )
                else:
                    self._count(schema, "unchanged")
                continue
            try:
                services.barrier_record(
                    participation=participation,
                    kind=v["kind"],
                    present=v["present"],
                    on=v["assessed_on"],
                    by=self.ctx.by,
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, "assessed_on")
                continue
            self._count(schema, "created")

    def import_phases(self) -> None:
        schema = s.SUPPORT_PHASES
        rows = sorted(
            self.rows[schema.name],
            key=lambda r: (r.values["person_id"], r.values["programme"], r.values["on"], r.line),
        )
        for row in rows:
            v = row.values
            participation = self._participation(schema, row)
            if participation is None:
                continue
            phases = {p.position: p for p in services.phases_ensure(participation.programme)}
            phase = phases.get(v["phase"])
            if phase is not None and v.get("phase_name") and v["phase_name"] != phase.name:
                self._problem(
                    schema,
                    row,
                    "phase_name",
                    _("Die Phase %(position)s des Programms heißt „%(name)s“.")
                    % {"position": v["phase"], "name": phase.name},
                )
                continue
            if PhaseChange.objects.filter(
                participation=participation, phase__position=v["phase"], on=v["on"]
            ).exists():
                self._count(schema, "unchanged")
                continue
            try:
                services.phase_change(
                    participation=participation, position=v["phase"], on=v["on"], by=self.ctx.by
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, "on")
                continue
            self._count(schema, "created")


def take_rows(rows: dict[str, list[ParsedRow]]) -> dict[str, list[ParsedRow]]:
    return {schema.name: rows.pop(schema.name, []) for schema in s.SUPPORT_SCHEMAS}


def import_support_files(ctx: Context, rows: dict[str, list[ParsedRow]]) -> None:
    SupportImport(ctx, rows).run()


# --- export ---------------------------------------------------------------------------------------


def referral_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = (
        ServiceReferral.objects.filter(participation__programme=programme)
        .order_by("participation__person__person_id", "kind", "planned_on", "id")
        .values_list("participation__person__person_id", "kind", "provider", *DATE_COLUMNS)
    )
    for person_id, kind, provider, *dates in queryset:
        yield [person_id, programme.code, kind, provider, *(fmt(d) for d in dates)]


def barrier_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = (
        Barrier.objects.filter(participation__programme=programme)
        .order_by("participation__person__person_id", "kind", "assessed_on", "id")
        .values_list("participation__person__person_id", "kind", "present", "assessed_on")
    )
    for person_id, kind, present, on in queryset:
        yield [person_id, programme.code, kind, fmt(present), fmt(on)]


def phase_rows(programme: Programme) -> Iterator[list[str]]:
    queryset = (
        PhaseChange.objects.filter(participation__programme=programme)
        .order_by("participation__person__person_id", "on", "id")
        .values_list("participation__person__person_id", "on", "phase__position", "phase__name")
    )
    for person_id, on, position, name in queryset:
        yield [person_id, programme.code, fmt(on), fmt(position), name]


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [
        (s.SERVICES, lambda: referral_rows(programme)),
        (s.BARRIERS, lambda: barrier_rows(programme)),
        (s.SUPPORT_PHASES, lambda: phase_rows(programme)),
    ]
