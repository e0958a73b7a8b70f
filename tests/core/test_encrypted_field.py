"""Encrypted text is unreadable in the database, readable through the model, and survives key rotation."""

from cryptography.fernet import Fernet
from django.db import connection

from stufenweg.core import fields


def test_round_trip_and_ciphertext(settings):
    settings.STUFENWEG_FIELD_KEYS = [Fernet.generate_key().decode()]
    stored = fields.encrypt("Suchterkrankung, Therapie seit 2021")
    assert stored.startswith("enc1:") and "Therapie" not in stored
    assert fields.decrypt(stored) == "Suchterkrankung, Therapie seit 2021"


def test_an_old_key_still_decrypts_after_rotation(settings):
    old = Fernet.generate_key().decode()
    settings.STUFENWEG_FIELD_KEYS = [old]
    stored = fields.encrypt("Notiz")
    settings.STUFENWEG_FIELD_KEYS = [Fernet.generate_key().decode(), old]
    assert fields.decrypt(stored) == "Notiz"
    rotated = fields.cipher().rotate(stored[len(fields.PREFIX) :].encode()).decode()
    settings.STUFENWEG_FIELD_KEYS = settings.STUFENWEG_FIELD_KEYS[:1]
    assert fields.decrypt(fields.PREFIX + rotated) == "Notiz"


def test_keyed_hash_is_stable_and_normalised(settings):
    settings.STUFENWEG_FIELD_KEYS = [Fernet.generate_key().decode()]
    assert fields.keyed_hash("Müller  Anna") == fields.keyed_hash("müller anna")
    assert fields.keyed_hash("Müller") != fields.keyed_hash("Mueller")


def test_the_field_prepares_ciphertext_for_the_database(settings):
    settings.STUFENWEG_FIELD_KEYS = [Fernet.generate_key().decode()]
    field = fields.EncryptedTextField()
    prepared = field.get_prep_value("vertraulich")
    assert prepared.startswith("enc1:")
    assert field.from_db_value(prepared, None, connection) == "vertraulich"
    assert field.get_prep_value("") == ""
