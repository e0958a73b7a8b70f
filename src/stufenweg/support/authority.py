"""Who may write support services, barriers, phases and profile categories.

The same rule as every casework entry (contacts, needs assessments, the support plan):
``casework.authority`` (``may_write``, ``require_writer``), checked by the services for every
caller (web, API, import); nothing of it is repeated here.

The phases of a programme are programme settings: only the coordination office's writing members
change them (``core.authority.require_coordination_writer``, as for stages and caseload ratios).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from stufenweg.core.authority import require_coordination_writer, writes_for_coordination


def phases_refusal() -> str:
    return _(
        "Die Phasen des Förderplans dürfen nur Mitglieder der Regiestelle mit schreibender Rolle ändern."
    )


def may_configure_phases(user) -> bool:
    return writes_for_coordination(user)


def require_phase_configurer(by) -> None:
    require_coordination_writer(by, message=phases_refusal())
