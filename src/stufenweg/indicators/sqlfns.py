"""The few SQL fragments that differ between SQLite and PostgreSQL, in one place.

Dates are compared as dates on PostgreSQL and as ISO text (``YYYY-MM-DD``) on SQLite; every
helper here returns an expression of the same kind as its input on both.
"""

from __future__ import annotations

from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def add_days(expr: str, days: int) -> str:
    days = int(days)
    if is_postgres():
        return f"(({expr}) + ({days}))"
    return f"date({expr}, '{days:+d} days')"


def add_months(expr: str, months: int) -> str:
    """Same day of month ``months`` later, clamped to the month's end (31 Aug + 6 = 28/29 Feb)."""
    if is_postgres():
        return f"(({expr}) + interval '{int(months)} months')::date"
    # SQLite rolls 31 Aug + 6 months over into March; the earlier of that and the last day of the
    # target month (ISO text compares as dates) clamps it back to the end of February.
    months = int(months)
    return f"min(date({expr}, '+{months} months'), date({expr}, 'start of month', '+{months + 1} months', '-1 day'))"


def month_end_after(expr: str, months: int) -> str:
    """Last day of the calendar month ``months`` after the month of ``expr``."""
    if is_postgres():
        return f"(date_trunc('month', {expr}) + interval '{int(months) + 1} months' - interval '1 day')::date"
    return f"date({expr}, 'start of month', '+{int(months) + 1} months', '-1 day')"


def month_start_after(expr: str, months: int) -> str:
    if is_postgres():
        return f"(date_trunc('month', {expr}) + interval '{int(months)} months')::date"
    return f"date({expr}, 'start of month', '+{int(months)} months')"


def month_key(expr: str) -> str:
    if is_postgres():
        return f"to_char({expr}, 'YYYY-MM')"
    return f"substr({expr}, 1, 7)"


def age(birth: str, day: str) -> str:
    """Completed years on ``day``; a birthday on 29 February counts as reached on 1 March in
    other years (PostgreSQL's age(); on SQLite (YYYYMMDD of the day − YYYYMMDD of the birth) div 10000)."""
    if is_postgres():
        return f"date_part('year', age({day}, {birth}))::int"
    return (
        f"((CAST(replace({day}, '-', '') AS INTEGER) - CAST(replace({birth}, '-', '') AS INTEGER)) / 10000)"
    )


AGE_BOUNDS = ((18, "<18"), (25, "18-24"), (30, "25-29"), (45, "30-44"), (55, "45-54"))


def age_band(birth: str, day: str, thresholds: str = "") -> str:
    """The age band on ``day``. On PostgreSQL "younger than N" is "born after the day N years
    before" (cheaper than age() and the same: the day minus N years clamps 29 Feb to 28 Feb); with
    ``thresholds`` (the alias of a table carrying ``age_thresholds`` of the birth date) it is
    "the day is before the first day on which the person is N": a date comparison per band.
    On SQLite the completed years (as in ``age``) are computed once and looked up in a string of
    band numbers, one digit per year 0…55 (a searched CASE would compute them once per band)."""
    if is_postgres():
        if thresholds:
            whens = " ".join(f"WHEN {day} < {thresholds}.a{n} THEN '{band}'" for n, band in AGE_BOUNDS)
        else:
            whens = " ".join(
                f"WHEN {birth} > ({day} - interval '{n} years')::date THEN '{band}'" for n, band in AGE_BOUNDS
            )
        return f"(CASE {whens} ELSE '55+' END)"
    years = f"min(max({age(birth, day)}, 0), {_LAST_BOUND})"
    whens = " ".join(f"WHEN '{i}' THEN '{band}'" for i, (_, band) in enumerate(AGE_BOUNDS))
    return f"(CASE substr('{_BAND_DIGITS}', {years} + 1, 1) {whens} ELSE '55+' END)"


def age_thresholds(birth: str) -> str:
    """Columns ``a18``, ``a25``, … for ``age_band(…, thresholds=…)`` on PostgreSQL (nothing on
    SQLite): the first day d on which d minus N years is not before the birth date. That is
    birth + N years, except for a birth on 29 February in a year N later that has none: there
    birth + N years is 28 February, which minus N years falls before the birth, and the day is
    1 March. Computed once per person instead of once per band and event."""
    if not is_postgres():
        return ""
    cols = []
    for n, _ in AGE_BOUNDS:
        later = f"({birth} + interval '{n} years')"
        cols.append(f", {later}::date + (({later} - interval '{n} years')::date < {birth})::int AS a{n}")
    return "".join(cols)


_LAST_BOUND = AGE_BOUNDS[-1][0]
# the band number of every age 0…55: how many lower bounds the age has reached
_BAND_DIGITS = "".join(str(sum(a >= n for n, _ in AGE_BOUNDS)) for a in range(_LAST_BOUND + 1))


def has_status(column: str, code: str) -> str:
    """``column`` (pipe-joined status codes) names ``code``. Codes are validated by the caller."""
    return names_code(column, f"'{code}'")


def names_code(column: str, code_sql: str) -> str:
    """``column`` (codes joined by ``|``) names the code that ``code_sql`` gives (NULL if the
    column is NULL): a plain substring search of ``|code|`` in ``|column|``, cheaper than
    ``LIKE '%…%'`` (which matches a pattern, case-insensitively on SQLite)."""
    text, part = f"'|' || {column} || '|'", f"'|' || {code_sql} || '|'"
    if is_postgres():
        return f"(strpos({text}, {part}) > 0)"
    return f"(instr({text}, {part}) > 0)"


def any_status(column: str, codes) -> str:
    codes = list(codes)
    if not codes:
        return "(1 = 0)"
    return "(" + " OR ".join(has_status(column, c) for c in codes) + ")"


def in_list(column: str, codes) -> str:
    codes = list(codes)
    if not codes:
        return "(1 = 0)"
    return f"({column} IN (" + ", ".join(f"'{c}'" for c in codes) + "))"


def unindexed(column: str) -> str:
    """``column`` in a condition SQLite should not pick an index for (SQLite has no statistics on
    the event table and would otherwise scan the whole recorded-at index). PostgreSQL plans by
    statistics and needs no hint."""
    return column if is_postgres() else f"+{column}"


def numbered_table(name: str, columns: tuple[str, ...], source_sql: str, order_by: str) -> list[str]:
    """Statements creating a temporary table of ``columns`` from ``source_sql`` (``FROM … WHERE …``)
    with ``seq`` numbering the rows in ``order_by`` order. On SQLite the rows are inserted in that
    order under an integer primary key (a window function costs twice as much there)."""
    cols = ", ".join(columns)
    if is_postgres():
        return [
            temp_table(name, f"SELECT ROW_NUMBER() OVER (ORDER BY {order_by}) AS seq, {cols} {source_sql}")
        ]
    return [
        f"CREATE TEMPORARY TABLE {name} (seq INTEGER PRIMARY KEY, {cols})",
        f"INSERT INTO {name} ({cols}) SELECT {cols} {source_sql} ORDER BY {order_by}",
    ]


def temp_table(name: str, select_sql: str) -> str:
    return f"CREATE TEMPORARY TABLE {name} AS {select_sql}"


def bool_true() -> str:
    return "TRUE" if is_postgres() else "1"


def date_param(value):
    return connection.ops.adapt_datefield_value(value)


def datetime_param(value):
    return connection.ops.adapt_datetimefield_value(value)


def lit_date(value) -> str:
    """A date literal. Only ever called with ``datetime.date`` objects, never with user text."""
    text = value.isoformat()
    if not (len(text) == 10 and text[4] == "-" and text[7] == "-"):
        raise ValueError("not a date")
    return f"DATE '{text}'" if is_postgres() else f"'{text}'"


def lit_timestamp(value) -> str:
    """A timestamp literal for comparing with ``recorded_at`` (aware ``datetime`` only)."""
    adapted = connection.ops.adapt_datetimefield_value(value)
    text = adapted if isinstance(adapted, str) else adapted.isoformat()
    if "'" in text:
        raise ValueError("not a timestamp")
    return f"TIMESTAMPTZ '{text}'" if is_postgres() else f"'{text}'"
