"""Storing an upload safely: our own file names only, size limits, archives checked.

The uploaded names are never used as paths. A CSV file (also inside a ZIP) is accepted only if
its base name is one of the exchange format's file names, and it is stored under that name from
our own list; an XLSX workbook is stored as ``upload.xlsx``. Every archive (a ZIP of CSV files, an
XLSX workbook, which is a ZIP of XML files) is read completely while the upload is stored: a
damaged one (wrong CRC, lying sizes, truncated, not a ZIP at all), encrypted members, an
unsupported packing method or too much content refuse the upload with a German message next to
the file field, before a run starts. The folders are readable by their owner only (personal data).
"""

from __future__ import annotations

import logging
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.conf import settings
from django.utils.translation import gettext as _

from stufenweg.interchange.reader import BROKEN_ARCHIVE
from stufenweg.interchange.schemas import BY_NAME

logger = logging.getLogger(__name__)
CHUNK = 1 << 20
PRIVATE_DIR = 0o700

ZIP_EXPANSION_LIMIT = 20  # uncompressed content may be at most 20 × the upload limit


class UploadRefused(Exception):
    pass


def max_upload_bytes() -> int:
    return int(settings.STUFENWEG_MAX_UPLOAD_BYTES)


def import_root() -> Path:
    return Path(getattr(settings, "STUFENWEG_IMPORT_DIR", None) or Path(settings.DATA_DIR) / "imports")


def exchange_name(uploaded: str) -> str | None:
    """The exchange-format file name for an uploaded name (base name, case-insensitive), or None."""
    base = PureWindowsPath(PurePosixPath(uploaded).name).name.strip().lower()
    schema = BY_NAME.get(base)
    return schema.name if schema else None


def classify(files) -> str:
    """``xlsx``, ``zip`` or ``csv`` for the uploaded files; ``UploadRefused`` otherwise."""
    if not files:
        raise UploadRefused(_("Bitte eine Datei auswählen."))
    total = sum(f.size for f in files)
    if total > max_upload_bytes():
        raise UploadRefused(
            _("Die Datei ist zu groß (%(size)s MB); erlaubt sind höchstens %(limit)s MB.")
            % {"size": _mb(total), "limit": _mb(max_upload_bytes())}
        )
    suffixes = {PurePosixPath(f.name).suffix.lower() for f in files}
    if len(files) == 1 and suffixes == {".xlsx"}:
        return "xlsx"
    if len(files) == 1 and suffixes == {".zip"}:
        return "zip"
    if suffixes == {".csv"}:
        unknown = [f.name for f in files if exchange_name(f.name) is None]
        if unknown:
            raise UploadRefused(
                _("Unbekannte Dateinamen: %(names)s. Erwartet werden: %(expected)s.")
                % {"names": ", ".join(_safe_label(n) for n in unknown), "expected": ", ".join(BY_NAME)}
            )
        return "csv"
    raise UploadRefused(
        _("Bitte eine XLSX-Arbeitsmappe, eine ZIP-Datei mit CSV-Dateien oder mehrere CSV-Dateien hochladen.")
    )


def store(files, kind: str, directory: Path) -> tuple[Path, list[str]]:
    """Write the upload into ``directory``; returns (path to import, exchange file names).
    ``UploadRefused`` for every upload that cannot be imported (the caller removes ``directory``)."""
    try:
        return _store(files, kind, directory)
    except UploadRefused:
        raise
    except OSError as exc:  # our side (disk full, permissions): no 500, a message, the log
        logger.error("upload could not be stored: %s", type(exc).__name__)
        raise UploadRefused(
            _(
                "Die Datei konnte nicht gespeichert werden; bitte später erneut versuchen oder den Betrieb informieren."
            )
        ) from None


def _store(files, kind: str, directory: Path) -> tuple[Path, list[str]]:
    _private_dir(directory.parent, parents=True, exist_ok=True)
    _private_dir(directory, exist_ok=False)
    if kind == "xlsx":
        target = directory / "upload.xlsx"
        _copy(files[0], target)
        _check_workbook(target)
        return target, ["upload.xlsx"]
    csv_dir = directory / "csv"
    _private_dir(csv_dir)
    names: list[str] = []
    if kind == "csv":
        for upload in files:
            name = exchange_name(upload.name)
            if name in names:
                raise UploadRefused(_("Die Datei %(name)s wurde zweimal hochgeladen.") % {"name": name})
            _copy(upload, csv_dir / name)
            names.append(name)
        return csv_dir, sorted(names)
    return csv_dir, _unzip(files[0], csv_dir)


def _private_dir(path: Path, *, parents: bool = False, exist_ok: bool = False) -> None:
    path.mkdir(mode=PRIVATE_DIR, parents=parents, exist_ok=exist_ok)
    path.chmod(PRIVATE_DIR)  # also when it existed, and whatever the umask


def _open_archive(source, not_an_archive: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (*BROKEN_ARCHIVE, OSError, ValueError):
        raise UploadRefused(not_an_archive) from None


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members that hold data; encrypted ones or too much declared content refuse the upload."""
    members = [m for m in archive.infolist() if not m.is_dir()]
    encrypted = [m for m in members if m.flag_bits & 0x1]
    if encrypted:
        raise UploadRefused(
            _("Die Datei enthält verschlüsselte Teile (%(names)s); bitte ohne Passwort speichern.")
            % {"names": ", ".join(_safe_label(m.filename) for m in encrypted[:5])}
        )
    if sum(m.file_size for m in members) > ZIP_EXPANSION_LIMIT * max_upload_bytes():
        raise UploadRefused(_("Der Inhalt der ZIP-Datei ist zu groß."))
    return members


def _unpacked(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int]) -> Iterator[bytes]:
    """The member's content in chunks, checked as it is read (CRC, sizes, compressed data) and
    counted against the shared ``budget`` (the expansion limit; sizes in the archive may lie)."""
    try:
        with archive.open(member) as source:
            while chunk := source.read(CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise UploadRefused(_("Der Inhalt der ZIP-Datei ist zu groß."))
                yield chunk
    except NotImplementedError:  # a packing method zipfile cannot read
        raise UploadRefused(
            _(
                "Die Datei ist mit einem nicht unterstützten Verfahren gepackt (%(name)s); bitte als gewöhnliche ZIP-Datei packen."
            )
            % {"name": _safe_label(member.filename)}
        ) from None
    except (*BROKEN_ARCHIVE, RuntimeError, ValueError):  # RuntimeError: encrypted despite the flag
        raise UploadRefused(
            _(
                "Die Datei ist beschädigt: %(name)s lässt sich nicht fehlerfrei entpacken (Prüfsumme, Größenangabe oder gepackte Daten stimmen nicht). Bitte die Datei neu erstellen."
            )
            % {"name": _safe_label(member.filename)}
        ) from None


def _check_workbook(path: Path) -> None:
    """An XLSX workbook is a ZIP archive: read it completely once, as a ZIP upload is read."""
    archive = _open_archive(
        path, _("Die Datei ist keine lesbare XLSX-Arbeitsmappe (beschädigt oder kein Excel-Format).")
    )
    with archive:
        budget = [ZIP_EXPANSION_LIMIT * max_upload_bytes()]
        for member in _members(archive):
            for _chunk in _unpacked(archive, member, budget):
                pass


def _unzip(upload, csv_dir: Path) -> list[str]:
    archive = _open_archive(
        upload, _("Die ZIP-Datei kann nicht gelesen werden (beschädigt, unvollständig oder keine ZIP-Datei).")
    )
    names: list[str] = []
    with archive:
        members = [m for m in _members(archive) if not _ignorable(m.filename)]
        unknown = [m.filename for m in members if exchange_name(m.filename) is None]
        if unknown:
            raise UploadRefused(
                _("Die ZIP-Datei enthält unbekannte Dateien: %(names)s. Erwartet werden: %(expected)s.")
                % {"names": ", ".join(_safe_label(n) for n in unknown[:10]), "expected": ", ".join(BY_NAME)}
            )
        budget = [ZIP_EXPANSION_LIMIT * max_upload_bytes()]
        for member in members:
            name = exchange_name(member.filename)
            if name in names:
                raise UploadRefused(_("Die ZIP-Datei enthält %(name)s zweimal.") % {"name": name})
            with open(csv_dir / name, "wb") as target:
                for chunk in _unpacked(archive, member, budget):
                    target.write(chunk)
            names.append(name)
    if not names:
        raise UploadRefused(_("Die ZIP-Datei enthält keine CSV-Dateien des Austauschformats."))
    return sorted(names)


def _ignorable(name: str) -> bool:
    """Hidden files (``.DS_Store``) and macOS resource folders, not ``..`` in a path."""
    path = PurePosixPath(name)
    return path.name.startswith(".") or "__MACOSX" in path.parts


def _copy(upload, target: Path) -> None:
    with open(target, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)


def _safe_label(name: str) -> str:
    return PurePosixPath(name).name[:80]


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def remove(directory: str | Path) -> None:
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
