"""The account administration pages: list with filters, new account with the one-time link,
account page, memberships, deactivation, the four-eyes reset through the pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from stufenweg.accounts.models import TwoFactorResetRequest
from stufenweg.core.models import AuditEntry
from stufenweg.organisations.models import Membership, User
from tests.security.conftest import confirmed_device

pytestmark = pytest.mark.django_db
LIST = "/verwaltung/konten/"
LINK = re.compile(r'id="password-link"[^>]*value="(http://testserver/konto/passwort-festlegen/[^"]+)"')


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(user, url: str) -> str:
    response = _client(user).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_shows_the_managers_accounts_with_filters(staff):
    html = _page(staff.admin_a, LIST)
    assert "Weber, Karla" in html and "Kaiser, Till" not in html
    html = _page(staff.coordinator, LIST + "?q=kaiser")
    assert "Kaiser, Till" in html and "Weber, Karla" not in html
    html = _page(staff.coordinator, f"{LIST}?organisation={staff.world.regional_b.pk}&role=read_only")
    assert "beide" in html and "Kaiser, Till" not in html


def test_the_list_filters_deactivated_accounts(staff):
    staff.staff_b.is_active = False
    staff.staff_b.save()
    assert "Kaiser, Till" not in _page(staff.coordinator, LIST)
    assert "Kaiser, Till" in _page(staff.coordinator, LIST + "?active=nein")


def test_a_bad_filter_shows_nothing_and_says_so(staff):
    html = _page(staff.coordinator, LIST + "?organisation=abc&active=vielleicht")
    assert "ungültige Angaben" in html and "Weber, Karla" not in html


def test_the_list_needs_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    client = _client(staff.coordinator)
    client.get(LIST)
    for n in range(10):
        member = User.objects.create(username=f"mehr{n}", first_name="M", last_name=f"Mehr{n}")
        Membership.objects.create(user=member, organisation=staff.world.provider_a, role="caseworker")
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("persona", ["regional", "provider", "dpo", "outsider"])
def test_others_get_no_access(world, persona):
    client = _client(world.personas[persona])
    assert client.get(LIST).status_code == 403
    assert client.get(LIST + "neu/").status_code == 403


def test_an_account_outside_the_local_administration_is_not_found(staff):
    assert _client(staff.admin_a).get(f"{LIST}{staff.staff_b.pk}/").status_code == 404


def test_creating_an_account_shows_the_link_once(staff):
    client = _client(staff.admin_a)
    response = client.post(
        LIST + "neu/",
        {
            "username": "n.neumann",
            "first_name": "Nora",
            "last_name": "Neumann",
            "email": "",
            "organisation": staff.world.regional_a.pk,
            "role": "caseworker",
        },
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    link = LINK.search(html).group(1)
    assert "Das Konto n.neumann wurde angelegt." in html
    account = User.objects.get(username="n.neumann")
    assert account.memberships.get().organisation == staff.world.regional_a
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not AuditEntry.objects.filter(summary__contains=token).exists()
    assert token not in _page(staff.admin_a, f"{LIST}{account.pk}/")


def test_the_create_form_offers_only_grantable_roles_and_own_organisations(staff):
    html = _page(staff.admin_a, LIST + "neu/")
    assert 'value="dpo"' not in html and 'value="statistics"' not in html
    assert "Regionalbüro A" in html and "Regionalbüro B" not in html
    html = _page(staff.coordinator, LIST + "neu/")
    assert 'value="dpo"' in html and "Regionalbüro B" in html


def test_a_create_error_stands_next_to_the_field(staff):
    response = _client(staff.coordinator).post(
        LIST + "neu/",
        {
            "username": "k.weber.a",
            "first_name": "K",
            "last_name": "W",
            "organisation": staff.world.regional_a.pk,
            "role": "caseworker",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_username_error"' in html and "Diesen Benutzernamen gibt es schon." in html


def test_membership_role_change_and_last_membership_message(staff):
    client = _client(staff.coordinator)
    membership = staff.staff_a.memberships.get()
    url = f"{LIST}{staff.staff_a.pk}/"
    client.post(url + "mitgliedschaften/rolle/", {"membership": membership.pk, "role": "read_only"})
    membership.refresh_from_db()
    assert membership.role == "read_only"
    response = client.post(url + "mitgliedschaften/entfernen/", {"membership": membership.pk}, follow=True)
    assert "letzte Mitgliedschaft" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_membership_of_another_account_is_not_found(staff):
    other = staff.staff_b.memberships.get()
    response = _client(staff.coordinator).post(
        f"{LIST}{staff.staff_a.pk}/mitgliedschaften/entfernen/", {"membership": other.pk}
    )
    assert response.status_code == 404


def test_deactivation_through_the_page(staff):
    response = _client(staff.coordinator).post(f"{LIST}{staff.staff_a.pk}/deaktivieren/", follow=True)
    staff.staff_a.refresh_from_db()
    assert not staff.staff_a.is_active
    assert "Das Konto wurde deaktiviert." in response.content.decode()


def test_the_four_eyes_reset_through_the_pages(staff):
    target = staff.staff_a
    confirmed_device(target)
    url = f"{LIST}{target.pk}/"
    first, second = _client(staff.coordinator), _client(staff.coord_admin)
    response = first.post(
        url + "zwei-faktor/zuruecksetzen/", {"reason": "lost_device", "identity_checked": "on"}, follow=True
    )
    assert "Eine zweite Person" in response.content.decode()
    assert "Zurücksetzen bestätigen" not in response.content.decode()  # not for the requester
    first.post(url + "zwei-faktor/bestaetigen/")
    assert TOTPDevice.objects.filter(user=target).exists()
    assert "Zurücksetzen bestätigen" in _page(staff.coord_admin, url)
    second.post(url + "zwei-faktor/bestaetigen/")
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert TwoFactorResetRequest.objects.get(user=target).status == "confirmed"


def test_the_reset_request_needs_the_identity_check(staff):
    confirmed_device(staff.staff_a)
    response = _client(staff.coordinator).post(
        f"{LIST}{staff.staff_a.pk}/zwei-faktor/zuruecksetzen/", {"reason": "lost_device"}
    )
    assert response.status_code == 200
    assert "Bitte bestätigen Sie die Prüfung der Identität." in response.content.decode()
    assert not TwoFactorResetRequest.objects.exists()


def test_the_own_account_page_offers_no_self_administration(staff):
    html = _page(staff.coord_admin, f"{LIST}{staff.coord_admin.pk}/")
    assert "Das ist Ihr eigenes Konto." in html
    assert "Konto deaktivieren" not in html and "Rolle ändern" not in html
    assert (
        _client(staff.coord_admin).get(f"{LIST}{staff.coord_admin.pk}/mitgliedschaften/neu/").status_code
        == 403
    )
