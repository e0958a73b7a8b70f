# ruff: noqa: S608 - SQL is composed only from validated codes, integers and date literals (sqlfns.lit_*)
"""Compute indicators in the database: one aggregate query per (source, breakdown), many
indicators per query. ``Engine`` builds the working tables (``build.py``) that a source reads when
it is first asked for, once per run, and answers any number of ``rows(indicator_ids, by)`` calls
against them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import queue
import re
import threading
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.db import DatabaseError, connection, transaction

from stufenweg.indicators import build, target_groups
from stufenweg.indicators import sqlfns as f
from stufenweg.indicators.definitions import BY_ID, GENDERS, INDICATORS, Indicator
from stufenweg.indicators.sources import Distinct, sources

WORK_MEM_MB = 256  # per sort or hash on PostgreSQL; the temporary page cache on SQLite
# the pages of a session's working tables PostgreSQL keeps in its own memory (``temp_buffers``,
# 8 MB by default): above that, every page of a working table goes out to a file and back
TEMP_BUFFERS_MB = 1024


def _session_settings(cursor) -> None:
    if f.is_postgres():
        # One report sorts and hashes a few hundred MB at 1M participants: in memory, not in
        # temporary files; and the queries run once, so compiling them (JIT) costs more than it saves.
        cursor.execute(f"SET LOCAL work_mem = '{int(WORK_MEM_MB)}MB'")
        cursor.execute("SET LOCAL jit = off")
        # The working tables' statistics only steer join choices between tables of known shape:
        # a sample of 3,000 rows (instead of 30,000) serves that and costs a tenth.
        cursor.execute("SET LOCAL default_statistics_target = 10")
        # Working tables of a few hundred MB per session at 1M participants stay in memory. The
        # size can only be set before a session's first temporary table: a session that has had
        # one keeps the size it had (PostgreSQL refuses the change, the savepoint undoes it).
        try:
            with transaction.atomic():
                cursor.execute(f"SET LOCAL temp_buffers = '{int(TEMP_BUFFERS_MB)}MB'")
        except DatabaseError:
            pass
    else:
        # The working tables live in SQLite's temporary database; a page cache of the same
        # bounded size keeps them out of temporary files (reset when the run ends).
        cursor.execute(f"PRAGMA temp.cache_size = -{int(WORK_MEM_MB) * 1024}")


def _fetch(sql: str) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(sql)
        return c.fetchall()


def parts_for_run() -> int:
    """In how many parts (database sessions) a run works: ``STUFENWEG_REPORT_PARTS``, 2 (the
    default) or 1. Two only on PostgreSQL and only when the run starts its own transaction: the
    second session reads the run's snapshot, and what an enclosing transaction has written but
    not committed is not in it."""
    if not f.is_postgres() or connection.in_atomic_block:
        return 1
    return 2 if int(getattr(django_settings, "STUFENWEG_REPORT_PARTS", 2)) >= 2 else 1


_SNAPSHOT_ID = re.compile(r"^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$")


class _Partner:
    """A second database session, in a thread of its own, that builds and aggregates the other part
    of the participations while the run's own session does its part (PostgreSQL runs the working
    tables of one session on one core; two sessions use both). It reads the run's exported snapshot
    (repeatable read), so both parts see exactly the same data, and rolls back when done."""

    def __init__(self, snapshot: str) -> None:
        if not _SNAPSHOT_ID.match(snapshot):
            raise ValueError("not a snapshot id")
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._serve, args=(snapshot,), name="report-part", daemon=True)
        self._thread.start()

    def _serve(self, snapshot: str) -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as c:
                    c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    c.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
                    _session_settings(c)
                while (job := self._jobs.get()) is not None:
                    try:
                        self._results.put((True, job()))
                    except Exception as exc:  # handed to the waiting run, which raises it
                        self._results.put((False, exc))
                transaction.set_rollback(True)
        except Exception as exc:
            self._results.put((False, exc))
        finally:
            connection.close()

    def submit(self, job) -> None:
        self._jobs.put(job)

    def result(self):
        ok, value = self._results.get()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()


def _fetch_all(sqls: list[str]) -> list[list[tuple]]:
    return [_fetch(sql) for sql in sqls]


def _execute(statements: tuple[str, ...]) -> None:
    with connection.cursor() as c:
        for sql in statements:
            c.execute(sql)


class CodeMaps:
    """Database ids → exchange-format codes for the id dimensions."""

    def __init__(self) -> None:
        from stufenweg.organisations.models import Organisation, Region
        from stufenweg.programmes.models import Measure, Stage

        self.maps = {
            "region": dict(Region.objects.values_list("id", "code")),
            "stage": dict(Stage.objects.values_list("id", "code")),
            "measure": dict(Measure.objects.values_list("id", "code")),
            "provider": dict(Organisation.objects.values_list("id", "code")),
        }

    def code(self, dim: str, value) -> str:
        if value is None or value == "":
            return ""
        mapping = self.maps.get(dim)
        if mapping is not None:
            return mapping.get(value, str(value))
        return str(value)


def rate_value(num, den):
    if not den:
        return None
    return round(num / den, 4)


@dataclass
class Engine:
    settings: build.Settings
    _cache: dict = field(default_factory=dict)
    _built: bool = False
    _partner: _Partner | None = field(default=None, init=False, repr=False)
    _prepared: set = field(default_factory=set, init=False, repr=False)
    _steps: set = field(default_factory=set, init=False, repr=False)  # build steps done

    def __enter__(self) -> Engine:
        parts = parts_for_run()
        self._partner = None
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        try:
            with connection.cursor() as c:
                if parts > 1:
                    c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    c.execute("SELECT pg_export_snapshot()")
                    snapshot = c.fetchone()[0]
                _session_settings(c)
            if parts > 1:
                self._partner = _Partner(snapshot)
                self._parts = (
                    dataclasses.replace(self.settings, part=(0, 2)),
                    dataclasses.replace(self.settings, part=(1, 2)),
                )
            else:
                self._parts = (self.settings,)
            self.build("events")
        except BaseException as exc:
            self.__exit__(type(exc), exc, exc.__traceback__)
            raise
        from stufenweg.indicators import reasons  # imports the results, which import the engine

        self._sources = {
            **sources(self.settings),
            **target_groups.sources(self.settings),
            **reasons.sources(self.settings),
        }
        self._codes = CodeMaps()
        self._built = True
        return self

    def __exit__(self, *exc) -> None:
        # A run only reads: rolling its transaction (or savepoint) back discards the working
        # tables, which is cheaper than dropping them one by one.
        if self._partner is not None:
            self._partner.close()
            self._partner = None
        transaction.set_rollback(True)
        try:
            self._atomic.__exit__(*exc)
        finally:
            if not f.is_postgres() and not connection.in_atomic_block:  # the outermost run ends
                with connection.cursor() as c:
                    c.execute("PRAGMA temp.cache_size = -2000")  # SQLite's default

    def build(self, *wanted: str) -> None:
        """The build steps ``wanted`` and those they read, if not built yet: in both sessions at
        once, each on its part of the participations."""
        steps = build.plan(wanted, self._steps)
        if not steps:
            return
        if self._partner is not None:
            other = self._parts[1]
            self._partner.submit(lambda: build.build(other, steps))
        build.build(self._parts[0], steps)
        if self._partner is not None:
            self._partner.result()
        self._steps.update(steps)

    def aggregate(self, source: str, dims: tuple[str, ...]) -> dict[tuple, dict[str, int]]:
        key = (source, dims)
        if key in self._cache:
            return self._cache[key]
        src = target_groups.resolve(self._sources[source], dims)  # the person dimensions
        self.build(*src.needs)
        for name, statements in src.prepare:
            if name not in self._prepared:  # in both sessions at once, each on its part
                if self._partner is not None:
                    self._partner.submit(lambda statements=statements: _execute(statements))
                _execute(statements)
                if self._partner is not None:
                    self._partner.result()
                self._prepared.add(name)
        dim_sql = [src.dims[d] for d in dims]
        where = ""
        if self.settings.region_ids is not None:
            ids = ", ".join(str(int(i)) for i in self.settings.region_ids) or "NULL"
            where = f" AND {src.region_col} IN ({ids})"
        group_by = " GROUP BY " + ", ".join(dim_sql) if dims else ""
        # one query for the plain aggregates, one per distinct count: (names, sql)
        queries: list[tuple[list[str], str]] = []
        plain = [(name, expr) for name, expr in src.aggs.items() if not isinstance(expr, Distinct)]
        if plain:
            select = ", ".join([*dim_sql, *(expr for _, expr in plain)])
            queries.append(([name for name, _ in plain], f"SELECT {select} {src.from_sql}{where}{group_by}"))
        for name, expr in src.aggs.items():
            if isinstance(expr, Distinct):
                inner = "".join(f"{d} AS g{i}, " for i, d in enumerate(dim_sql))
                pairs = (
                    f"SELECT DISTINCT {inner}{expr.key} AS k {src.from_sql}{where} "
                    f"AND ({expr.cond}) AND {expr.key} IS NOT NULL"
                )
                outer = [f"g{i}" for i in range(len(dims))]
                sql = f"SELECT {', '.join([*outer, 'COUNT(*)'])} FROM ({pairs}) q"
                queries.append(([name], sql + (" GROUP BY " + ", ".join(outer) if dims else "")))
        sqls = [sql for _, sql in queries]
        if self._partner is not None:
            self._partner.submit(lambda: _fetch_all(sqls))
        answers = _fetch_all(sqls)
        if self._partner is not None:
            answers = [mine + theirs for mine, theirs in zip(answers, self._partner.result(), strict=True)]
        # the parts' rows of one group add up (disjoint participations); so do two ids with the
        # same code (cannot happen) or NULL and ""
        result: dict[tuple, dict[str, int]] = {}
        for (names, _), rows in zip(queries, answers, strict=True):
            for row in rows:
                group = tuple(self._codes.code(d, v) for d, v in zip(dims, row[: len(dims)], strict=True))
                values = result.setdefault(group, dict.fromkeys(src.aggs, 0))
                for name, v in zip(names, row[len(dims) :], strict=True):
                    values[name] += int(v or 0)
        if not dims:  # a total has its row even where a query found nothing to count
            result.setdefault((), dict.fromkeys(src.aggs, 0))
        self._cache[key] = result
        return result

    def esf_leavers(self) -> dict[str, int]:
        """Size of the ESF result cohort, in total ("") and per gender, for the self-checks."""
        out = {"": self.aggregate("esf_r", ()).get((), {}).get("leavers", 0)}
        for (gender,), values in self.aggregate("esf_r", ("gender",)).items():
            out[gender] = values["leavers"]
        return out

    def rows(self, indicator_ids=None, by=()) -> list[dict]:
        ids = list(indicator_ids or [i.id for i in INDICATORS])
        out: list[dict] = []
        for ind_id in ids:
            ind = BY_ID[ind_id]
            if ind.source == "targets":
                continue
            out.extend(self.indicator_rows(ind, by))
        return out

    def indicator_rows(self, ind: Indicator, by) -> list[dict]:
        if ind.unit in target_groups.OWN_UNITS:  # a mean or a median
            return target_groups.indicator_rows(self, ind, by)
        if ind.family == "esf":
            dims: tuple[str, ...] = ("gender",)
        else:
            dims = tuple(d for d in by if d in ind.dims)
        groups = [()] if not dims else [(), dims]
        out = []
        for group_dims in groups:
            source, num_name = ind.source, ind.num
            if "status" in ind.extra_dims and "status" not in group_dims:
                # without the status breakdown: exits that name any status, each once
                source, num_name = "x", "with_status"
            num = self.aggregate(source, group_dims)
            den_dims = tuple(d for d in group_dims if d != "status")
            den = self.aggregate(ind.den_source, den_dims) if ind.is_rate else {}
            keys = set(num)
            if ind.is_rate and "status" not in group_dims:
                keys |= set(den)
            if not group_dims:
                keys = {()}
            if ind.family == "esf" and group_dims:
                keys |= {(g,) for g in GENDERS}
            for key in sorted(keys):
                group = dict(zip(group_dims, key, strict=True))
                n = num.get(key, {}).get(num_name, 0)
                if ind.is_rate:
                    den_key = tuple(v for d, v in zip(group_dims, key, strict=True) if d != "status")
                    d = den.get(den_key, {}).get(ind.den, 0)
                    out.append(
                        {
                            "indicator": ind.id,
                            "group": group,
                            "numerator": n,
                            "denominator": d,
                            "value": rate_value(n, d),
                        }
                    )
                else:
                    out.append(
                        {
                            "indicator": ind.id,
                            "group": group,
                            "numerator": None,
                            "denominator": None,
                            "value": n,
                        }
                    )
        return out


def settings_for(
    programme,
    *,
    date_from: dt.date,
    date_to: dt.date,
    as_of: dt.date | None = None,
    recorded_on: dt.datetime | None = None,
    region_ids=None,
    settings: dict | None = None,
) -> build.Settings:
    """The engine's settings for a report on ``programme``: its report settings
    (``Programme.report_settings``) as they are now, or as stored with a report run
    (``settings``), so that a run and its downloads keep the settings it was computed with."""
    from django.utils import timezone

    values = {**programme.report_settings(), **(settings or {})}
    return build.Settings(
        programme_id=programme.id,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of or date_to,
        recorded_on=recorded_on or timezone.now(),
        ltu_rule=values["ltu_rule"],
        in_work_kinds=tuple(values["in_work_kinds"] or ()),
        in_work_statuses=tuple(values["in_work_statuses"] or ()),
        upon_leaving_days=values["upon_leaving_days"],
        follow_up_months=values["follow_up_months"],
        region_ids=tuple(region_ids) if region_ids is not None else None,
    )
