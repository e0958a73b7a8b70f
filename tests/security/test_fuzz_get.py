"""No web page answers 500 to a malformed query string or path id.

Data-driven over every URL pattern of the project (``urlmap.all_routes()``; the API has its own
family with API keys, ``tests/api/test_fuzz_filters.py``), with the objects of the
permission-matrix world filled in, as the coordination office, a regional-office caseworker, a
provider, the data-protection officer and the statistics role. What is sent is described in
``tests/security/fuzz.py``: every malformed value in every parameter name, each parameter the view
looks up on its own, and path ids of 0, 25 and 19 digits where the converter allows.

The test client re-raises a view's exception; ``raise_request_exception=False`` turns it into the
500 a user would get, and the assertion names route, persona and query.
"""

from __future__ import annotations

import pytest
from django.test import Client

from stufenweg.indicators.models import ReportRun
from tests.security.fuzz import bad_paths, fuzz_query
from tests.security.matrix_world import build, filter_of
from tests.security.test_permission_matrix import ROUTES, Spec
from tests.security.urlmap import Route, all_routes, fill

pytestmark = pytest.mark.django_db

PERSONAS = ["coordinator", "regional", "provider", "dpo", "statistics"]
#: each looked-up parameter alone for this persona (the one that sees every filter value)
ALONE_PERSONAS = ("coordinator",)


@pytest.fixture
def fuzz_world(world):
    matrix = build(world)
    for name in ("coordinator", "regional", "statistics"):
        ReportRun.objects.create(created_by=matrix.personas[name], programme=world.programme)
    return matrix


def _path_values(matrix, route: Route, persona: str) -> dict[str, object]:
    spec = ROUTES.get(route.name, Spec("page"))
    values: dict[str, object] = dict(spec.extra)
    user = matrix.personas[persona]
    if spec.kind == "own_object":
        values["pk"] = filter_of(user).pk
    elif spec.param == "import_run":
        values["pk"] = matrix.import_run.pk
    elif spec.param == "report_run":
        run = ReportRun.objects.filter(created_by=user).first()
        values["pk"] = run.pk if run else 1
    elif spec.param == "cost_entry":  # master data of the programme, as in the permission matrix
        from tests.security.write_bodies_costs import cost_entry

        values["pk"] = cost_entry(matrix.world).pk
    elif spec.param:
        values["pk"] = getattr(matrix.visible, spec.param).pk
    return values


WEB_ROUTES = [
    route
    for route in all_routes()
    if not route.route.startswith("api/") and ROUTES.get(route.name, Spec("page")).kind != "post_only"
]


@pytest.mark.parametrize("route", WEB_ROUTES, ids=str)
def test_malformed_query_and_path_never_answer_500(fuzz_world, route):
    spec = ROUTES.get(route.name, Spec("page"))
    # public pages and the account pages (two-factor set-up, one's own keys) are the same for
    # every organisation: one persona is enough
    same_for_all = spec.kind in ("public", "step") or route.name.startswith("accounts:")
    for persona in PERSONAS[:1] if same_for_all else PERSONAS:
        client = Client(raise_request_exception=False)
        client.force_login(fuzz_world.personas[persona])
        values = _path_values(fuzz_world, route, persona)
        label = f"{route.name} as {persona}:"
        fuzz_query(
            client.get,
            fill(route, values),
            label,
            alone=persona in ALONE_PERSONAS,
            blind=3 if persona == PERSONAS[0] else 0,
        )
        for path in bad_paths(fill, route, values):
            response = client.get(path)
            assert response.status_code < 500, f"{label} {path}: {response.status_code}"


def test_the_recorder_sees_what_a_view_reads(fuzz_world):
    """Guard against a vacuous fuzz: the participant list's filters are recorded as read."""
    client = Client()
    client.force_login(fuzz_world.personas["coordinator"])
    read = fuzz_query(client.get, "/teilnehmende/", "participant list", alone=False)
    assert {"programme", "region", "stage", "measure", "page", "q"} <= read


def _journey_action_slugs():
    from stufenweg.casework.actions import ACTIONS

    return sorted(ACTIONS)


@pytest.mark.parametrize("slug", _journey_action_slugs())
def test_every_journey_action_form_survives_malformed_initial_values(fuzz_world, slug):
    """The action forms take their initial values from the query (``?occurred_on=…`` decides
    which measures are offered): every form, as the first persona it opens for."""
    participation = fuzz_world.visible.participation
    path = f"/teilnehmende/teilnahme/{participation.pk}/aktion/{slug}/"
    for persona in ("coordinator", "regional", "provider"):
        client = Client(raise_request_exception=False)
        client.force_login(fuzz_world.personas[persona])
        if client.get(path).status_code == 200:
            fuzz_query(client.get, path, f"{slug} as {persona}:", alone=False)
            return
    pytest.fail(f"no persona opens {path}")
