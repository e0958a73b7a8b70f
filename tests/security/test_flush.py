"""flush (tests between transactional cases; wiping a whole database) may empty the audit table."""

import pytest
from django.core.management import call_command

from stufenweg.core.audit import audit_write
from stufenweg.core.models import AuditEntry


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_table_but_a_delete_still_does_not():
    audit_write(actor=None, action=AuditEntry.Action.IMPORT, object_type="x", summary="Import")
    call_command("flush", verbosity=0, interactive=False)
    assert AuditEntry.objects.count() == 0
