"""The casework rule for writes about one participation, in one place for the areas that follow it
(support services, barriers and profile categories in ``support``; target occupations,
availability, qualifications and choices in ``matching``): a user writes for a participation
through a writing membership in an organisation of the delivering kinds that itself sees it
(``casework.selectors.may_act_on`` with ``casework.permissions.DELIVERING``), as for contacts and
the support plan. An area may name other organisation kinds for one kind of entry (``kinds``):
the referrals to support services are also written by the Jobcenter (``support.authority``).
The services check it for every caller (web, API, import); the views ask the same first to answer
404 (not visible) or 403 (visible, not writable). ``by=None`` is the system (demo loader, command
line).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.casework.permissions import DELIVERING
from stufenweg.casework.selectors import may_act_on
from stufenweg.journeys.models import Participation
from stufenweg.journeys.selectors import participations_visible_to


def refusal() -> str:
    return _("Sie dürfen für diese Teilnahme keine Fallarbeit erfassen.")


def may_write(user, participation: Participation, kinds: frozenset[str] = DELIVERING) -> bool:
    """``user`` may write casework entries for ``participation`` (already known to be visible);
    ``kinds``: the organisation kinds that write the entry (the delivering kinds unless an area
    declares others, as ``support.authority.SERVICE_REFERRING`` for referrals to services)."""
    return may_act_on(user, participation, kinds)


def require_writer(by, participation: Participation, kinds: frozenset[str] = DELIVERING) -> None:
    """Refuse (``PermissionDenied``) unless ``by`` sees ``participation`` and may write casework
    for it through an organisation of ``kinds``; ``by=None`` (the system) passes."""
    if by is None:
        return
    visible = participations_visible_to(by).filter(pk=participation.pk).exists()
    if not visible or not may_write(by, participation, kinds):
        raise PermissionDenied(refusal())
