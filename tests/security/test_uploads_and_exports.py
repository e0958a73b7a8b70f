"""Uploads: traversal names never become paths, oversized uploads are refused. Exports: cells
that a spreadsheet would run as formulas are neutralised (exchange format, Excel variant)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from stufenweg.interchange.models import ImportRun
from tests.factories import PersonFactory
from tests.interchange.conftest import BASE

pytestmark = pytest.mark.django_db

TRAVERSALS = [
    "../../evil.csv",
    "..\\..\\evil.csv",
    "/etc/cron.d/evil.csv",
    "C:\\Windows\\evil.csv",
    "....//....//evil.csv",
    "%2e%2e%2fevil.csv",
]


@pytest.fixture
def import_dir(settings, tmp_path):
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "area" / "imports"
    return settings.STUFENWEG_IMPORT_DIR


def _zip(files: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode())
    return SimpleUploadedFile("daten.zip", buffer.getvalue(), content_type="application/zip")


def _files_outside(root: Path, inside: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and inside not in p.parents]


@pytest.mark.parametrize("name", TRAVERSALS)
def test_traversal_names_in_a_zip_never_escape(client, world, import_dir, name):
    client.force_login(world.personas["coordinator"])
    client.post("/import/", {"files": _zip({name: "x,y\n1,2\n"})})
    root = import_dir.parent
    assert _files_outside(root, import_dir) == []
    assert not list(root.parent.rglob("evil.csv"))


@pytest.mark.parametrize("name", TRAVERSALS)
def test_traversal_names_of_plain_files_never_escape(client, world, import_dir, name):
    client.force_login(world.personas["coordinator"])
    upload = SimpleUploadedFile(name, b"x,y\n1,2\n", content_type="text/csv")
    response = client.post("/import/", {"files": upload})
    assert response.status_code in (200, 302)
    assert not list(import_dir.parent.parent.rglob("evil.csv"))


def test_oversized_upload_is_refused_in_german(client, world, import_dir, settings):
    settings.STUFENWEG_MAX_UPLOAD_BYTES = 1000
    client.force_login(world.personas["coordinator"])
    big = SimpleUploadedFile("events.csv", b"a" * 5000, content_type="text/csv")
    response = client.post("/import/", {"files": big})
    assert response.status_code == 200
    assert "zu groß" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_a_zip_bomb_is_refused(client, world, import_dir, settings):
    settings.STUFENWEG_MAX_UPLOAD_BYTES = 50_000
    client.force_login(world.personas["coordinator"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("events.csv", "0" * 5_000_000)
    upload = SimpleUploadedFile("daten.zip", buffer.getvalue(), content_type="application/zip")
    assert len(buffer.getvalue()) < 50_000
    client.post("/import/", {"files": upload})
    total = sum(p.stat().st_size for p in import_dir.rglob("*") if p.is_file()) if import_dir.exists() else 0
    assert total < 5_000_000


def test_valid_upload_still_works(client, world, import_dir):
    """Guard against a vacuous refusal: a correct ZIP is accepted."""
    client.force_login(world.personas["coordinator"])
    response = client.post("/import/", {"files": _zip(BASE)})
    assert response.status_code == 302


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil","x")', "+49 351 1234", "-2+3", "@SUM(A1)"])
def test_formula_cells_are_neutralised_in_the_excel_export(world, tmp_path, payload):
    from tests.conftest import start_journey

    person = PersonFactory(last_name=payload, first_name="Formel")
    start_journey(world, person)
    target = tmp_path / "out"
    call_command("export", str(target), programme=world.programme.code, excel=True, progress="no")
    text = (target / "persons.csv").read_text(encoding="utf-8-sig")
    assert f"'{payload}" in text.replace('""', '"')
    assert f";{payload};" not in text
