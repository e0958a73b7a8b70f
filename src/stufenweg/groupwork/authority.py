"""Who sees and who changes group events (checked in the services; the views ask the same).

*Seeing* an event: the coordination office sees all; a regional office the events of its region;
a provider, mentoring project or Jobcenter the events of its own region and those it organises.
The data-protection officer and the statistics role see no event page (the statistics role reads
the figures). An event outside a user's sight is a 404, like one that does not exist.

*Organising* (create, edit, add sessions, cancel, record attendance): a writing member
(``Membership.WRITING_ROLES``) of the organiser organisation, or of the coordination office. The
organiser kinds are Jobcenter, provider, regional office and coordination office.

*Booking* a participant (and cancelling that booking): a user who may act on the participation
with any casework action (``casework.selectors.may_act_on`` with ``BOOKING_KINDS``: a writing
membership in an organisation that sees the participation). The organiser's writing members may
cancel every booking of their event.

*Seeing bookings*: the organiser's members and the coordination office see every booking of the
event (name and person ID, which they need to run the sessions and record attendance); everyone
else sees the bookings of the participations they see and a count of the others.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from stufenweg.core.visibility import Scope, scope_of
from stufenweg.journeys.authority import COORDINATING, DELIVERING, REFERRING
from stufenweg.organisations.models import Membership, Organisation
from stufenweg.organisations.ordering import name_key

K = Organisation.Kind
ORGANISER_KINDS = frozenset({K.JOBCENTER, K.PROVIDER, K.REGIONAL_OFFICE, K.COORDINATION_OFFICE})
BOOKING_KINDS = COORDINATING | DELIVERING | REFERRING


def _memberships(user, *, writing: bool) -> list[tuple[int, str, int | None]]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache_name = "_groupwork_writing" if writing else "_groupwork_reading"
    cached = getattr(user, cache_name, None)
    if cached is not None:
        return cached
    rows = Membership.objects.filter(user=user, organisation__active=True).exclude(
        role__in=[Membership.Role.DATA_PROTECTION, Membership.Role.STATISTICS]
    )
    if writing:
        rows = rows.filter(role__in=Membership.WRITING_ROLES)
    result = list(rows.values_list("organisation_id", "organisation__kind", "organisation__region_id"))
    setattr(user, cache_name, result)
    return result


def event_visibility_q(user) -> Q | None:
    """A filter on ``GroupEvent`` for ``user``; ``None``: every event."""
    scope: Scope = scope_of(user)
    if scope.everything:
        return None
    rows = _memberships(user, writing=False)
    organisations = {org for org, _kind, _region in rows}
    regions = set(scope.region_ids) | {region for _org, _kind, region in rows if region}
    condition = Q(pk__in=[])
    if organisations:
        condition |= Q(organiser_id__in=organisations)
    if regions:
        condition |= Q(region_id__in=regions)
    return condition


def sees_events(user) -> bool:
    return scope_of(user).everything or bool(_memberships(user, writing=False))


def organiser_choices(user) -> list[Organisation]:
    """The organisations ``user`` may organise events for: its writing memberships in organiser
    kinds (a writing member of the coordination office may name any active one)."""
    if scope_of(user, writing=True).everything:
        return sorted(Organisation.objects.filter(active=True, kind__in=ORGANISER_KINDS), key=name_key)
    ids = [org for org, kind, _region in _memberships(user, writing=True) if kind in ORGANISER_KINDS]
    return sorted(Organisation.objects.filter(pk__in=ids), key=name_key)


def may_organise(user, organiser_id: int) -> bool:
    """``user`` may manage events of ``organiser_id``."""
    if user is None:
        return True  # the system (demo loader, command line)
    if scope_of(user, writing=True).everything:
        return True
    return any(
        org == organiser_id and kind in ORGANISER_KINDS for org, kind, _r in _memberships(user, writing=True)
    )


def can_organise_somewhere(user) -> bool:
    return scope_of(user, writing=True).everything or any(
        kind in ORGANISER_KINDS for _o, kind, _r in _memberships(user, writing=True)
    )


def sees_all_bookings(user, event) -> bool:
    """The organiser's members and the coordination office see every booking of ``event``."""
    if scope_of(user).everything:
        return True
    return any(org == event.organiser_id for org, _k, _r in _memberships(user, writing=False))


def require_organiser(by, event_or_organiser_id, *, message: str | None = None) -> None:
    organiser_id = getattr(event_or_organiser_id, "organiser_id", event_or_organiser_id)
    if not may_organise(by, organiser_id):
        raise PermissionDenied(
            message
            or _("Nur die veranstaltende Stelle oder die Regiestelle darf dieses Gruppenangebot ändern.")
        )
