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
