"""Every response that shows a person's data is accompanied by an audit row for that person
(who, when, which person, which purpose). Data-driven over every URL of the project: a page
added later that shows persons without recording the read fails here."""

from __future__ import annotations

import pytest
from django.test import Client

from stufenweg.core.models import AuditEntry
from tests.security.matrix_world import HIDDEN_NAME, VISIBLE_NAME
from tests.security.test_permission_matrix import ROUTES
from tests.security.urlmap import all_routes, fill

pytestmark = pytest.mark.django_db

# The casework form pages were a gap until casework 63d3392 (they now call audit_read); a new gap
# is entered here as pytest.param(..., marks=xfail(strict=True)) with the change it needs.
KNOWN_GAPS: set[str] = set()
GAP = pytest.mark.xfail(strict=True, reason="Seite zeigt die Person ohne audit_read")
GET_ROUTES = [
    pytest.param(r, id=r.name, marks=[GAP] if r.name in KNOWN_GAPS else [])
    for r in all_routes()
    if ROUTES.get(r.name) and ROUTES[r.name].kind not in ("post_only", "own_object")
]


@pytest.mark.parametrize("route", GET_ROUTES)
def test_showing_a_person_records_the_read(matrix, route):
    world = matrix.world
    spec = ROUTES[route.name]
    persona = "dpo" if spec.kind.startswith("dpo") else "coordinator"
    client = Client()
    client.force_login(matrix.personas[persona])
    for case in (matrix.visible, matrix.hidden):
        values = dict(spec.extra)
        if spec.param == "import_run":
            values["pk"] = matrix.import_run.pk
        elif spec.param == "report_run":
            values["pk"] = 999999
        elif spec.param == "cost_entry":
            from tests.security.write_bodies_costs import cost_entry

            values["pk"] = cost_entry(world).pk
        elif spec.param:
            values["pk"] = getattr(case, spec.param).pk
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = client.get(fill(route, values))
        body = response.content.decode(errors="replace") if isinstance(response.content, bytes) else ""
        new = AuditEntry.objects.filter(id__gt=last, action__in=["read", "export"])
        for name, person in ((VISIBLE_NAME, matrix.visible.person), (HIDDEN_NAME, matrix.hidden.person)):
            if name in body:
                assert new.filter(person=person).exists(), (
                    f"{route.name} zeigt eine Person ohne Lese-Protokoll"
                )
                assert all(e.purpose for e in new.filter(person=person)), f"{route.name}: Zweck fehlt"
