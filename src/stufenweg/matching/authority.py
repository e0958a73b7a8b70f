"""Who may write target occupations, availability, qualifications and choices of suggestions.

The casework rule, as for contacts, the support plan and support services: a user writes for a
participation through a writing membership in an organisation of the delivering kinds that itself
sees it (``casework.selectors.may_act_on`` with ``casework.permissions.DELIVERING``). The services
check it for every caller; the views ask the same first to answer 404 (not visible) or 403
(visible, not writable). ``by=None`` is the system (demo loader, command line).

A vacancy is chosen only by someone who reads the employer register
(``organisations.authority.reads_employers``), since only they see vacancies.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.casework.permissions import DELIVERING
from stufenweg.casework.selectors import may_act_on
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to
from stufenweg.organisations.authority import reads_employers

WRITING_KINDS = DELIVERING


def refusal() -> str:
    return _("Sie dürfen für diese Teilnahme keine Fallarbeit erfassen.")


def may_write(user, participation: Participation) -> bool:
    """``user`` may write matching entries for ``participation`` (already known to be visible)."""
    return may_act_on(user, participation, WRITING_KINDS)


def require_writer(by, participation: Participation) -> None:
    """Refuse (``PermissionDenied``) unless ``by`` sees ``participation`` and may write casework
    for it; ``by=None`` (the system) passes."""
    if by is None:
        return
    visible = participations_visible_to(by).filter(pk=participation.pk).exists()
    if not visible or not may_write(by, participation):
        raise PermissionDenied(refusal())


def sees_vacancies(user) -> bool:
    return user is None or reads_employers(user)
