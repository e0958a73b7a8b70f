"""Who may write support services, barriers, phases and profile categories.

The same rule as every casework entry (contacts, needs assessments, the support plan):
``casework.authority`` (``may_write``, ``require_writer``), checked by the services for every
caller (web, API, import); nothing of it is repeated here.

A referral to a support service (planned, its status moved on, corrected) is written by the
delivering kinds and by the Jobcenter (``SERVICE_REFERRING``): the Jobcenter refers people
(DOMAIN.md §1, „zuweisen“), and the services are its instruments — the municipal integration
services of § 16a SGB II (childcare, debt counselling, psychosocial support, addiction
counselling), the language courses it obliges people to attend, the recognition of a foreign
qualification (DOMAIN.md §2, the Jobcenter programme AMIP). It writes them for the participations
it sees, the people it referred. Barriers, phases and profile categories stay with the
delivering kinds.

The phases of a programme are programme settings: only the coordination office's writing members
change them (``core.authority.require_coordination_writer``, as for stages and caseload ratios).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from stufenweg.casework.authority import may_write, require_writer
from stufenweg.casework.permissions import DELIVERING
from stufenweg.core.authority import require_coordination_writer, writes_for_coordination
from stufenweg.organisations.models import Organisation

#: the organisation kinds that refer participants to support services
SERVICE_REFERRING: frozenset[str] = DELIVERING | {Organisation.Kind.JOBCENTER}


def may_refer_to_services(user, participation) -> bool:
    """``user`` may plan, move on and correct referrals to support services of ``participation``
    (already known to be visible)."""
    return may_write(user, participation, SERVICE_REFERRING)


def require_service_referrer(by, participation) -> None:
    """Refuse (``PermissionDenied``) unless ``by`` sees ``participation`` and refers to services
    for it; ``by=None`` (the system) passes."""
    require_writer(by, participation, SERVICE_REFERRING)


def phases_refusal() -> str:
    return _(
        "Die Phasen des Förderplans dürfen nur Mitglieder der Regiestelle mit schreibender Rolle ändern."
    )


def may_configure_phases(user) -> bool:
    return writes_for_coordination(user)


def require_phase_configurer(by) -> None:
    require_coordination_writer(by, message=phases_refusal())
