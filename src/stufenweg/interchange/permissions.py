"""Who may run an import: a writing member of the coordination office (``core.authority``).

An import writes organisations, measures, persons and journeys of every region, so it belongs to
the coordination office; a dry run is an import too (it stores the uploaded social data while it
runs and keeps its problem list, which quotes cell values, for weeks), so a read-only member
may look at past runs but start none. Checked where every import starts
(``importer.import_exchange``: web task, command line, tests) and in the upload view.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.core.authority import writes_for_coordination
from stufenweg.interchange.problems import UsageError


class ImportNotAllowed(UsageError, PermissionDenied):
    """The user may not run imports. A ``UsageError`` for the command line (exit code 2) and the
    background task (the run fails with this message); a ``PermissionDenied`` (403) on the web."""


def import_refusal() -> str:
    return _(
        "Importe dürfen nur Mitglieder der Regiestelle mit schreibender Rolle (Fallbearbeitung oder "
        "Organisationsverwaltung) ausführen, auch als Probelauf."
    )


def may_import(user) -> bool:
    """``user`` may start an import run (dry or not); ``None`` is the system (command line)."""
    return user is None or writes_for_coordination(user)


def import_permission_check(*, by) -> None:
    """Raise ``ImportNotAllowed`` unless ``by`` may run imports."""
    if not may_import(by):
        raise ImportNotAllowed(import_refusal())
