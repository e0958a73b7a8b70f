"""A new account with several wrong fields names all of them at once (username, e-mail address)
instead of one per submission."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from stufenweg.accounts.admin_services import account_create
from stufenweg.organisations.models import Membership, User

pytestmark = pytest.mark.django_db


def test_username_and_email_errors_come_together(staff):
    with pytest.raises(ValidationError) as caught:
        account_create(
            by=staff.coordinator,
            username="Max Muster!",
            first_name="Max",
            last_name="  ",
            email="kein-at",
            organisation=staff.world.provider_b,
            role=Membership.Role.CASEWORKER,
        )
    errors = caught.value.message_dict
    assert set(errors) == {"username", "last_name", "email"}
    assert "z. B. name@traeger.de" in errors["email"][0]
    assert not User.objects.filter(first_name="Max").exists()


def test_the_page_shows_both_errors_and_keeps_the_input(client, staff):
    client.force_login(staff.coordinator)
    response = client.post(
        "/verwaltung/konten/neu/",
        {
            "username": "Max Muster!",
            "first_name": "Max",
            "last_name": "Muster",
            "email": "kein-at",
            "organisation": staff.world.provider_b.pk,
            "role": Membership.Role.CASEWORKER,
        },
    )
    html = response.content.decode()
    assert "3 bis 64 Zeichen" in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in html
    assert 'value="Muster"' in html
