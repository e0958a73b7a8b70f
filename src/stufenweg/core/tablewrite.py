"""Rows into tables in bulk, for the append-only write paths (import, demo loader, bulk journeys).

``insert_rows`` writes sequences of attribute values: ``COPY … FROM STDIN`` on PostgreSQL, one
prepared ``INSERT`` with ``executemany`` on SQLite, values prepared with the backend's own
adapters. ``fast_insert`` does the same for unsaved model instances; ``copy_data``/``copy_rows``
split a PostgreSQL ``COPY`` into formatting (any thread) and sending (the connection's thread);
``reserve_ids``/``IdReserver`` hand out primary keys up front so that rows can name each other
before they are written. No signals, no ``save()``.
"""

from __future__ import annotations

import io
import json
import operator
from functools import partial

import psycopg
import psycopg.copy
from django.db import connection


def fast_insert(model, objs: list, *, chunk: int = 5000) -> None:
    """Insert unsaved model instances without the ORM's per-row SQL building (``insert_rows``).

    ``auto_now``/``auto_now_add`` fields are filled. The pk column is written when the instances
    have pks (see ``reserve_ids``), else the database assigns them (and they are not read back).
    No signals, no ``save()``: for append-only bulk paths.
    """
    if not objs:
        return
    opts = model._meta
    with_pk = objs[0].pk is not None
    fields = [f for f in opts.concrete_fields if with_pk or not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                f.pre_save(obj, add=True)
    # Read the attribute values straight from the instance dicts (no descriptor per field).
    getter = operator.itemgetter(*[f.attname for f in fields])
    insert_rows(model, [f.attname for f in fields], [getter(obj.__dict__) for obj in objs], chunk=chunk)


def insert_rows(model, columns, rows, *, chunk: int = 5000) -> None:
    """Insert ``rows`` (sequences of attribute values in the order of ``columns``, attnames of
    ``model``'s concrete fields) in bulk.

    PostgreSQL: ``COPY … FROM STDIN``; SQLite: one prepared ``INSERT`` run with ``executemany``.
    Values are prepared with the backend's own adapters (dates, datetimes, decimals) and JSON is
    serialised, as ``bulk_create`` would. Columns left out get NULL (not the model's default).
    """
    if not rows:
        return
    fields = _fields(model, columns)
    converted = _converter(fields)
    table, names = _table(model, fields)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            batch = converted(rows[start : start + chunk])
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    write = copy.write_row
                    for values in batch:
                        write(values)
            else:
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", batch)  # noqa: S608


def copy_data(model, columns, rows) -> bytes:
    """PostgreSQL: ``rows`` as the text of ``COPY`` (what ``insert_rows`` would send), formatted
    by psycopg without using the connection, so that any thread may do it (see ``copy_rows``)."""
    if not rows:
        return b""
    converted = _converter(_fields(model, columns))
    buffer = io.BytesIO()
    cursor = connection.connection.cursor()  # only for psycopg's adapters; nothing is executed
    try:
        with psycopg.Copy(cursor, writer=psycopg.copy.FileWriter(buffer)) as copy:
            write = copy.write_row
            for values in converted(rows):
                write(values)
    finally:
        cursor.close()
    return buffer.getvalue()


def copy_rows(model, columns, data: bytes) -> None:
    """PostgreSQL: insert the rows that ``copy_data`` formatted."""
    if not data:
        return
    table, names = _table(model, _fields(model, columns))
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        copy.write(data)


def _fields(model, columns) -> list:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    return [by_attname[name] for name in columns]


def _table(model, fields) -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)


def _converter(fields):
    """A function that prepares rows for the database: dates and datetimes (not on PostgreSQL,
    whose driver takes them as they are), decimals with the backend's adapter, JSON as text."""
    ops = connection.ops
    vendor = connection.vendor
    converters = []
    for index, f in enumerate(fields):
        kind = f.get_internal_type()
        if kind == "DateTimeField" and vendor != "postgresql":
            converters.append((index, _remembered(ops.adapt_datetimefield_value)))
        elif kind == "DateField" and vendor != "postgresql":
            converters.append((index, _remembered(ops.adapt_datefield_value)))
        elif kind == "DecimalField":
            converters.append(
                (
                    index,
                    partial(
                        ops.adapt_decimalfield_value, max_digits=f.max_digits, decimal_places=f.decimal_places
                    ),
                )
            )
        elif kind == "JSONField":
            converters.append((index, partial(json.dumps, cls=f.encoder)))
    if not converters:
        return lambda rows: rows

    def converted(rows):
        for values in rows:
            values = list(values)
            for index, convert in converters:
                if values[index] is not None:
                    values[index] = convert(values[index])
            yield values

    return converted


def _remembered(convert):
    """``convert`` with its results remembered (dates repeat; a datetime's result depends only
    on the instant, and equal instants are equal keys)."""
    results: dict = {}

    def converted(value):
        result = results.get(value)
        if result is None:
            if len(results) >= 100_000:
                results.clear()
            result = results[value] = convert(value)
        return result

    return converted


def reserve_ids(model, count: int) -> list[int]:
    """``count`` fresh primary keys for ``model``, so rows can name each other before insertion.

    PostgreSQL: from the table's sequence (safe with concurrent writers). SQLite: after the
    highest id ever used (SQLite has one writer at a time, and we are inside its transaction).
    """
    if count == 0:
        return []
    table = model._meta.db_table
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            # The sequence named once (not per row): nextval is then cheap; one text value back.
            cursor.execute(
                "SELECT string_agg(nextval(%s::regclass)::text, ',') FROM generate_series(1, %s)",
                [sequence, count],
            )
            return [int(pk) for pk in cursor.fetchone()[0].split(",")]
        if vendor == "sqlite":
            cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608 - table name from model
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='sqlite_sequence'")
            if cursor.fetchone():
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                highest = max(highest, row[0] if row else 0)
            return list(range(highest + 1, highest + 1 + count))
    raise NotImplementedError(f"reserve_ids: database {vendor} is not supported")


class IdReserver:
    """Primary keys of one model reserved in successive blocks (``reserve_ids``) for rows that are
    inserted later, possibly after the next block was reserved: on SQLite, where a block starts
    after the highest id in the table, the end of the last block is remembered."""

    def __init__(self, model):
        self.model = model
        self.after: int | None = None

    def reserve(self, count: int) -> list[int]:
        if connection.vendor == "postgresql":
            return reserve_ids(self.model, count)
        if self.after is None:
            self.after = reserve_ids(self.model, 1)[0] - 1
        start, self.after = self.after + 1, self.after + count
        return list(range(start, start + count))
