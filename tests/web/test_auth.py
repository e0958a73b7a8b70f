"""Login and logout with Django's auth views and German messages; every page needs a login."""

from __future__ import annotations

import pytest
from django.urls import reverse

PASSWORD = "Sicheres-Passwort-2026"  # tests/factories.py UserFactory


def test_login_page_is_public_and_german(client, db):
    response = client.get(reverse("web:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert '<label class="field__label" for="id_username">Benutzername' in html
    assert '<label class="field__label" for="id_password">Passwort' in html


def test_login_with_right_password_goes_to_start_page(client, world):
    response = client.post(reverse("web:login"), {"username": "regional", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200


def test_login_follows_next(client, world):
    response = client.post(reverse("web:login"), {"username": "dpo", "password": "x", "next": "/protokoll/"})
    assert response.status_code == 200  # wrong user name: stays on the form
    response = client.post(
        reverse("web:login"), {"username": "datenschutz", "password": PASSWORD, "next": "/protokoll/"}
    )
    assert response["Location"] == "/protokoll/"


def test_login_with_wrong_password_shows_german_error(client, world):
    response = client.post(reverse("web:login"), {"username": "regional", "password": "falsch"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anmeldung fehlgeschlagen: Benutzername oder Passwort sind falsch." in html
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_log_in(client, world):
    user = world.personas["regional"]
    user.is_active = False
    user.save()
    response = client.post(reverse("web:login"), {"username": "regional", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, world):
    client.force_login(world.personas["regional"])
    html = client.get(reverse("web:home")).content.decode()
    assert f'<form class="logout-form" action="{reverse("web:logout")}" method="post">' in html
    assert client.get(reverse("web:logout")).status_code == 405
    response = client.post(reverse("web:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.parametrize("name", ["web:home", "web:audit_list"])
def test_every_page_requires_login(client, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:login')}?next={url}"


def test_every_web_url_except_login_requires_login(client, db):
    """Walks the web app's URL list, so a new page without login_required fails here."""
    from stufenweg.web import urls

    public = {"login"}
    for pattern in urls.urlpatterns:
        if pattern.name in public or pattern.pattern.converters:
            continue
        url = reverse(f"web:{pattern.name}")
        response = client.get(url)
        if pattern.name == "logout":
            assert response.status_code == 405
            continue
        assert response.status_code == 302, pattern.name
        assert response["Location"].startswith(reverse("web:login"))


def test_logged_in_user_sees_name_and_organisation_in_header(client, world):
    user = world.personas["regional"]
    client.force_login(user)
    html = client.get(reverse("web:home")).content.decode()
    assert f'<span class="user-box__name">{user}</span>' in html
    assert '<span class="user-box__orgs">Regionalbüro A</span>' in html


def test_user_without_organisation_is_told_so_in_header(client, world):
    client.force_login(world.personas["outsider"])
    html = client.get(reverse("web:home")).content.decode()
    assert '<span class="user-box__orgs">Keine Organisation zugeordnet</span>' in html
