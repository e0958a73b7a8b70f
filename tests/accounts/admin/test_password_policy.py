"""The password policy: at least 12 characters, not common, not like the user's data, not only
digits — in the settings every environment uses, shown on the change form."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import get_default_password_validators
from django.test import Client

from stufenweg.accounts.admin_forms import minimum_password_length
from stufenweg.core.models import AuditEntry
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_validators_are_a_real_policy():
    names = {type(v).__name__ for v in get_default_password_validators()}
    assert {
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "UserAttributeSimilarityValidator",
        "NumericPasswordValidator",
    } <= names
    assert minimum_password_length() >= 12
    assert "production" not in str(settings.AUTH_PASSWORD_VALIDATORS)  # same list everywhere (base)


def test_changing_the_password_shows_the_policy_and_keeps_this_session(staff):
    client = Client()
    client.force_login(staff.staff_a)
    other = Client()
    other.force_login(staff.staff_a)
    page = client.get("/konto/passwort/").content.decode()
    assert "Mindestens 12 Zeichen" in page and "Bisheriges Passwort" in page
    new = "Sieben Zwerge hinter den Bergen"
    response = client.post(
        "/konto/passwort/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302  # the other session ended
    assert AuditEntry.objects.filter(summary__contains="Passwort festgelegt", actor=staff.staff_a).exists()


def test_a_weak_new_password_is_refused_next_to_the_field(staff):
    client = Client()
    client.force_login(staff.staff_a)
    response = client.post(
        "/konto/passwort/",
        {"old_password": PASSWORD, "new_password1": "k.weber.a2026", "new_password2": "k.weber.a2026"},
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and 'id="id_new_password2_error"' in html
        or 'id="id_new_password1_error"' in html
    )
