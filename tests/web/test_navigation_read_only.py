"""The read-only member of the coordination office (the demo's ``lesend``) keeps the menu
„Verwaltung“: every entry is a page it may read (the import page shows the past runs and why it
may not import, without the upload form; the administration hub lists master-data pages; the API
documentation), none answers 403 and none offers a form it may not send."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stufenweg.interchange.models import ImportRun
from stufenweg.organisations.models import Membership
from stufenweg.web.navigation import ADMINISTRATION, navigation_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(world):
    return MembershipFactory(
        user=UserFactory(username="lesend"), organisation=world.coordination, role=Membership.Role.READ_ONLY
    ).user


def test_the_menu_holds_pages_the_reader_can_read(client, world, reader, settings, tmp_path):
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "imports"
    run = ImportRun.objects.create(source_kind="csv", created_by=world.personas["coordinator"])
    menu = [e for e in navigation_for(reader, "/") if e.group == ADMINISTRATION]
    assert [e.menu_label for e in menu] == ["Import", "Verwaltungsbereiche", "API-Dokumentation"]
    client.force_login(reader)
    for entry in menu:
        response = client.get(entry.url)
        assert response.status_code == 200, entry.url
        body = response.content.decode()
        main = body[body.index("<main") : body.index("</main>")]
        assert 'method="post"' not in main, entry.url  # nothing to send for a reader
    upload = client.get(menu[0].url).content.decode()
    assert "Importe dürfen nur Mitglieder der Regiestelle mit schreibender Rolle" in upload
    assert reverse("interchange:run_detail", args=[run.pk]) in upload  # the past runs
    # the hub's areas open for the reader as well
    for area in client.get(menu[1].url).context["areas"]:
        assert client.get(area.url).status_code == 200, area.url


def test_the_reader_sees_the_same_menu_as_a_writing_member(world, reader):
    """The entries follow what may be read (the pages then hide their forms), not the role."""
    mine = [(e.url, e.group) for e in navigation_for(reader, "/")]
    theirs = [(e.url, e.group) for e in navigation_for(world.personas["coordinator"], "/")]
    assert mine == theirs
