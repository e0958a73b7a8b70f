"""German first: an English browser still gets German until the user switches."""

from django.conf import settings
from django.urls import reverse


def test_an_english_browser_gets_the_german_ui(client, db):
    response = client.get(reverse("web:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "de"
    assert '<html lang="de"' in response.content.decode()


def test_the_language_switch_chooses_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get(reverse("web:login"))
    assert response.headers["Content-Language"] == "en"


def test_the_api_honours_accept_language(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers.get("Content-Language") == "en"
