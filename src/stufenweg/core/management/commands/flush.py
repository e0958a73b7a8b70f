"""Django's ``flush`` (empty every table), letting the audit guard pass on SQLite.

Flushing wipes the whole database (tests do it between transactional tests); on PostgreSQL it
is a TRUNCATE, which the row triggers do not see either. Ordinary deletes stay refused.
"""

from django.core.management.commands.flush import Command as FlushCommand

from stufenweg.core.auditguard import audit_maintenance


class Command(FlushCommand):
    def handle(self, **options):
        with audit_maintenance():
            return super().handle(**options)
