"""Who may write support services, barriers, phases and profile categories.

The same rule as every casework entry (contacts, needs assessments, the support plan): a user
writes for a participation through a writing membership in an organisation of the delivering
kinds that itself sees it (``casework.selectors.may_act_on`` with ``casework.permissions.DELIVERING``);
nothing is duplicated here. The services check it for every caller (web, API, import), the views
ask the same first to answer 404 (not visible) or 403 (visible, not writable). ``by=None`` is the
system (demo loader, command line).

The phases of a programme are programme settings: only the coordination office's writing members
change them (``core.authority.require_coordination_writer``, as for stages and caseload ratios).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.casework.permissions import DELIVERING
from stufenweg.casework.selectors import may_act_on
from stufenweg.core.authority import require_coordination_writer, writes_for_coordination
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to

WRITING_KINDS = DELIVERING


def refusal() -> str:
    return _("Sie dürfen für diese Teilnahme keine Fallarbeit erfassen.")


def phases_refusal() -> str:
    return _(
        "Die Phasen des Förderplans dürfen nur Mitglieder der Regiestelle mit schreibender Rolle ändern."
    )


def may_write(user, participation: Participation) -> bool:
    """``user`` may write support entries for ``participation`` (already known to be visible)."""
    return may_act_on(user, participation, WRITING_KINDS)


def require_writer(by, participation: Participation) -> None:
    """Refuse (``PermissionDenied``) unless ``by`` sees ``participation`` and may write casework
    for it; ``by=None`` (the system) passes."""
    if by is None:
        return
    visible = participations_visible_to(by).filter(pk=participation.pk).exists()
    if not visible or not may_write(by, participation):
        raise PermissionDenied(refusal())


def may_configure_phases(user) -> bool:
    return writes_for_coordination(user)


def require_phase_configurer(by) -> None:
    require_coordination_writer(by, message=phases_refusal())
