"""Storing an upload safely: our own file names only, size limits, ZIP members checked.

The uploaded names are never used as paths. A CSV file (also inside a ZIP) is accepted only if
its base name is one of the exchange format's file names, and it is stored under that name from
our own list; an XLSX workbook is stored as ``upload.xlsx``.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.conf import settings
from django.utils.translation import gettext as _

from stufenweg.interchange.schemas import BY_NAME

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
    """Write the upload into ``directory``; returns (path to import, exchange file names)."""
    directory.mkdir(parents=True, exist_ok=False)
    if kind == "xlsx":
        target = directory / "upload.xlsx"
        _copy(files[0], target)
        return target, ["upload.xlsx"]
    csv_dir = directory / "csv"
    csv_dir.mkdir()
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


def _unzip(upload, csv_dir: Path) -> list[str]:
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        raise UploadRefused(_("Die ZIP-Datei kann nicht gelesen werden.")) from None
    names: list[str] = []
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        members = [m for m in members if not _ignorable(m.filename)]
        if sum(m.file_size for m in members) > ZIP_EXPANSION_LIMIT * max_upload_bytes():
            raise UploadRefused(_("Der Inhalt der ZIP-Datei ist zu groß."))
        unknown = [m.filename for m in members if exchange_name(m.filename) is None]
        if unknown:
            raise UploadRefused(
                _("Die ZIP-Datei enthält unbekannte Dateien: %(names)s. Erwartet werden: %(expected)s.")
                % {"names": ", ".join(_safe_label(n) for n in unknown[:10]), "expected": ", ".join(BY_NAME)}
            )
        budget = ZIP_EXPANSION_LIMIT * max_upload_bytes()
        for member in members:
            name = exchange_name(member.filename)
            if name in names:
                raise UploadRefused(_("Die ZIP-Datei enthält %(name)s zweimal.") % {"name": name})
            with archive.open(member) as source, open(csv_dir / name, "wb") as target:
                while chunk := source.read(1 << 20):
                    budget -= len(chunk)
                    if budget < 0:
                        raise UploadRefused(_("Der Inhalt der ZIP-Datei ist zu groß."))
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
