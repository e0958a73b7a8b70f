"""Master-data files of an import: parse, check keys and references, hand to ``services``.

Each ``import_*`` function takes the parsed rows of one file, resolves codes to primary keys
(from the file itself or from the database), reports what cannot be resolved and calls the
service. Problems go to ``ctx.problems``; keys whose row had a problem go to ``ctx.broken`` so
that rows referring to them are skipped quietly (the cause is already reported).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from stufenweg.interchange import schemas as s
from stufenweg.interchange import services
from stufenweg.interchange.problems import Problem
from stufenweg.interchange.upsert import Row, WriteResult
from stufenweg.interchange.validation import ParsedRow
from stufenweg.organisations.models import Organisation
from stufenweg.programmes.models import Programme, Stage


@dataclass
class Context:
    by: Any
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # per file, the keys of rows with a problem (events.csv: event ids, and (person_id, programme)
    # of journeys with a broken row)
    broken: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    # per file, the line of the row whose reported problem broke a key (where a row refers to it
    # by that key and is told which row to correct: events.csv)
    broken_rows: dict[str, dict] = field(default_factory=lambda: defaultdict(dict))
    regions: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, int] = field(default_factory=dict)
    programmes: dict[str, int] = field(default_factory=dict)
    stages: dict[tuple[int, str], int] = field(default_factory=dict)
    households: dict[str, int] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # files missing or with a wrong header
    created_persons: set[int] = field(default_factory=set)  # pks of the persons this import created

    def is_broken(self, file: str, key) -> bool:
        """True if rows referring to ``key`` of ``file`` should be skipped without a new problem."""
        return file in self.unreadable or key in self.broken[file]

    def problem(self, schema: s.FileSchema, row: ParsedRow, column: str, message: str) -> None:
        self.problems.append(Problem(schema.name, row.line, column, row.raw.get(column, ""), message))

    def count(self, name: str, result: WriteResult) -> None:
        entry = self.counts.setdefault(name, {"created": 0, "updated": 0, "unchanged": 0})
        entry["created"] += result.created
        entry["updated"] += result.updated
        entry["unchanged"] += result.unchanged


def unique_rows(ctx: Context, schema: s.FileSchema, rows: list[ParsedRow]) -> list[ParsedRow]:
    """Rows whose key occurs for the first time; later ones are reported as duplicates."""
    first: dict[tuple, int] = {}
    kept = []
    for row in rows:
        key = tuple(row.values.get(name) for name in schema.key)
        if key in first:
            ctx.problem(
                schema,
                row,
                schema.key[0],
                _("Der Schlüssel %(key)s kommt mehrfach vor (zuerst in Zeile %(line)s).")
                % {"key": " / ".join(str(k) for k in key if k is not None), "line": first[key]},
            )
            ctx.broken[schema.name].add(key[0] if len(key) == 1 else key)
            continue
        first[key] = row.line
        kept.append(row)
    return kept


def _write(service, items: list[Row], **kwargs) -> WriteResult:
    """Call ``service``; if some rows are refused, write the others (the import is rejected anyway,
    but later files then see the valid rows and report no follow-on problems)."""
    result = service(rows=items, **kwargs)
    if not result.errors:
        return result
    bad = {e.ref for e in result.errors}
    rest = service(rows=[i for i in items if i.ref not in bad], **kwargs)
    rest.errors = result.errors + rest.errors
    return rest


def _report(ctx: Context, schema: s.FileSchema, result: WriteResult, rows: list[ParsedRow], columns) -> None:
    by_line = {r.line: r for r in rows}
    for error in result.errors:
        row = by_line[error.ref]
        column = columns.get(error.field, error.field) if error.field else schema.key[0]
        if column not in schema.names:
            column = schema.key[0]
        ctx.problem(schema, row, column, error.message)


def _present(row: ParsedRow, mapping: dict[str, str], *, defaults: dict[str, Any] | None = None) -> dict:
    """Model values for the columns present in the file (column -> field by ``mapping``)."""
    values = {}
    for column, name in mapping.items():
        if column in row.values:
            value = row.values[column]
            if value is None and defaults and name in defaults:
                value = defaults[name]
            values[name] = value
    return values


def _unknown(ctx, schema, row, column, what: str) -> None:
    ctx.problem(
        schema,
        row,
        column,
        _("%(what)s „%(code)s“ ist nicht bekannt.") % {"what": what, "code": row.raw.get(column, "")},
    )


# --- organisations ------------------------------------------------------------------------------


def import_organisations(ctx: Context, rows: list[ParsedRow]) -> None:
    schema = s.ORGANISATIONS
    rows = unique_rows(ctx, schema, rows)
    items = []
    for row in rows:
        values = {"code": row.values["code"], "name": row.values["name"], "kind": row.values["kind"]}
        if "region" in row.values:
            values["region_id"] = ctx.regions.get(row.values["region"]) if row.values["region"] else None
        items.append(Row(row.line, row.values["code"], values))
    result = _write(services.organisations_import, items, by=ctx.by)
    _report(ctx, schema, result, rows, {"region_id": "region", "region": "region"})
    ctx.count(schema.name, result)
    _mark_broken(ctx, schema, rows, result, "code")
    ctx.organisations = dict(Organisation.objects.values_list("code", "id"))


# --- programmes and stages -------------------------------------------------------------------------

STAGE_COLUMNS = {
    "stage": "code",
    "stage_name": "name",
    "position": "position",
    "max_months": "max_months",
    "min_age": "min_age",
    "max_age": "max_age",
    "min_unemployed_months": "min_unemployed_months",
    "extendable": "extendable",
}


def import_programmes(ctx: Context, rows: list[ParsedRow]) -> None:
    schema = s.PROGRAMMES
    rows = unique_rows(ctx, schema, rows)
    names: dict[str, tuple[str, int]] = {}
    programme_rows = []
    for row in rows:
        code, name = row.values["programme"], row.values["programme_name"]
        if code in names and names[code][0] != name:
            ctx.problem(
                schema,
                row,
                "programme_name",
                _("Das Programm %(code)s hat in Zeile %(line)s einen anderen Namen.")
                % {"code": code, "line": names[code][1]},
            )
            ctx.broken[schema.name].add(code)
            continue
        if code not in names:
            names[code] = (name, row.line)
            programme_rows.append(Row(row.line, code, {"code": code, "name": name}))
    result = _write(services.programmes_import, programme_rows, by=ctx.by)
    _report(ctx, schema, result, rows, {"code": "programme", "name": "programme_name"})
    ctx.count(schema.name, result)
    ctx.programmes = dict(Programme.objects.values_list("code", "id"))
    stage_rows = []
    for row in rows:
        programme_id = ctx.programmes.get(row.values["programme"])
        if programme_id is None or row.values["programme"] in ctx.broken[schema.name]:
            continue
        values = _present(row, STAGE_COLUMNS, defaults={"extendable": True})
        values["programme_id"] = programme_id
        stage_rows.append(Row(row.line, (programme_id, row.values["stage"]), values))
    result = _write(services.stages_import, stage_rows, by=ctx.by)
    _report(ctx, schema, result, rows, {v: k for k, v in STAGE_COLUMNS.items()})
    ctx.count(schema.name, result)
    load_stages(ctx)


def load_stages(ctx: Context) -> None:
    ctx.stages = {(p, c): i for p, c, i in Stage.objects.values_list("programme_id", "code", "id")}


# --- measures ---------------------------------------------------------------------------------

MEASURE_COLUMNS = {
    "code": "code",
    "name": "name",
    "operation": "operation",
    "places": "places",
    "start": "start",
    "end": "end",
    "rolling_entry": "rolling_entry",
}


def import_measures(ctx: Context, rows: list[ParsedRow]) -> None:
    schema = s.MEASURES
    rows = unique_rows(ctx, schema, rows)
    items = []
    stage_ids: dict[str, list[int]] = {}
    for row in rows:
        ok = True
        programme_id = ctx.programmes.get(row.values["programme"])
        if programme_id is None:
            if not ctx.is_broken(s.PROGRAMMES.name, row.values["programme"]):
                _unknown(ctx, schema, row, "programme", _("Das Programm"))
            ok = False
        provider_id = ctx.organisations.get(row.values["provider"])
        if provider_id is None:
            if not ctx.is_broken(s.ORGANISATIONS.name, row.values["provider"]):
                _unknown(ctx, schema, row, "provider", _("Die Organisation"))
            ok = False
        ids = []
        if programme_id is not None:
            for code in row.values["stages"]:
                stage_id = ctx.stages.get((programme_id, code))
                if stage_id is None:
                    ctx.problems.append(
                        Problem(
                            schema.name,
                            row.line,
                            "stages",
                            row.raw["stages"],
                            _("Die Stufe „%(stage)s“ gibt es im Programm %(programme)s nicht.")
                            % {"stage": code, "programme": row.values["programme"]},
                        )
                    )
                    ok = False
                else:
                    ids.append(stage_id)
        if not ok:
            ctx.broken[schema.name].add(row.values["code"])
            continue
        values = _present(row, MEASURE_COLUMNS, defaults={"operation": "", "rolling_entry": True})
        values.update(
            programme_id=programme_id, provider_id=provider_id, region_id=ctx.regions[row.values["region"]]
        )
        stage_ids[row.values["code"]] = ids
        items.append(Row(row.line, row.values["code"], values))
    result = _write(services.measures_import, items, stage_ids=stage_ids, by=ctx.by)
    _report(ctx, schema, result, rows, {v: k for k, v in MEASURE_COLUMNS.items()})
    ctx.count(schema.name, result)
    _mark_broken(ctx, schema, rows, result, "code")


def _mark_broken(ctx, schema, rows, result: WriteResult, key_column: str) -> None:
    bad = {e.ref for e in result.errors}
    for row in rows:
        if row.line in bad:
            ctx.broken[schema.name].add(row.values[key_column])


# --- persons and households -------------------------------------------------------------------

PERSON_COLUMNS = {
    "person_id": "person_id",
    "first_name": "first_name",
    "last_name": "last_name",
    "birth_date": "birth_date",
    "gender": "gender",
    "nationality": "nationality",
    "foreign_background": "foreign_background",
    "disability": "disability",
    "minority": "minority",
    "homeless": "homeless",
    "rural": "rural",
    "isced": "isced",
    "vocational_qualification": "vocational_qualification",
    "single_parent": "single_parent",
    "postcode": "postcode",
    "returner": "returner",
    "long_term_benefit": "long_term_benefit",
    "refugee": "refugee",
}
PERSON_DEFAULTS = {
    "first_name": "",
    "last_name": "",
    "gender": "x",
    "nationality": "",
    "foreign_background": "",
    "disability": "",
    "minority": "",
    "homeless": "",
    "rural": "",
    "postcode": "",
    "returner": "",
    "long_term_benefit": "",
    "refugee": "",
}


def import_persons(ctx: Context, rows: list[ParsedRow], household_ids: set[str]) -> None:
    schema = s.PERSONS
    rows = unique_rows(ctx, schema, rows)
    households = services.households_ensure(
        household_ids={r.values.get("household_id") for r in rows} | household_ids, by=ctx.by
    )
    ctx.households.update(households)
    items = []
    for row in rows:
        values = _present(row, PERSON_COLUMNS, defaults=PERSON_DEFAULTS)
        if "household_id" in row.values:
            values["household_id"] = (
                households.get(row.values["household_id"]) if row.values["household_id"] else None
            )
        items.append(Row(row.line, row.values["person_id"], values))
    result = _write(services.persons_import, items, by=ctx.by)
    ctx.created_persons = {result.objects[key].pk for key in result.created_keys}
    columns = {v: k for k, v in PERSON_COLUMNS.items()} | {"household": "household_id"}
    _report(ctx, schema, result, rows, columns)
    ctx.count(schema.name, result)
    _mark_broken(ctx, schema, rows, result, "person_id")


def import_household_months(ctx: Context, rows: list[ParsedRow]) -> None:
    schema = s.HOUSEHOLDS
    rows = unique_rows(ctx, schema, rows)
    missing = {r.values["household_id"] for r in rows} - set(ctx.households)
    if missing:
        ctx.households.update(services.households_ensure(household_ids=missing, by=ctx.by))
    households = ctx.households
    items = [
        Row(
            row.line,
            (households[row.values["household_id"]], row.values["month"]),
            {
                "household_id": households[row.values["household_id"]],
                "month": row.values["month"],
                "members": row.values["members"],
                "llu": row.values["llu"],
                "kdu": row.values["kdu"],
            },
        )
        for row in rows
    ]
    result = _write(services.household_months_import, items, by=ctx.by)
    _report(ctx, schema, result, rows, {"household": "household_id"})
    ctx.count(schema.name, result)


# --- targets ------------------------------------------------------------------------------------


def import_targets(ctx: Context, rows: list[ParsedRow]) -> None:
    schema = s.TARGETS
    rows = unique_rows(ctx, schema, rows)
    items = []
    for row in rows:
        code = row.values["programme"]
        programme_id = ctx.programmes.get(code)
        if programme_id is None:
            if not ctx.is_broken(s.PROGRAMMES.name, code):
                _unknown(ctx, schema, row, "programme", _("Das Programm"))
            continue
        stage_id = None
        if row.values.get("stage"):
            stage_id = ctx.stages.get((programme_id, row.values["stage"]))
            if stage_id is None:
                ctx.problem(
                    schema,
                    row,
                    "stage",
                    _("Die Stufe „%(stage)s“ gibt es im Programm %(programme)s nicht.")
                    % {"stage": row.values["stage"], "programme": code},
                )
                continue
        region_id = ctx.regions.get(row.values["region"]) if row.values.get("region") else None
        key = (
            programme_id,
            row.values["indicator"],
            row.values["period_from"],
            row.values["period_to"],
            region_id,
            stage_id,
        )
        items.append(
            Row(
                row.line,
                key,
                {
                    "programme_id": programme_id,
                    "indicator": row.values["indicator"],
                    "period_from": row.values["period_from"],
                    "period_to": row.values["period_to"],
                    "region_id": region_id,
                    "stage_id": stage_id,
                    "target": row.values["target"],
                },
            )
        )
    result = _write(services.targets_import, items, by=ctx.by)
    _report(ctx, schema, result, rows, {"period_to": "period_to", "target": "target"})
    ctx.count(schema.name, result)
