"""``stufenweg rotate_field_keys``: re-encrypt every encrypted column with the newest key.

Key rotation: put a new key in front of ``STUFENWEG_FIELD_KEYS`` (keep the old ones behind it),
deploy, run this command, then remove the old keys. ``--check`` only reports how many values are
not yet under the newest key (exit code 1 if any), without writing.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stufenweg.core.fields import PREFIX, EncryptedTextField, field_keys

BATCH = 500


def encrypted_columns() -> list[tuple[type, EncryptedTextField]]:
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def _under_newest(raw: str, newest: Fernet) -> bool:
    if not raw.startswith(PREFIX):
        return False
    try:
        newest.decrypt(raw[len(PREFIX) :].encode())
    except InvalidToken:
        return False
    return True


class Command(BaseCommand):
    help = "Verschlüsselt alle verschlüsselten Textfelder mit dem neuesten Schlüssel neu."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="nur prüfen, nichts schreiben")

    def handle(self, *args, check: bool = False, **options):
        newest = Fernet(field_keys()[0])
        stale_total = 0
        for model, field in encrypted_columns():
            label = f"{model._meta.label}.{field.name}"
            # raw stored values, without the field's decryption
            raw_rows = model._base_manager.exclude(**{field.attname: ""}).exclude(
                **{f"{field.attname}__isnull": True}
            )
            stale_ids = [
                pk
                for pk, raw in raw_rows.values_list("pk", _raw(field)).iterator(chunk_size=2000)
                if not _under_newest(raw, newest)
            ]
            stale_total += len(stale_ids)
            if check:
                self.stdout.write(f"{label}: {len(stale_ids)} Werte nicht mit dem neuesten Schlüssel")
                continue
            done = 0
            for start in range(0, len(stale_ids), BATCH):
                chunk = stale_ids[start : start + BATCH]
                with transaction.atomic():
                    objs = list(model._base_manager.filter(pk__in=chunk).only("pk", field.attname))
                    model._base_manager.bulk_update(objs, [field.attname])
                done += len(objs)
            self.stdout.write(f"{label}: {done} Werte neu verschlüsselt")
        if check and stale_total:
            raise CommandError(
                f"{stale_total} Werte sind noch nicht mit dem neuesten Schlüssel verschlüsselt."
            )


def _raw(field: EncryptedTextField):
    from django.db.models import TextField
    from django.db.models.functions import Cast

    return Cast(field.attname, output_field=TextField())
