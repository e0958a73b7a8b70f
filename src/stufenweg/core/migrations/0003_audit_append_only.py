"""Database-level append-only guard for the audit trail (see stufenweg.core.auditguard)."""

from django.db import migrations

from stufenweg.core import auditguard


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(auditguard.install, auditguard.remove, elidable=False),
    ]
