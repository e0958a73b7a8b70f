"""The set-password link: the new person sets a password under the policy, signs in and is sent to
the second-factor set-up; the link works once, not after a deactivation; a new link voids the
old password."""

from __future__ import annotations

import pytest
from django.test import Client

from stufenweg.accounts.admin_services import account_create, account_deactivate, account_password_link_issue
from stufenweg.core.models import AuditEntry
from tests.security.conftest import password_login

pytestmark = pytest.mark.django_db
GOOD = "Drei Birken am stillen Fluss"


def _new(staff):
    return account_create(
        by=staff.coordinator,
        username="n.neumann",
        first_name="Nora",
        last_name="Neumann",
        email="n.neumann@example.org",
        organisation=staff.world.regional_a,
        role="caseworker",
    )


def _link(uidb64: str, token: str) -> str:
    return f"/konto/passwort-festlegen/{uidb64}/{token}/"


def _open(client: Client, link: str):
    response = client.get(link)
    assert response.status_code == 302  # Django moves the token out of the address
    assert "set-password" in response["Location"]
    return response["Location"]


def test_first_login_sets_password_then_second_factor(client, staff, require_2fa):
    account = _new(staff)
    uidb64, token = account_password_link_issue(account=account, by=staff.coordinator)
    form_url = _open(client, _link(uidb64, token))
    page = client.get(form_url).content.decode()
    assert "Mindestens 12 Zeichen" in page
    response = client.post(form_url, {"new_password1": GOOD, "new_password2": GOOD})
    assert response.status_code == 302 and response["Location"] == "/anmelden/"
    assert password_login(client, "n.neumann", GOOD).status_code == 302
    assert client.get("/")["Location"].startswith("/konto/zwei-faktor/einrichten/")
    row = AuditEntry.objects.get(summary__contains="Passwort festgelegt")
    assert row.actor == account and GOOD not in str(row.before) + str(row.after) + row.summary


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kurz", "zu kurz"),
        ("password1234", "zu üblich"),
        ("nora.neumann@example", "ähnlich"),
        ("123456789012345", "numerisch"),
    ],
)
def test_the_policy_refuses_weak_passwords(client, staff, password, message):
    account = _new(staff)
    form_url = _open(client, _link(*account_password_link_issue(account=account, by=staff.coordinator)))
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    account.refresh_from_db()
    assert not account.has_usable_password()


def test_the_link_works_once(client, staff):
    account = _new(staff)
    link = _link(*account_password_link_issue(account=account, by=staff.coordinator))
    client.post(_open(client, link), {"new_password1": GOOD, "new_password2": GOOD})
    again = Client().get(link)
    assert again.status_code == 200 and "Dieser Link ist ungültig" in again.content.decode()


def test_a_deactivated_accounts_link_is_void(staff):
    account = _new(staff)
    link = _link(*account_password_link_issue(account=account, by=staff.coordinator))
    account_deactivate(account=account, by=staff.coordinator)
    assert "Dieser Link ist ungültig" in Client().get(link).content.decode()


def test_a_new_link_voids_the_old_password_and_the_old_link(client, staff):
    first = _link(*account_password_link_issue(account=staff.staff_a, by=staff.coordinator))
    account_password_link_issue(account=staff.staff_a, by=staff.coordinator)
    staff.staff_a.refresh_from_db()
    assert not staff.staff_a.has_usable_password()
    assert "Dieser Link ist ungültig" in Client().get(first).content.decode()
