"""Who may do what with the early warning (checked in the services; the views ask the same first
to answer with a page).

- Switching a programme's early warning on or off and retraining its model: the coordination
  office's writing members (``core.authority.require_coordination_writer``), like every programme
  setting.
- Deciding on a warning (confirm or dismiss): whoever may write casework for the participation
  (``casework.selectors.may_act_on`` with the delivering kinds), as for contacts and appointments.
- Reading: the worklist and the notice show the participants a user sees
  (``journeys.selectors.participations_visible_to``); the model page holds no personal data (only
  coefficients and suppressed aggregates) and is open to every member of an organisation.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.casework.permissions import DELIVERING, acting_scope
from stufenweg.casework.selectors import may_act_on
from stufenweg.core.authority import require_coordination_writer, writes_for_coordination
from stufenweg.journeys.selectors import participations_in_scope, participations_visible_to


def configure_refusal() -> str:
    return _("Die Frühwarnung eines Programms steuern nur Mitglieder der Regiestelle mit schreibender Rolle.")


def decide_refusal() -> str:
    return _("Sie dürfen für diese Teilnahme keine Entscheidung zur Frühwarnung erfassen.")


def may_configure(user) -> bool:
    return writes_for_coordination(user)


def require_configurer(by) -> None:
    require_coordination_writer(by, message=configure_refusal())


def may_decide(user, participation) -> bool:
    """``user`` may decide on warnings for ``participation`` (already known to be visible)."""
    return may_act_on(user, participation, DELIVERING)


def decidable_ids(user, participation_ids) -> set[int]:
    """The ids among ``participation_ids`` (already known to be visible) on whose warnings
    ``user`` may decide, in one query: the worklist offers its button only for these."""
    scope = acting_scope(user, DELIVERING)
    ids = set(participation_ids)
    if scope.everything:
        return ids
    if not scope.personal_data or not ids:
        return set()
    return set(participations_in_scope(scope).filter(pk__in=ids).values_list("pk", flat=True))


def require_decider(by, participation) -> None:
    """Refuse unless ``by`` sees ``participation`` and may write casework for it; ``by=None`` is
    the system (demo loader)."""
    if by is None:
        return
    visible = participations_visible_to(by).filter(pk=participation.pk).exists()
    if not visible or not may_decide(by, participation):
        raise PermissionDenied(decide_refusal())
