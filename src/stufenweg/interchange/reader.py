"""Reading the input: a directory of CSV files or one XLSX workbook, row by row (streaming).

CSV: UTF-8 with or without BOM; the separator (``,`` or ``;``) is detected from the header line.
Our export writes a cell that a spreadsheet would read as a formula (or that starts with ``'``)
with a leading ``'``; in every CSV file one leading ``'`` followed by a formula start or ``'`` is
removed again (``core.spreadsheet.restore``; docs/exchange.md, "Formula cells"). XLSX: openpyxl
in read-only mode, one sheet per file, cells turned into the same text a CSV file would hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from stufenweg.core.spreadsheet import restore_row
from stufenweg.interchange.problems import UsageError

csv.field_size_limit(10 * 1024 * 1024)
logger = logging.getLogger(__name__)

# What reading a damaged ZIP container (an uploaded ZIP file, an XLSX workbook) raises: a wrong
# CRC or size (BadZipFile), damaged compressed data (zlib.error), data that end too early.
BROKEN_ARCHIVE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError)


def broken_file_message() -> str:
    return _(
        "Die Datei ist beschädigt und kann nicht gelesen werden (Prüfsumme, Größenangabe oder "
        "gepackte Daten stimmen nicht). Bitte die Datei neu erstellen und erneut hochladen."
    )


class ReadError(Exception):
    """The file cannot be read on (encoding); ``line`` is where it broke."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


@dataclass
class Sheet:
    file: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (line number, cells), header = line 1


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


class CsvDirectory:
    """A directory with ``*.csv`` files (other files are ignored)."""

    kind = "csv"

    def __init__(self, path: Path):
        self.path = path

    def files(self) -> list[str]:
        return sorted(p.name for p in self.path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")

    def size(self, name: str) -> int:
        return (self.path / name).stat().st_size

    def count_rows(self, name: str) -> int:
        """Lines after the header (cheap; a cell with a line break counts twice)."""
        count = 0
        with open(self.path / name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                count += block.count(b"\n")
        return max(count - 1, 0)

    def open(self, name: str) -> Sheet:
        handle = open(self.path / name, "rb")  # noqa: SIM115 - closed by the row iterator
        first = handle.readline()
        handle.seek(0)
        try:
            first_text = first.decode("utf-8-sig")
        except UnicodeDecodeError:
            handle.close()
            raise ReadError(1, _("Die Datei ist nicht UTF-8-kodiert.")) from None
        delimiter = ";" if first_text.count(";") > first_text.count(",") else ","
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            header = []
        except UnicodeDecodeError:
            text.close()
            raise ReadError(1, _("Die Datei ist nicht UTF-8-kodiert.")) from None
        except csv.Error as exc:
            text.close()
            raise ReadError(1, str(exc)) from None
        header = [h.strip() for h in header]

        def rows() -> Iterator[tuple[int, list[str]]]:
            try:
                while True:
                    line = reader.line_num + 1
                    try:
                        cells = next(reader)
                    except StopIteration:
                        return
                    except UnicodeDecodeError:
                        raise ReadError(line, _("Die Datei ist nicht UTF-8-kodiert.")) from None
                    except csv.Error as exc:
                        raise ReadError(line, str(exc)) from None
                    yield line, restore_row(cells)
            finally:
                text.close()

        return Sheet(file=name, header=header, rows=rows())


class XlsxWorkbook:
    """One workbook; sheet ``events`` is the file ``events.csv``."""

    kind = "xlsx"

    def __init__(self, path: Path):
        import openpyxl

        self.path = path
        try:
            self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except BROKEN_ARCHIVE:
            raise UsageError(broken_file_message()) from None
        except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException …
            raise UsageError(
                _("Die Arbeitsmappe kann nicht gelesen werden: %(error)s") % {"error": exc}
            ) from None

    def files(self) -> list[str]:
        return sorted(f"{title}.csv" for title in self.book.sheetnames)

    def size(self, name: str) -> int:
        return 0

    def count_rows(self, name: str) -> int:
        sheet = self.book[name.removesuffix(".csv")]
        return max((sheet.max_row or 1) - 1, 0)

    def open(self, name: str) -> Sheet:
        """The sheet's rows, read while they are iterated; a part of the workbook that is damaged
        (read only then, in read-only mode) ends the sheet with a ``ReadError`` at its row."""
        sheet = self.book[name.removesuffix(".csv")]
        iterator = sheet.iter_rows(values_only=True)
        try:
            first = next(iterator, None) or ()
        except Exception as exc:  # noqa: BLE001 - damaged ZIP data or XML, whatever the parser raises
            raise _damaged(1, exc) from None
        header = [_cell_text(v).strip() for v in first]
        while header and not header[-1]:
            header.pop()

        def rows() -> Iterator[tuple[int, list[str]]]:
            line = 1
            try:
                for line, values in enumerate(iterator, start=2):  # noqa: B007 - line after the loop
                    cells = [_cell_text(v) for v in values]
                    while len(cells) > len(header) and not cells[-1]:
                        cells.pop()
                    yield line, cells
            except Exception as exc:  # noqa: BLE001 - as above
                raise _damaged(line + 1, exc) from None

        return Sheet(file=name, header=header, rows=rows())

    def close(self) -> None:
        self.book.close()


def _damaged(line: int, exc: Exception) -> ReadError:
    logger.warning("workbook damaged at row %s: %s", line, type(exc).__name__)
    return ReadError(line, broken_file_message())


def open_source(path: str | Path) -> CsvDirectory | XlsxWorkbook:
    """The input at ``path``; ``UsageError`` if it is neither a directory nor an ``.xlsx`` file."""
    path = Path(path)
    if path.is_dir():
        return CsvDirectory(path)
    if path.is_file() and path.suffix.lower() == ".xlsx":
        return XlsxWorkbook(path)
    if not path.exists():
        raise UsageError(_("%(path)s gibt es nicht.") % {"path": path})
    raise UsageError(
        _("%(path)s ist weder ein Verzeichnis mit CSV-Dateien noch eine XLSX-Arbeitsmappe.") % {"path": path}
    )
