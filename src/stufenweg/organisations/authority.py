"""Who reads and who writes employers (the employer register, DOMAIN.md §1 extended).

Employers are no social data of participants, but their contact persons are personal data. The
register is shared by everyone whose work involves employers: the organisations that deliver the
programme and record internships and employment starts (``journeys.spec.DELIVERING``: coordination
office, regional offices, providers, mentoring projects).

* read (list, details with the contact person): any member of such an organisation except the
  data-protection and statistics roles (they see no personal data of this kind);
* create and edit (name, sector, address, contact person): a writing role (``caseworker``,
  ``org_admin``) in such an organisation — the same people who may record an internship, so that
  the internship form can create the employer it needs;
* deactivate / reactivate an employer, change its code or region: the coordination office's
  writing members only (the register is shared by all regions; ``core.authority``).

The Jobcenter (it refers, it records no internships), the data-protection officer and the
statistics role neither read nor write employer details. Checked in the services; views check too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.core.visibility import Scope, scope_of
from stufenweg.organisations.ordering import organisation_key


def _delivering(scope: Scope) -> bool:
    """``scope`` comes (partly) from a coordination office, regional office, provider or
    mentoring project membership (``scope_of`` maps exactly these kinds to these parts)."""
    return bool(scope.everything or scope.region_ids or scope.provider_org_ids)


def reads_employers(user) -> bool:
    return _delivering(scope_of(user))


def writes_employers(user) -> bool:
    return _delivering(scope_of(user, writing=True))


def require_employer_writer(by) -> None:
    """Refuse unless ``by`` may create and edit employers (``by=None``: the system itself)."""
    if by is not None and not writes_employers(by):
        raise PermissionDenied(
            _(
                "Arbeitgeber anlegen und ändern dürfen nur Mitarbeitende mit schreibender Rolle in der "
                "Regiestelle, einem Regionalbüro, bei einem Träger oder einem Mentorenprojekt."
            )
        )


# --- contact history and vacancies -------------------------------------------------------------
#
# Contacts and vacancies belong to the shared register: every reader of the register reads them
# (a contact's participant only when the reader sees that participation). Every writer of the
# register records them, for one of the user's delivering organisations with a writing role (the
# „erfassende Stelle“). A contact is changed only by writers of the organisation that recorded it
# or by the coordination office; a vacancy by any writer of the register (it holds no personal
# data; every change is audited with before and after).


def recording_organisations(user):
    """The active organisations for which ``user`` records employer contacts and vacancies: those
    of the delivering kinds in which the user has a writing role, the coordination office first."""
    from stufenweg.journeys.spec import DELIVERING
    from stufenweg.organisations.models import Membership, Organisation

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    rows = Organisation.objects.filter(
        active=True,
        kind__in=DELIVERING,
        memberships__user=user,
        memberships__role__in=Membership.WRITING_ROLES,
    ).distinct()
    return sorted(rows, key=organisation_key)


def require_recording_organisation(by, organisation):
    """The organisation ``by`` records for: ``organisation`` when given (it must be one of
    ``recording_organisations(by)``), else the first of them. The coordination office's writers
    may name any active delivering organisation (they change every contact too, and an import of
    the exchange format brings the contacts and vacancies every organisation recorded).
    ``by=None`` (the system) needs ``organisation``."""
    from stufenweg.core.authority import writes_for_coordination
    from stufenweg.journeys.spec import DELIVERING

    require_employer_writer(by)
    if by is None:
        if organisation is None:
            raise PermissionDenied(_("Ohne Benutzer muss die erfassende Stelle angegeben sein."))
        return organisation
    allowed = recording_organisations(by)
    if organisation is None:
        return allowed[0]
    if organisation.active and organisation.kind in DELIVERING and writes_for_coordination(by):
        return organisation
    if organisation.pk not in {org.pk for org in allowed}:
        raise PermissionDenied(
            _("Für diese Stelle dürfen Sie keine Arbeitgeberkontakte oder Stellen erfassen.")
        )
    return organisation


def contact_changer(user):
    """A test ``contact -> bool``: may ``user`` change it? Writers of the organisation that
    recorded the contact, and the coordination office's. One query, however many contacts."""
    from stufenweg.core.authority import writes_for_coordination

    if not writes_employers(user):
        return lambda contact: False
    if writes_for_coordination(user):
        return lambda contact: True
    own = {org.pk for org in recording_organisations(user)}
    return lambda contact: contact.organisation_id in own


def may_change_contact(user, contact) -> bool:
    return contact_changer(user)(contact)


def require_contact_changer(by, contact) -> None:
    if by is not None and not may_change_contact(by, contact):
        raise PermissionDenied(
            _("Einen Arbeitgeberkontakt ändern nur die erfassende Stelle und die Regiestelle.")
        )
