"""Key rotation: `stufenweg rotate_field_keys` re-encrypts every encrypted column with the newest
key, so that the old key can be removed afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from stufenweg.casework import services as casework
from stufenweg.casework.models import Contact
from stufenweg.core.management.commands.rotate_field_keys import encrypted_columns
from tests.conftest import start_journey
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _raw_notes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM casework_contact ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_rotation_re_encrypts_and_the_old_key_can_go(world, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.STUFENWEG_FIELD_KEYS = [old]
    part = start_journey(world, PersonFactory())
    for n in range(3):
        casework.contact_record(
            participation=part, kind="phone", on=dt.date(2022, 3, 1), notes=f"Gesundheit {n}", by=None
        )
    Contact.objects.create(participation=part, kind="phone", occurred_on=dt.date(2022, 3, 2), notes="")
    raw_before = _raw_notes()
    assert all(v.startswith("enc1:") for v in raw_before if v)
    assert not any("Gesundheit" in v for v in raw_before)

    settings.STUFENWEG_FIELD_KEYS = [new, old]
    with pytest.raises(CommandError):
        call_command("rotate_field_keys", check=True)
    call_command("rotate_field_keys")
    call_command("rotate_field_keys", check=True)  # nothing left under the old key

    settings.STUFENWEG_FIELD_KEYS = [new]  # the old key is gone
    assert sorted(Contact.objects.exclude(notes="").values_list("notes", flat=True)) == [
        "Gesundheit 0",
        "Gesundheit 1",
        "Gesundheit 2",
    ]
    assert _raw_notes()[3] == ""  # empty stays empty


def test_every_encrypted_column_is_found():
    labels = {f"{model._meta.label_lower}.{field.name}" for model, field in encrypted_columns()}
    assert {"casework.contact.notes", "casework.needsassessment.notes"} <= labels
