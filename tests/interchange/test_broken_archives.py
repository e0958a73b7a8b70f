"""Broken archives through the real upload page: a ZIP (or an XLSX workbook, also a ZIP) with a wrong
CRC, lying sizes, cut short, not a ZIP at all, encrypted or packed with an unknown method is refused
next to the file field in German — no 500, no run left pending, nothing left on disk. A run that
fails later (a workbook damaged where the upload check cannot see, files gone, an unexpected error)
ends failed with its message on the page and its folder removed."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stufenweg.interchange.models import ImportRun
from stufenweg.interchange.tasks import import_run_execute
from stufenweg.journeys.models import JourneyEvent
from tests.interchange.conftest import BASE

pytestmark = pytest.mark.django_db

LOCAL_HEADER = 30  # bytes before the name in a local file header
FILES = {name: text.replace("JPS", "JPX").replace("MA,", "MX,") for name, text in BASE.items()}


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.STUFENWEG_IMPORT_DIR = tmp_path / "imports"
    return settings.STUFENWEG_IMPORT_DIR


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.personas["coordinator"])
    return client


def _zip(files: dict[str, str], method: int = zipfile.ZIP_DEFLATED) -> bytearray:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode())
    return bytearray(buffer.getvalue())


def _events_first(method: int = zipfile.ZIP_DEFLATED) -> bytearray:
    """The data set with events.csv as the first member (offset 0)."""
    return _zip({"events.csv": FILES["events.csv"], **FILES}, method)


def _data_offset(data: bytearray, header: int = 0) -> int:
    name_length, extra_length = struct.unpack_from("<HH", data, header + 26)
    return header + LOCAL_HEADER + name_length + extra_length


def _central(data: bytearray) -> int:
    return data.find(b"PK\x01\x02")  # the central directory entry of the first member


def _post(client, data: bytes | bytearray, name: str = "daten.zip"):
    upload = SimpleUploadedFile(name, bytes(data), content_type="application/zip")
    return client.post(reverse("interchange:upload"), {"files": upload})


def _refused(response, *fragments: str) -> None:
    assert response.status_code == 200
    assert 'id="id_files_error"' in response.content.decode()  # next to the file field
    errors = " ".join(response.context["form"].errors["files"])
    for fragment in fragments:
        assert fragment in errors, errors
    assert ImportRun.objects.count() == 0


def _nothing_on_disk(import_dir) -> None:
    assert not import_dir.exists() or not any(import_dir.iterdir())


def _flipped(data: bytearray, offset: int) -> bytearray:
    data[offset] ^= 0xFF
    return data


BROKEN = {
    # a byte of the stored data changed: the CRC no longer matches
    "bad CRC (stored)": lambda: _flipped(
        _events_first(zipfile.ZIP_STORED), _data_offset(_events_first(zipfile.ZIP_STORED)) + 5
    ),
    # a byte of the compressed data changed: the deflate stream or the CRC breaks
    "bad data (deflated)": lambda: _flipped(_events_first(), _data_offset(_events_first()) + 3),
    # the directory claims fewer bytes than there are (the CRC of the shorter content fails)
    "lying uncompressed size": lambda: _patch(_events_first(), _central, 24, 10),
    "lying compressed size": lambda: _patch(_events_first(), _central, 20, 10),
}


def _patch(data: bytearray, where, offset: int, value: int) -> bytearray:
    struct.pack_into("<I", data, where(data) + offset, value)
    return data


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_damaged_zip_is_refused_next_to_the_file_field(coordinator, import_dir, case):
    response = _post(coordinator, BROKEN[case]())
    _refused(response, "Die Datei ist beschädigt: events.csv lässt sich nicht fehlerfrei entpacken")
    _nothing_on_disk(import_dir)
    assert JourneyEvent.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: _events_first()[: len(_events_first()) // 2], id="cut in half"),
        pytest.param(lambda: _events_first()[:-30], id="end of the directory cut off"),
        pytest.param(lambda: b"person_id,first_name\nP1,Anna\n", id="not a zip"),
    ],
)
def test_a_truncated_or_foreign_file_is_refused(coordinator, import_dir, data):
    response = _post(coordinator, data())
    _refused(
        response, "Die ZIP-Datei kann nicht gelesen werden (beschädigt, unvollständig oder keine ZIP-Datei)."
    )
    _nothing_on_disk(import_dir)


def test_an_encrypted_member_is_refused(coordinator, import_dir):
    data = _events_first()
    struct.pack_into("<H", data, _central(data) + 8, 0x1)  # the "encrypted" flag
    _refused(_post(coordinator, data), "verschlüsselte Teile (events.csv)", "ohne Passwort")
    _nothing_on_disk(import_dir)


def test_an_unknown_packing_method_is_refused(coordinator, import_dir):
    data = _events_first()
    struct.pack_into("<H", data, 8, 99)  # local header
    struct.pack_into("<H", data, _central(data) + 10, 99)  # central directory
    _refused(_post(coordinator, data), "nicht unterstützten Verfahren gepackt (events.csv)")
    _nothing_on_disk(import_dir)


def test_lying_sizes_in_the_local_header_alone_do_no_harm(coordinator, import_dir):
    """The local header's sizes are not used (the directory's are, and the CRC proves the
    content): the upload is imported as it is."""
    data = _events_first()
    struct.pack_into("<II", data, 18, 7, 7)
    response = _post(coordinator, data)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE, run.error
    assert JourneyEvent.objects.count() == 13
    _nothing_on_disk(import_dir)


def test_nested_folders_are_flattened_and_a_name_twice_is_refused(coordinator, import_dir):
    nested = {f"export/2024/{name}": text for name, text in FILES.items()}
    response = _post(coordinator, _zip(nested))
    assert response.status_code == 302
    assert ImportRun.objects.get().status == ImportRun.Status.DONE
    ImportRun.objects.all().delete()
    twice = {**nested, "other/events.csv": FILES["events.csv"]}
    _refused(_post(coordinator, _zip(twice)), "Die ZIP-Datei enthält events.csv zweimal.")
    inner = {**FILES, "archiv.zip": "PK"}
    _refused(_post(coordinator, _zip(inner)), "unbekannte Dateien: archiv.zip")
    _nothing_on_disk(import_dir)


def _workbook() -> bytearray:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "organisations"
    book.active.append(["code", "name", "kind", "region"])
    buffer = io.BytesIO()
    book.save(buffer)
    return bytearray(buffer.getvalue())


def _sheet_offset(data: bytearray) -> int:
    """Where the worksheet's compressed data start."""
    header = data.find(b"PK\x03\x04")
    while header >= 0:
        name_length = struct.unpack_from("<H", data, header + 26)[0]
        name = bytes(data[header + LOCAL_HEADER : header + LOCAL_HEADER + name_length])
        if name.startswith(b"xl/worksheets/"):
            return _data_offset(data, header)
        header = data.find(b"PK\x03\x04", header + 4)
    raise AssertionError("no worksheet")


def test_a_damaged_workbook_is_refused_at_upload(coordinator, import_dir):
    data = _workbook()
    data = _flipped(data, _sheet_offset(data) + 2)
    response = _post(coordinator, data, "liste.xlsx")
    _refused(response, "Die Datei ist beschädigt: sheet1.xml lässt sich nicht fehlerfrei entpacken")
    _refused(_post(coordinator, b"no workbook", "liste.xlsx"), "keine lesbare XLSX-Arbeitsmappe")
    _nothing_on_disk(import_dir)


def _run_with(import_dir, kind: str, content: dict[str, bytes]) -> ImportRun:
    """A run as the upload view leaves it, with files the upload check did not see."""
    run = ImportRun.objects.create(source_kind=kind)
    directory = import_dir / f"run-{run.pk}"
    for name, data in content.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(data)
    run.upload_dir = str(directory)
    run.save()
    return run


def _failed_page(client, run: ImportRun, message: str) -> None:
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert run.error == message
    assert run.upload_dir == "" and run.finished_at is not None
    page = client.get(reverse("interchange:run_detail", args=[run.pk])).content.decode()
    assert "abgebrochen" in page and message in page


def test_a_workbook_damaged_after_the_check_fails_the_run_with_a_message(coordinator, import_dir):
    data = _workbook()
    run = _run_with(import_dir, "xlsx", {"upload.xlsx": bytes(_flipped(data, _sheet_offset(data) + 2))})
    import_run_execute.call(run.pk)
    assert not (import_dir / f"run-{run.pk}").exists()
    run.refresh_from_db()
    assert run.status in (ImportRun.Status.FAILED, ImportRun.Status.REJECTED)
    shown = run.error or " ".join(p[4] for p in run.problems)
    assert "Die Datei ist beschädigt und kann nicht gelesen werden" in shown


def test_files_gone_fail_the_run_instead_of_leaving_it_pending(coordinator, import_dir):
    run = ImportRun.objects.create(source_kind="csv", upload_dir=str(import_dir / "run-x"))
    import_run_execute.call(run.pk)
    _failed_page(
        coordinator, run, "Die hochgeladenen Dateien sind nicht mehr vorhanden; bitte erneut hochladen."
    )


def test_an_unexpected_error_fails_the_run_and_removes_its_files(coordinator, import_dir, monkeypatch):
    from stufenweg.interchange import tasks

    def explode(*args, **kwargs):
        raise zipfile.BadZipFile("Bad CRC-32 for file 'events.csv'")

    monkeypatch.setattr(tasks, "import_exchange", explode)
    run = _run_with(import_dir, "csv", {f"csv/{n}": t.encode() for n, t in FILES.items()})
    import_run_execute.call(run.pk)
    assert not (import_dir / f"run-{run.pk}").exists()
    _failed_page(
        coordinator,
        run,
        "Die Datei ist beschädigt und kann nicht gelesen werden (Prüfsumme, Größenangabe oder gepackte "
        "Daten stimmen nicht). Bitte die Datei neu erstellen und erneut hochladen.",
    )

    def fail(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr(tasks, "import_exchange", fail)
    run = _run_with(import_dir, "csv", {f"csv/{n}": t.encode() for n, t in FILES.items()})
    import_run_execute.call(run.pk)
    assert not (import_dir / f"run-{run.pk}").exists()
    _failed_page(coordinator, run, "Interner Fehler; bitte den Betrieb informieren.")


def test_events_not_in_utf8_are_a_problem_not_an_internal_error(coordinator, import_dir):
    files = {**FILES, "events.csv": FILES["events.csv"].replace("Arbeitsaufnahme", "Arbeitsaufnahme ä")}
    data = _zip({n: t for n, t in files.items() if n != "events.csv"})
    buffer = io.BytesIO(bytes(data))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("events.csv", files["events.csv"].encode("latin-1"))
    response = _post(coordinator, buffer.getvalue())
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED, run.error
    assert [p[0] for p in run.problems] == ["events.csv"]
    assert run.problems[0][4] == "Die Datei ist nicht UTF-8-kodiert."
    _nothing_on_disk(import_dir)


def test_upload_folders_are_readable_by_their_owner_only(coordinator, import_dir, monkeypatch):
    from stufenweg.interchange import tasks

    seen = {}

    def look(path, **kwargs):
        seen["modes"] = [oct(p.stat().st_mode & 0o777) for p in (import_dir, path.parent, path)]
        raise KeyError("stop")

    monkeypatch.setattr(tasks, "import_exchange", look)
    _post(coordinator, _zip(FILES))
    assert seen["modes"] == ["0o700", "0o700", "0o700"]
