"""The audit trail page: only for the data-protection officer, filterable, paginated, read only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stufenweg.core.models import AuditEntry

URL = "/protokoll/"


def _entry(day: dt.date, action: str, object_id: str) -> AuditEntry:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
    return AuditEntry.objects.create(
        at=at, actor_label="tester", action=action, object_type="people.person", object_id=object_id
    )


def test_url_name():
    assert reverse("web:audit_list") == URL


@pytest.mark.parametrize(
    "persona", ["coordinator", "regional", "provider", "jobcenter", "mentor", "outsider"]
)
def test_others_get_404(client, world, persona):
    client.force_login(world.personas[persona])
    assert client.get(URL).status_code == 404


def test_dpo_sees_the_trail(client, world):
    _entry(dt.date(2025, 3, 1), AuditEntry.Action.READ, "101")
    client.force_login(world.personas["dpo"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Person 101" in html
    assert "01.03.2025 12:00" in html  # local (Berlin) time, German format


def test_filter_by_date_range_and_action(client, world):
    _entry(dt.date(2025, 3, 1), AuditEntry.Action.READ, "201")
    _entry(dt.date(2025, 3, 2), AuditEntry.Action.READ, "202")
    _entry(dt.date(2025, 3, 2), AuditEntry.Action.EXPORT, "203")
    _entry(dt.date(2025, 3, 3), AuditEntry.Action.READ, "204")
    client.force_login(world.personas["dpo"])
    html = client.get(URL, {"date_from": "2025-03-02", "date_to": "2025-03-02"}).content.decode()
    assert {i for i in ("201", "202", "203", "204") if f"Person {i}<" in html} == {"202", "203"}
    html = client.get(
        URL, {"date_from": "2025-03-01", "date_to": "2025-03-03", "action": "read"}
    ).content.decode()
    assert {i for i in ("201", "202", "203", "204") if f"Person {i}<" in html} == {"201", "202", "204"}


def test_reversed_range_shows_a_german_error_next_to_the_field(client, world):
    client.force_login(world.personas["dpo"])
    html = client.get(URL, {"date_from": "2025-03-05", "date_to": "2025-03-01"}).content.decode()
    assert (
        '<span class="field__error" id="id_date_to_error">Das Enddatum muss am oder nach dem Anfangsdatum liegen.</span>'
        in html
    )
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_date_to_error"' in html


def test_pagination_keeps_the_filter(client, world):
    for i in range(55):
        _entry(dt.date(2025, 4, 1), AuditEntry.Action.EXPORT, f"9{i:02d}")
    client.force_login(world.personas["dpo"])
    html = client.get(URL, {"action": "export"}).content.decode()
    assert "Einträge 1–50 von 55" in html
    assert 'href="?action=export&amp;page=2"' in html
    html = client.get(URL, {"action": "export", "page": "2"}).content.decode()
    assert "Einträge 51–55 von 55" in html


def test_page_offers_no_editing(client, world):
    client.force_login(world.personas["dpo"])
    html = client.get(URL).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    # the one form is the filter (posted so that a Personen-ID stays out of the address); it
    # only answers with the filtered page's address and changes nothing
    assert main.count("<form") == 1 and f'method="post" action="{URL}"' in main
    before = AuditEntry.objects.count()
    response = client.post(URL, {"action": "read"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?action=read"
    assert AuditEntry.objects.count() == before
    assert client.put(URL).status_code == 405 and client.delete(URL).status_code == 405
