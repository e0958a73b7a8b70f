"""Master-data writes of the import: regions, organisations, programmes and stages, measures,
persons, households and their benefit months, targets.

Each function takes rows that the importer has parsed and resolved (model field values, codes
turned into primary keys), validates and writes them through ``upsert._upsert`` (every row with
the model's ``full_clean``, then in bulk, with one audit row per created or changed object,
action ``import``) after the checks of its own file (the constraints, here, so that no row costs a
query). An identical existing row is left alone; an existing key with different values is updated
(master data is "the current list"; the journey log is the history). A function that finds any
problem writes nothing and returns the problems as ``RowError`` (row reference, model field,
message). ``import_run_audit`` writes the one audit row of a whole run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.casework.services import search_index_update
from stufenweg.core.models import AuditEntry
from stufenweg.core.tablewrite import fast_insert, reserve_ids
from stufenweg.interchange.upsert import BATCH, Row, RowError, WriteResult, _actor, _upsert, _write_audit
from stufenweg.organisations.models import Organisation, Region, User
from stufenweg.people.models import Household, HouseholdMonth, Person
from stufenweg.programmes.models import Measure, Programme, Stage, Target
from stufenweg.programmes.reason_codes import seed_defaults


@transaction.atomic
def regions_ensure(*, codes: Iterable[str], by: User | None) -> dict[str, int]:
    """Region pks by code; a code not known yet becomes a region named like its code."""
    wanted = {c for c in codes if c}
    found = dict(Region.objects.filter(code__in=wanted).values_list("code", "id")) if wanted else {}
    missing = sorted(wanted - set(found))
    if missing:
        new = Region.objects.bulk_create([Region(code=c, name=c) for c in missing], batch_size=BATCH)
        _write_audit(
            by=by,
            items=[(r, None, {"code": r.code, "name": r.name}, None) for r in new],
            summary=_("Import: Region angelegt"),
        )
        found.update({r.code: r.pk for r in new})
    return found


def _check_regional_office(obj: Organisation) -> None:
    if obj.kind == Organisation.Kind.REGIONAL_OFFICE and obj.region_id is None:
        raise ValidationError({"region": _("Für ein Regionalbüro ist die Region Pflicht.")})


@transaction.atomic
def organisations_import(*, rows: list[Row], by: User | None) -> WriteResult:
    """Rows keyed by code with values ``code, name, kind, region_id``."""
    existing = {o.code: o for o in Organisation.objects.filter(code__in=[r.key for r in rows])}
    return _upsert(
        model=Organisation,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=["region"],
        summary=_("Import: Organisation"),
        check=_check_regional_office,
    )


@transaction.atomic
def programmes_import(*, rows: list[Row], by: User | None) -> WriteResult:
    """Rows keyed by programme code with values ``code, name``."""
    existing = {p.code: p for p in Programme.objects.filter(code__in=[r.key for r in rows])}
    result = _upsert(
        model=Programme,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=[],
        summary=_("Import: Förderprogramm"),
    )
    # a new programme starts with the default lists of reasons (``programmes.reason_codes``)
    new = [r.key for r in rows if r.key not in existing]
    if new:
        seed_defaults(Programme.objects.filter(code__in=new).values_list("pk", flat=True))
    return result


def _check_stage(obj: Stage) -> None:
    if obj.min_age is not None and obj.max_age is not None and obj.min_age > obj.max_age:
        raise ValidationError({"max_age": _("Das Höchstalter liegt unter dem Mindestalter.")})


@transaction.atomic
def stages_import(*, rows: list[Row], by: User | None) -> WriteResult:
    """Rows keyed by (programme pk, stage code) with values of ``Stage``'s fields."""
    programme_ids = {r.key[0] for r in rows}
    existing = {(s.programme_id, s.code): s for s in Stage.objects.filter(programme_id__in=programme_ids)}
    taken: dict[tuple[int, int], str] = {}
    errors: list[RowError] = []
    incoming = {r.key for r in rows}
    for key, stage in existing.items():
        if key not in incoming:
            taken[(stage.programme_id, stage.position)] = stage.code
    for row in rows:
        slot = (row.key[0], row.values["position"])
        if slot in taken:
            errors.append(
                RowError(
                    row.ref,
                    "position",
                    _(
                        "Die Position %(position)s ist in diesem Programm schon an die Stufe %(stage)s vergeben."
                    )
                    % {"position": slot[1], "stage": taken[slot]},
                )
            )
        taken[slot] = row.key[1]
    if errors:
        return WriteResult(errors=errors)
    return _upsert(
        model=Stage,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=["programme"],
        summary=_("Import: Stufe"),
        check=_check_stage,
    )


def _check_measure(obj: Measure) -> None:
    if obj.end is not None and obj.start is not None and obj.end < obj.start:
        raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})


@transaction.atomic
def measures_import(*, rows: list[Row], stage_ids: dict[Any, list[int]], by: User | None) -> WriteResult:
    """Rows keyed by code with ``Measure`` field values; ``stage_ids`` maps key -> stage pks."""
    existing = {m.code: m for m in Measure.objects.filter(code__in=[r.key for r in rows])}
    current: dict[int, set[int]] = {}
    for measure_id, stage_id in Measure.stages.through.objects.filter(
        measure_id__in=[m.pk for m in existing.values()]
    ).values_list("measure_id", "stage_id"):
        current.setdefault(measure_id, set()).add(stage_id)
    # A changed stage list alone is a change: compare it first, then upsert the fields.
    changed_stages = {
        r.key
        for r in rows
        if r.key in existing and current.get(existing[r.key].pk, set()) != set(stage_ids[r.key])
    }
    result = _upsert(
        model=Measure,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=["programme", "provider", "region", "stages"],
        summary=_("Import: Maßnahme"),
        check=_check_measure,
    )
    if result.errors:
        return result
    through = Measure.stages.through
    new_keys = {k for k, obj in result.objects.items() if k not in existing}
    relink = new_keys | changed_stages
    if relink:
        through.objects.filter(measure_id__in=[result.objects[k].pk for k in changed_stages]).delete()
        through.objects.bulk_create(
            [
                through(measure_id=result.objects[k].pk, stage_id=stage_id)
                for k in sorted(relink)
                for stage_id in sorted(set(stage_ids[k]))
            ],
            batch_size=BATCH,
        )
    # A measure whose fields are identical but whose stage list changed is an update too.
    stage_only = sorted(changed_stages & result.unchanged_keys)
    if stage_only:
        _write_audit(
            by=by,
            items=[
                (
                    result.objects[k],
                    {"stages": sorted(current.get(result.objects[k].pk, set()))},
                    {"stages": sorted(set(stage_ids[k]))},
                    None,
                )
                for k in stage_only
            ],
            summary=_("Import: Stufen der Maßnahme"),
        )
        result.unchanged -= len(stage_only)
        result.updated += len(stage_only)
    return result


@transaction.atomic
def households_ensure(*, household_ids: Iterable[str], by: User | None) -> dict[str, int]:
    """Household pks by source key; unknown keys are created."""
    wanted = {h for h in household_ids if h}
    found = dict(Household.objects.filter(household_id__in=wanted).values_list("household_id", "id"))
    missing = sorted(wanted - set(found))
    if missing:
        new = [Household(household_id=h) for h in missing]
        for household, pk in zip(new, reserve_ids(Household, len(new)), strict=True):
            household.pk = pk
        fast_insert(Household, new)
        _write_audit(
            by=by,
            items=[(h, None, {"household_id": h.household_id}, None) for h in new],
            summary=_("Import: Bedarfsgemeinschaft angelegt"),
        )
        found.update({h.household_id: h.pk for h in new})
    return found


@transaction.atomic
def persons_import(*, rows: list[Row], by: User | None) -> WriteResult:
    """Rows keyed by person_id with ``Person`` field values (``household_id`` as pk)."""
    existing: dict[str, Person] = {}
    keys = [r.key for r in rows]
    for start in range(0, len(keys), BATCH):
        for person in Person.objects.filter(person_id__in=keys[start : start + BATCH]):
            existing[person.person_id] = person
    result = _upsert(
        model=Person,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=["household"],
        summary=_("Import: Person"),
        person_of=lambda p: p,
    )
    if not result.errors:  # keep the participant search in step with new and changed names
        search_index_update(
            persons=[p for key, p in result.objects.items() if key not in result.unchanged_keys]
        )
    return result


@transaction.atomic
def household_months_import(*, rows: list[Row], by: User | None) -> WriteResult:
    """Rows keyed by (household pk, month) with ``members, llu, kdu``."""
    existing = {
        (m.household_id, m.month): m
        for m in HouseholdMonth.objects.filter(household_id__in={r.key[0] for r in rows})
    }
    return _upsert(
        model=HouseholdMonth,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=["household"],
        summary=_("Import: Leistungsmonat"),
    )


def _check_target(obj: Target) -> None:
    if obj.period_from and obj.period_to and obj.period_to < obj.period_from:
        raise ValidationError({"period_to": _("Das Ende des Zeitraums liegt vor seinem Beginn.")})


@transaction.atomic
def targets_import(*, rows: list[Row], by: User | None) -> WriteResult:
    """Rows keyed by (programme, indicator, from, to, region, stage) pks with ``Target`` values."""
    existing = {
        (t.programme_id, t.indicator, t.period_from, t.period_to, t.region_id, t.stage_id): t
        for t in Target.objects.filter(programme_id__in={r.key[0] for r in rows})
    }
    return _upsert(
        model=Target,
        rows=rows,
        existing=existing,
        by=by,
        clean_exclude=["programme", "region", "stage"],
        summary=_("Import: Zielwert"),
        check=_check_target,
    )


def import_run_audit(*, by: User | None, summary: str, counts: dict[str, int]) -> AuditEntry:
    """The one audit row that sums up an import run."""
    actor, label = _actor(by)
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=label,
        action=AuditEntry.Action.IMPORT,
        object_type="interchange.import",
        summary=summary[:255],
        after=counts,
    )


__all__ = [
    "households_ensure",
    "household_months_import",
    "import_run_audit",
    "measures_import",
    "organisations_import",
    "persons_import",
    "programmes_import",
    "regions_ensure",
    "stages_import",
    "targets_import",
]
