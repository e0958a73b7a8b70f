"""Files attached to persons: type by content, size limit, encrypted storage outside static files.

- **Type**: decided from the content (magic bytes, and for ZIP-based office formats the entries
  inside the archive), never from the name or the browser's claim alone. Allowed: PDF, PNG, JPEG,
  DOCX and ODT. The name's extension must fit the content (a ``.pdf`` that is a PNG is refused).
- **Size**: at most ``settings.STUFENWEG_DOCUMENT_MAX_BYTES`` (10 MB unless configured).
- **Storage**: the content is encrypted with the field keys (``core.fields.cipher``, Fernet,
  newest key first) and written to ``settings.STUFENWEG_DOCUMENT_DIR`` (not under ``STATIC_ROOT`` or
  ``MEDIA_ROOT``; nothing serves that folder) as ``<random>.bin`` with mode 0600 in a folder of
  mode 0700. The uploaded name is never used as a path.
- **Download** only through ``people.views.document_download`` (visibility checked, read audited).
"""

from __future__ import annotations

import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stufenweg.core.fields import cipher

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]
    label: str


PDF = FileType("application/pdf", (".pdf",), "PDF")
PNG = FileType("image/png", (".png",), "PNG")
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"), "JPEG")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "DOCX")
ODT = FileType("application/vnd.oasis.opendocument.text", (".odt",), "ODT")
ALLOWED = (PDF, PNG, JPEG, DOCX, ODT)
BY_CONTENT_TYPE = {t.content_type: t for t in ALLOWED}


def max_bytes() -> int:
    return int(getattr(settings, "STUFENWEG_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_label() -> str:
    return ", ".join(t.label for t in ALLOWED)


def _zip_type(head: bytes, data: bytes) -> FileType | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if names and names[0] == "mimetype":
            info = archive.getinfo("mimetype")
            if info.file_size < 200 and archive.read("mimetype").strip() == ODT.content_type.encode():
                return ODT
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, NotImplementedError, RuntimeError, OSError):
        return None
    return None


def sniff(data: bytes) -> FileType | None:
    """The allowed file type of ``data`` by its content, or ``None``."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(head, data)
    return None


def safe_name(name: str, file_type: FileType) -> str:
    """A file name fit for a download header: no folders, no control characters, at most 100
    characters, ending in an extension of ``file_type``."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[\"<>:|?*;]", "_", base).strip(" .")
    stem, ext = os.path.splitext(base)
    if ext.lower() not in file_type.extensions:
        stem = base
        ext = file_type.extensions[0]
    stem = stem[:100] or "dokument"
    return stem + ext.lower()


def check_size(size: int) -> None:
    """Refuse (``ValidationError`` on ``file``) a file larger than ``max_bytes()``."""
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            {
                "file": [
                    _("Die Datei ist zu groß (%(size)s MB); erlaubt sind höchstens %(limit)s MB.")
                    % {"size": f"{size / 1024 / 1024:.1f}", "limit": f"{limit / 1024 / 1024:g}"}
                ]
            }
        )


def check_upload(*, name: str, data: bytes) -> tuple[FileType, str]:
    """Validate an upload: size, type by content, extension fitting the content. Returns the
    type and a safe file name, or raises ``ValidationError`` on ``file`` with a German message."""
    if not data:
        raise ValidationError({"file": [_("Die Datei ist leer.")]})
    check_size(len(data))
    file_type = sniff(data)
    if file_type is None:
        raise ValidationError(
            {
                "file": [
                    _("Dieser Dateityp wird nicht angenommen. Erlaubt sind: %(types)s.")
                    % {"types": allowed_label()}
                ]
            }
        )
    ext = os.path.splitext(re.split(r"[\\/]", name or "")[-1])[1].lower()
    if ext and ext not in file_type.extensions:
        raise ValidationError(
            {
                "file": [
                    _(
                        "Inhalt und Dateiendung passen nicht zusammen: Die Datei ist ein %(type)s, "
                        "heißt aber „…%(ext)s“."
                    )
                    % {"type": file_type.label, "ext": ext}
                ]
            }
        )
    return file_type, safe_name(name, file_type)


def document_dir() -> Path:
    configured = getattr(settings, "STUFENWEG_DOCUMENT_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "documents"


def new_storage_name() -> str:
    return secrets.token_hex(16) + ".bin"


def path_of(storage_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}\.bin", storage_name):
        raise ValueError("invalid storage name")
    return document_dir() / storage_name


def write_encrypted(storage_name: str, data: bytes) -> Path:
    """Encrypt ``data`` and write it as ``storage_name`` (mode 0600, folder 0700)."""
    folder = document_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = path_of(storage_name)
    token = cipher().encrypt(data)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(token)
    return path


def read_decrypted(storage_name: str) -> bytes:
    return cipher().decrypt(path_of(storage_name).read_bytes())


def remove_file(storage_name: str) -> None:
    path_of(storage_name).unlink(missing_ok=True)
