"""Code-list labels of other apps that the shared layout shows, marked for the web catalogue.

The labels live as plain German strings in ``journeys.codes`` and ``core.models``; listing them
here lets ``makemessages`` pick them up so ``gettext(label)`` can show them in English.
"""

from django.utils.translation import gettext_noop

STATE_LABELS = (
    gettext_noop("zugewiesen"),
    gettext_noop("nicht angekommen"),
    gettext_noop("in Eignungsfeststellung"),
    gettext_noop("nicht geeignet"),
    gettext_noop("geeignet, ohne Platz"),
    gettext_noop("auf der Warteliste"),
    gettext_noop("in Stufe"),
    gettext_noop("unterbrochen"),
    gettext_noop("ausgetreten"),
    gettext_noop("Verbleib erfasst"),
)

AUDIT_ACTION_LABELS = (
    gettext_noop("Angelegt"),
    gettext_noop("Geändert"),
    gettext_noop("Ereignis erfasst"),
    gettext_noop("Ereignis korrigiert"),
    gettext_noop("Ereignis zurückgenommen"),
    gettext_noop("Gelesen"),
    gettext_noop("Exportiert"),
    gettext_noop("Importiert"),
    gettext_noop("Anmeldung"),
)
