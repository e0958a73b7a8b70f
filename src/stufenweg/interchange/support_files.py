"""Support services in the exchange format: services.csv (referrals to support services),
barriers.csv (structured barriers), support_phases.csv (phase changes of the support plan, with
the programme's name of each phase) and profile_ratings.csv (profile categories, the integration
prognosis) — optional files; a directory without them imports as before.

Every row names its participation by ``person_id`` × ``programme``; the keys are the source's
(a referral: participation, kind and planned day — the same kind planned twice on one day is two
referrals, so a key of services.csv may repeat: each row is one referral, paired with one
Stufenweg has by its dates; a barrier: participation, kind and day of the assessment; a phase
change: participation, day and phase position; a profile category: participation, day and
category). The import runs after events.csv and writes through
``support.services`` — the same checks as the web (the importing user's casework rights, dates
not in the future, a referral's statuses in their order, a phase of the programme named as the
programme names it — also one set out of use since, as history —, no phase change before the
current one); whatever they refuse is a problem of its row, and with any problem nothing is
written. An existing row with the same key and the
same content is left alone; a referral that has reached further statuses in the file is moved
on. A programme that has no phases yet takes the names ``support_phases.csv`` gives
(``services.phases_take_over``), so that another system's phases arrive as they were named there.
Encrypted notes are not exchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange.extension_rows import ExtensionImport, refusal_messages
from stufenweg.interchange.validation import ParsedRow
from stufenweg.interchange.writer import fmt
from stufenweg.programmes.models import Programme
from stufenweg.support import services
from stufenweg.support.codes import DATE_FIELD, ReferralStatus
from stufenweg.support.models import Barrier, PhaseChange, ProfileRating, ServiceReferral

R = ReferralStatus
# the statuses after „planned“ in the order a referral reaches them, each with its date column
STEPS = (
    (R.REFERRED, "referred_on"),
    (R.STARTED, "started_on"),
    (R.ENDED, "ended_on"),
    (R.DECLINED, "declined_on"),
)
DATE_COLUMNS = tuple(DATE_FIELD[status] for status in (R.PLANNED, *(s for s, _c in STEPS)))


def _same(row: ParsedRow, referral: ServiceReferral) -> bool:
    return all(row.values.get(column) == getattr(referral, column) for _s, column in STEPS)


def _reached_so_far(row: ParsedRow, referral: ServiceReferral) -> bool:
    """Every date Stufenweg has for ``referral`` is the row's (the row may have further ones)."""
    return all(getattr(referral, column) in (None, row.values.get(column)) for _s, column in STEPS)


def _paired(
    rows: list[ParsedRow], existing: list[ServiceReferral]
) -> list[tuple[ParsedRow, ServiceReferral | None]]:
    """Each row of one key with one of the ``existing`` referrals of that key (oldest first) or
    None (a new one): first the referral with the row's provider and dates, then one with the
    row's dates, then one the row moves on; a row left over takes the next referral left (whose
    other date is then a problem of the row), the rest are new."""
    left = list(existing)
    pairs: dict[int, ServiceReferral] = {}
    tests = (
        lambda row, r: _same(row, r) and (row.values.get("provider") or "") == r.provider,
        _same,
        _reached_so_far,
    )
    for fits in tests:
        for row in rows:
            if row.line in pairs:
                continue
            match = next((r for r in left if fits(row, r)), None)
            if match is not None:
                pairs[row.line] = match
                left.remove(match)
    return [(row, pairs.get(row.line) or (left.pop(0) if left else None)) for row in rows]


class SupportImport(ExtensionImport):
    schemas = s.SUPPORT_SCHEMAS
    # the same kind planned on the same day twice is two referrals (the web records them)
    repeatable = (s.SERVICES,)

    def _refused(self, schema, row, exc: Exception, column: str) -> None:
        """Here a message of a field the file has no column for also goes to ``column``."""
        for field, message in refusal_messages(exc):
            self._problem(schema, row, field if field in schema.names else column, message)

    def run(self) -> None:
        if not any(self.rows.values()):
            return
        self.import_referrals()
        self.import_barriers()
        self.import_phases()
        self.import_profiles()

    def import_referrals(self) -> None:
        """The rows by key, in the order the keys first occur in the file; the rows of one key (the
        same kind planned on the same day more than once) are as many referrals, in the file's
        order, each paired with one Stufenweg has (``_paired``)."""
        schema = s.SERVICES
        groups: dict[tuple, list[ParsedRow]] = {}
        for row in self.rows[schema.name]:
            groups.setdefault(tuple(row.values.get(name) for name in schema.key), []).append(row)
        for rows in groups.values():
            participation = self._participation(schema, rows[0])
            if participation is None:
                for row in rows[1:]:
                    self._participation(schema, row)  # the same problem for each row
                continue
            v = rows[0].values
            existing = ServiceReferral.objects.filter(
                participation=participation, kind=v["kind"], planned_on=v["planned_on"]
            ).order_by("id")
            for row, referral in _paired(rows, list(existing)):
                self._referral(schema, row, participation, referral)

    def _referral(self, schema, row: ParsedRow, participation, referral: ServiceReferral | None) -> None:
        """Plan the referral of ``row`` (``referral`` None) or move ``referral`` on to its dates."""
        v, by = row.values, self.ctx.by
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
            return
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

    def _take_over_phases(self, schema, rows: list[ParsedRow]) -> set[int]:
        """Programmes without phases take the names the rows give per position (as the first row
        naming it spells it); a position named otherwise in a later row is a problem of that row.
        Returns the lines reported."""
        named: dict[str, dict[int, tuple[str, ParsedRow]]] = {}
        reported: set[int] = set()
        for row in rows:
            v = row.values
            name = (v.get("phase_name") or "").strip()
            if not name or v["programme"] not in self.programmes:
                continue
            first = named.setdefault(v["programme"], {}).setdefault(v["phase"], (name, row))
            if not services.same_phase_name(first[0], name):
                self._problem(
                    schema,
                    row,
                    "phase_name",
                    _(
                        "Die Phase %(position)s heißt in Zeile %(line)s „%(name)s“; jede Phase hat in allen Zeilen denselben Namen."
                    )
                    % {"position": v["phase"], "line": first[1].line, "name": first[0]},
                )
                reported.add(row.line)
        for code, names in named.items():
            programme = Programme.objects.get(pk=self.programmes[code])
            try:
                services.phases_take_over(
                    programme=programme, names={p: n for p, (n, _r) in names.items()}, by=self.ctx.by
                )
            except (ValidationError, PermissionDenied) as exc:
                row = min((r for _n, r in names.values()), key=lambda r: r.line)
                self._refused(schema, row, exc, "phase_name")
                reported.add(row.line)
        return reported

    def import_phases(self) -> None:
        schema = s.SUPPORT_PHASES
        rows = sorted(
            self.rows[schema.name],
            key=lambda r: (r.values["person_id"], r.values["programme"], r.values["on"], r.line),
        )
        reported = self._take_over_phases(schema, self.rows[schema.name])  # in the file's order
        for row in rows:
            if row.line in reported:
                continue
            v = row.values
            participation = self._participation(schema, row)
            if participation is None:
                continue
            name = v.get("phase_name") or ""
            phase = next(
                (p for p in services.phases_ensure(participation.programme) if p.position == v["phase"]), None
            )
            try:
                if phase is not None:
                    services.check_phase_name(phase, name)
                    if PhaseChange.objects.filter(
                        participation=participation, phase=phase, on=v["on"]
                    ).exists():
                        self._count(schema, "unchanged")
                        continue
                services.phase_change(
                    participation=participation,
                    position=v["phase"],
                    on=v["on"],
                    phase_name=name,
                    by=self.ctx.by,
                    history=True,  # a phase set out of use since keeps its earlier changes
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, "on")
                continue
            self._count(schema, "created")

    def import_profiles(self) -> None:
        """Profile categories in the file's order (of two on one day, the later counts)."""
        schema = s.PROFILE_RATINGS
        for row in self.rows[schema.name]:
            v = row.values
            participation = self._participation(schema, row)
            if participation is None:
                continue
            if ProfileRating.objects.filter(
                participation=participation, category=v["category"], assessed_on=v["assessed_on"]
            ).exists():
                self._count(schema, "unchanged")
                continue
            try:
                services.profile_record(
                    participation=participation, category=v["category"], on=v["assessed_on"], by=self.ctx.by
                )
            except (ValidationError, PermissionDenied) as exc:
                self._refused(schema, row, exc, "assessed_on")
                continue
            self._count(schema, "created")


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
    """One row per barrier and day: of two assessments on one day the later (the one that counts)."""
    later = Barrier.objects.filter(
        participation=OuterRef("participation"),
        kind=OuterRef("kind"),
        assessed_on=OuterRef("assessed_on"),
        id__gt=OuterRef("id"),
    )
    queryset = (
        Barrier.objects.filter(participation__programme=programme)
        .exclude(Exists(later))
        .order_by("participation__person__person_id", "kind", "assessed_on", "id")
        .values_list("participation__person__person_id", "kind", "present", "assessed_on")
    )
    for person_id, kind, present, on in queryset:
        yield [person_id, programme.code, kind, fmt(present), fmt(on)]


def phase_rows(programme: Programme) -> Iterator[list[str]]:
    """One row per phase entered on a day (a phase entered twice on one day: once, in the order of
    the later entry), with the programme's name of the phase (also of one no longer in use)."""
    queryset = (
        PhaseChange.objects.filter(participation__programme=programme)
        .values("participation__person__person_id", "on", "phase__position", "phase__name")
        .annotate(last=Max("id"))
        .order_by("participation__person__person_id", "on", "last")
        .values_list("participation__person__person_id", "on", "phase__position", "phase__name")
    )
    for person_id, on, position, name in queryset:
        yield [person_id, programme.code, fmt(on), fmt(position), name]


def profile_rows(programme: Programme) -> Iterator[list[str]]:
    """One row per category assessed on a day, in the order of the assessments (the last of a day
    is the one that counts, and is imported last)."""
    queryset = (
        ProfileRating.objects.filter(participation__programme=programme)
        .values("participation__person__person_id", "assessed_on", "category")
        .annotate(last=Max("id"))
        .order_by("participation__person__person_id", "assessed_on", "last")
        .values_list("participation__person__person_id", "category", "assessed_on")
    )
    for person_id, category, on in queryset:
        yield [person_id, programme.code, category, fmt(on)]


def file_rows(programme: Programme) -> list[tuple[s.FileSchema, Callable[[], Iterable[list[str]]]]]:
    return [
        (s.SERVICES, lambda: referral_rows(programme)),
        (s.BARRIERS, lambda: barrier_rows(programme)),
        (s.SUPPORT_PHASES, lambda: phase_rows(programme)),
        (s.PROFILE_RATINGS, lambda: profile_rows(programme)),
    ]
