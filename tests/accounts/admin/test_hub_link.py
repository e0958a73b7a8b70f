"""The „Verwaltung“ hub links to the account administration for those who manage accounts only."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _hub(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/verwaltung/").content.decode()


def test_managers_see_the_link(staff):
    for manager in (staff.coordinator, staff.admin_a):
        assert 'href="/verwaltung/konten/"' in _hub(manager)


def test_a_caseworker_does_not(staff):
    assert 'href="/verwaltung/konten/"' not in _hub(staff.staff_a)
