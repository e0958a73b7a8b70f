"""The confirmations of the casework pages, one German sentence per action, in one place.

Journey actions carry theirs in their spec (``casework.actions.JourneyAction.done``); the other
casework writes take theirs from ``CONFIRMATIONS`` by the name of the action. A test checks
that every confirmation is a sentence (capital letter first, full stop last).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

CONFIRMATIONS = {
    "contact_add": _("Der Kontakt wurde gespeichert."),
    "appointment_add": _("Der Termin wurde angelegt."),
    "appointment_status": _("Der Termin wurde aktualisiert."),
    "assessment_add": _("Die Einschätzung wurde gespeichert."),
    "goal_add": _("Das Ziel wurde angelegt."),
    "goal_status": _("Das Ziel wurde aktualisiert."),
    "goal_edit": _("Das Ziel wurde geändert."),
    "plan_action_add": _("Der Schritt wurde angelegt."),
    "plan_action_edit": _("Der Schritt wurde geändert."),
    "plan_action_progress": _("Der Fortschritt wurde gespeichert."),
    "event_correct": _("Die Korrektur wurde gespeichert."),
    "event_void": _("Das Ereignis wurde zurückgenommen."),
    "refer": _("Die Zuweisung wurde gespeichert."),
    "saved_filter_save": _("Der Filter wurde gespeichert."),
    "saved_filter_delete": _("Der Filter wurde gelöscht."),
    "case_take": _("Sie haben den Fall übernommen."),
    "caseworker_assign": _("Die Fallverantwortung wurde geändert."),
    "caseworker_unassign": _("Die Fallverantwortung wurde aufgehoben."),
    "nothing_changed": _("Es wurde nichts geändert."),
}


def confirmation(action: str) -> str:
    return str(CONFIRMATIONS[action])


def reassigned_message(count: int) -> str:
    """The caseload page's confirmation after a reassignment of ``count`` participations."""
    return ngettext(
        "Eine Teilnahme wurde neu zugeordnet.",
        "%(count)s Teilnahmen wurden neu zugeordnet.",
        count,
    ) % {"count": count}
