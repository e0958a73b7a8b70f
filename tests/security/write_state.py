"""What a request wrote, read cheaply enough to ask after every request of the write-authority test.

``snapshot()`` holds the row count of every table of the project's apps (one query) and every row
of the tables that write routes change in place (participations, enrolments, goals, steps,
appointments, persons, targets, import runs, memberships, API keys). Every other in-place change
leaves an audit row, which the counts see (services write one with every change).

``snapshot().case`` leaves out what belongs to the user's own account and session (saved
filters, report runs, API keys, login throttling, second-factor changes, the user row) and the
audit rows of reads: for routes that act only on the user's own things or only read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connection

from stufenweg.core.models import AuditEntry

UPDATED_IN_PLACE = (
    "journeys.Participation",
    "journeys.Enrolment",
    "casework.Goal",
    "casework.PlanAction",
    "casework.Appointment",
    "people.Person",
    "programmes.Target",
    "programmes.Measure",
    "interchange.ImportRun",
    "organisations.Membership",
    "api.ApiKey",
)
VOLATILE = {"api.ApiKey": {"last_used_at"}}  # changed by using a key, not by a write
OWN = {
    "accounts.LoginThrottle",
    "api.ApiKey",
    "casework.SavedFilter",
    "indicators.ReportRun",
    "organisations.User",
}
OWN_AUDIT_TYPES = ("accounts.two_factor", "api.apikey", "casework.savedfilter", "indicators.reportrun")
NOT_WRITES = (AuditEntry.Action.READ, AuditEntry.Action.EXPORT, AuditEntry.Action.LOGIN)
CASE_AUDIT = "core.AuditEntry (writes about cases)"


@dataclass(frozen=True)
class Snapshot:
    everything: dict[str, object]

    @property
    def case(self) -> dict[str, object]:
        return {
            key: value
            for key, value in self.everything.items()
            if key.split(" ")[0] not in OWN and key != "core.AuditEntry (rows)"
        }


def _models():
    return [m for m in apps.get_models() if m.__module__.startswith("stufenweg.")]


def _counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    models = _models()
    parts = [f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models]
    audit = quote(AuditEntry._meta.db_table)
    excluded = (*NOT_WRITES, *OWN_AUDIT_TYPES)
    parts.append(
        f"(SELECT COUNT(*) FROM {audit} WHERE {quote('action')} NOT IN ({', '.join(['%s'] * len(NOT_WRITES))})"
        f" AND {quote('object_type')} NOT IN ({', '.join(['%s'] * len(OWN_AUDIT_TYPES))}))"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), [str(value) for value in excluded])
        row = cursor.fetchone()
    labels = [f"{m._meta.label} (rows)" for m in models] + [CASE_AUDIT]
    return dict(zip(labels, row, strict=True))


#: (database vendor, label) -> the compiled ``values_list`` query of ``_rows``: the test asks after
#: every one of its thousands of requests, and building the same SQL through the ORM each time cost
#: more than running it
_COMPILED: dict[tuple[str, str], tuple] = {}


def _rows(label: str) -> tuple:
    """Every row of ``label`` by primary key, as ``values_list`` gives it (the same query and the
    same conversion of the database's values, compiled once)."""
    key = (connection.vendor, label)
    if key not in _COMPILED:
        model = apps.get_model(label)
        skip = VOLATILE.get(label, set())
        columns = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        compiler = model.objects.order_by("pk").values_list(*columns).query.get_compiler(connection.alias)
        sql, params = compiler.as_sql()
        _COMPILED[key] = (compiler, sql, params)
    compiler, sql, params = _COMPILED[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return tuple(compiler.results_iter(results=[rows], tuple_expected=True))


def snapshot() -> Snapshot:
    values: dict[str, object] = _counts()
    values.update({label: _rows(label) for label in UPDATED_IN_PLACE})
    return Snapshot(values)


def changed(before: dict, after: dict) -> list[str]:
    return sorted(key for key in before if before[key] != after.get(key))
