"""The OpenAPI 3 schema validates and the Swagger UI page loads nothing from other hosts."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient


def test_the_schema_is_valid_openapi_3(db):
    response = APIClient().get(reverse("api:schema") + "?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)  # raises on any violation of the OpenAPI 3 meta-schema
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/programmes/",
        "/api/v1/programmes/{code}/",
        "/api/v1/measures/",
        "/api/v1/measures/{code}/",
        "/api/v1/persons/",
        "/api/v1/persons/{id}/",
        "/api/v1/participations/",
        "/api/v1/participations/{id}/",
        "/api/v1/events/",
        "/api/v1/events/{id}/",
        "/api/v1/employers/",
        "/api/v1/employers/{code}/",
        "/api/v1/employer-contacts/",
        "/api/v1/employer-contacts/{id}/",
        "/api/v1/vacancies/",
        "/api/v1/vacancies/{id}/",
        "/api/v1/group-events/",
        "/api/v1/group-events/{id}/",
        "/api/v1/group-sessions/",
        "/api/v1/group-sessions/{id}/",
        "/api/v1/group-bookings/",
        "/api/v1/group-bookings/{id}/",
        "/api/v1/group-attendance/",
        "/api/v1/group-attendance/{id}/",
        "/api/v1/programme-costs/",
        "/api/v1/service-referrals/",
        "/api/v1/service-referrals/{id}/",
        "/api/v1/barriers/",
        "/api/v1/barriers/{id}/",
        "/api/v1/phase-changes/",
        "/api/v1/phase-changes/{id}/",
        "/api/v1/support-phases/",
        "/api/v1/profile-ratings/",
        "/api/v1/profile-ratings/{id}/",
        "/api/v1/mentorships/",
        "/api/v1/mentorships/{id}/",
        "/api/v1/mentorships/{id}/end/",
        "/api/v1/mentoring-entries/",
        "/api/v1/mentoring-entries/{id}/",
        "/api/v1/after-placement-support/",
        "/api/v1/after-placement-support/{id}/",
        "/api/v1/households/",
        "/api/v1/households/{id}/",
        "/api/v1/household-months/",
    }
    assert set(schema["paths"]["/api/v1/events/"]) == {"get", "post"}
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    filters = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"programme", "region", "stage", "occurred_from", "occurred_to", "event", "page"} <= filters


def test_the_schema_generates_without_warnings(db, capsys):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    APIClient().get(reverse("api:schema"))
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache


def test_the_docs_page_uses_only_local_assets(db):
    client = APIClient()
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert re.findall(r"https?://", html) == []  # nothing from another host, no CDN
    assert "<style" not in html and "style=" not in html
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert all(src.startswith("/") for src in sources)
    for src in sources[:2]:  # the Swagger UI bundle ships in drf-spectacular-sidecar
        assert finders.find(src.removeprefix(settings.STATIC_URL)) is not None
    assert re.findall(r"<script>", html) == []  # no inline script (strict CSP)
    init = client.get(sources[-1].replace("&amp;", "&"))
    assert init.status_code == 200 and init["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in init.content.decode()
    assert '"validatorUrl": null' in init.content.decode()
