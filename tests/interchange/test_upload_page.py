"""The web upload: coordination office only, size limit, safe names, background task, result page."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stufenweg.interchange.models import ImportRun
from stufenweg.journeys.models import JourneyEvent
from tests.interchange.conftest import BASE, EVENTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "imports"
    return settings.STUFENWEG_IMPORT_DIR


def _zip(files: dict[str, str], prefix: str = "") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(prefix + name, text.encode())
    return SimpleUploadedFile("daten.zip", buffer.getvalue(), content_type="application/zip")


@pytest.mark.parametrize("persona", ["regional", "provider", "jobcenter", "mentor", "outsider", "dpo"])
def test_only_coordination_staff_may_import(client, world, persona):
    client.force_login(world.personas[persona])
    assert client.get(reverse("interchange:upload")).status_code == 404
    assert client.post(reverse("interchange:upload"), {"files": _zip(BASE)}).status_code == 404
    run = ImportRun.objects.create(source_kind="csv")
    assert client.get(reverse("interchange:run_detail", args=[run.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("interchange:upload"))
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_upload_page_renders_for_coordination(client, world):
    client.force_login(world.personas["coordinator"])
    response = client.get(reverse("interchange:upload"))
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_zip_upload_runs_the_import_and_shows_counts(client, world):
    client.force_login(world.personas["coordinator"])
    # World already has JPS etc. under other codes? Our data uses the same codes JPS, MA … -> fresh names.
    files = {
        name: text.replace("JPS", "JPX").replace("MA,", "MX,").replace(",MA,", ",MX,")
        for name, text in BASE.items()
    }
    response = client.post(reverse("interchange:upload"), {"files": _zip(files, prefix="export/")})
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("interchange:run_detail", args=[run.pk])
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, (run.error, run.problems[:3])
    assert run.files == sorted(BASE)
    assert run.upload_dir == ""  # the upload was removed after the run
    assert JourneyEvent.objects.filter(participation__programme__code="JPX").count() == 13
    page = client.get(response["Location"]).content.decode()
    assert "Der Import ist abgeschlossen." in page
    assert "<td>events.csv</td><td>13</td>" in page


def test_rejected_upload_lists_problems_and_writes_nothing(client, world):
    client.force_login(world.personas["coordinator"])
    events = EVENTS.replace("E3,P1,JPS,entry,2022-02-01,", "E3,P1,JPS,entry,2022-13-01,")
    files = {**BASE, "events.csv": events}
    files = {name: text.replace("JPS", "JPX") for name, text in files.items()}
    uploads = [
        SimpleUploadedFile(name, text.encode(), content_type="text/csv") for name, text in files.items()
    ]
    response = client.post(reverse("interchange:upload"), {"files": uploads})
    run = ImportRun.objects.get()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.REJECTED
    assert run.problems == [["events.csv", 4, "date", "2022-13-01", "2022-13-01 ist kein gültiges Datum"]]
    assert JourneyEvent.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "1 Problem gefunden; es wurde nichts geschrieben." in page
    assert "2022-13-01 ist kein gültiges Datum" in page


def test_dry_run_from_the_page(client, world):
    client.force_login(world.personas["coordinator"])
    files = {
        name: text.replace("JPS", "JPX").replace(",MA,", ",MX,").replace("MA,Maß", "MX,Maß")
        for name, text in BASE.items()
    }
    client.post(reverse("interchange:upload"), {"files": _zip(files), "dry_run": "on"})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.CHECKED
    assert run.counts["events.csv"]["created"] == 13
    assert JourneyEvent.objects.count() == 0


def test_oversize_upload_is_refused(client, world, settings):
    settings.STUFENWEG_MAX_UPLOAD_BYTES = 1024
    client.force_login(world.personas["coordinator"])
    big = SimpleUploadedFile("daten.xlsx", b"x" * 2048)
    response = client.post(reverse("interchange:upload"), {"files": big})
    assert response.status_code == 200
    assert "Die Datei ist zu groß (0,0 MB); erlaubt sind höchstens 0,0 MB." in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_unknown_and_traversal_names_are_refused(client, world, import_dir):
    client.force_login(world.personas["coordinator"])
    response = client.post(reverse("interchange:upload"), {"files": _zip({"../../evil.csv": "a\n1\n"})})
    assert response.status_code == 200
    assert "Die ZIP-Datei enthält unbekannte Dateien: evil.csv." in response.content.decode()
    assert ImportRun.objects.count() == 0
    assert not any(import_dir.parent.parent.glob("evil.csv"))


def test_a_traversal_path_with_a_known_name_is_stored_under_our_name(client, world, import_dir):
    client.force_login(world.personas["coordinator"])
    files = {
        "../../" + name: text.replace("JPS", "JPX").replace(",MA,", ",MX,").replace("MA,Maß", "MX,Maß")
        for name, text in BASE.items()
    }
    client.post(reverse("interchange:upload"), {"files": _zip(files), "dry_run": "on"})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.CHECKED
    assert not (import_dir.parent / "events.csv").exists()


def test_htmx_poll_returns_the_status_partial(client, world):
    client.force_login(world.personas["coordinator"])
    run = ImportRun.objects.create(source_kind="csv", status=ImportRun.Status.RUNNING)
    response = client.get(reverse("interchange:run_detail", args=[run.pk]), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "<html" not in body
    run.status = ImportRun.Status.DONE
    run.save()
    done = client.get(reverse("interchange:run_detail", args=[run.pk]), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
