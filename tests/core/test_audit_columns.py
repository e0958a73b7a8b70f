"""The columns bulk writers name for an audit row are the audit table's own, each once."""

from __future__ import annotations

from stufenweg.core.audit import AUDIT_CHANGE_COLUMNS, AUDIT_ROW_COLUMNS
from stufenweg.core.models import AuditEntry


def test_the_bulk_audit_columns_are_every_column_of_the_table_but_the_id():
    columns = [*AUDIT_ROW_COLUMNS, *AUDIT_CHANGE_COLUMNS]
    table = [f.column for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    assert len(columns) == len(set(columns))
    assert sorted(columns) == sorted(table)
