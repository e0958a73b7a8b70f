"""Who manages which staff accounts (docs/security.md, „Konten“).

* The **coordination office** manages every account: a member with a writing role there
  (``Membership.WRITING_ROLES``: ``caseworker``, ``org_admin``; ``core.authority``), like the
  import and the targets.
* The **organisation administration** (role ``org_admin``) of any other (active) organisation
  manages the accounts of its own organisation: it sees every account with a membership there,
  adds, changes and removes memberships *there*, and changes an account as a whole (name, e-mail,
  deactivation, new password link, second-factor reset) only when every membership of the account
  is in organisations it administers. It grants the roles read-only, casework and organisation
  administration; the data-protection and statistics roles reach beyond one organisation (the
  whole audit trail, the reports of every region) and are granted by the coordination office only.
* Nobody acts on their own account here (no own roles, no own deactivation, no own reset): a
  second person does. Read-only members, the data-protection officer and the statistics role
  manage no accounts.

Checked in ``admin_services`` (``PermissionDenied`` with a German message); the views check it too
to answer with a page, and ``admin_selectors`` limits what is listed and found (404 outside).
"""

from __future__ import annotations

from dataclasses import dataclass

from stufenweg.core.authority import writes_for_coordination
from stufenweg.organisations.models import Membership, Organisation

#: roles an organisation administration (outside the coordination office) may grant
LOCAL_ROLES = frozenset({Membership.Role.READ_ONLY, Membership.Role.CASEWORKER, Membership.Role.ORG_ADMIN})


@dataclass(frozen=True)
class AccountAuthority:
    everything: bool = False  # writes for the coordination office: every account
    organisation_ids: frozenset[int] = frozenset()  # organisations it administers (org_admin)

    @property
    def manages_accounts(self) -> bool:
        return self.everything or bool(self.organisation_ids)

    def grants(self, role: str) -> bool:
        return self.everything or role in LOCAL_ROLES

    def administers(self, organisation_id: int) -> bool:
        return self.everything or organisation_id in self.organisation_ids


NONE = AccountAuthority()


def account_authority_of(user) -> AccountAuthority:
    """The accounts ``user`` manages; cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NONE
    cached = getattr(user, "_stufenweg_account_authority", None)
    if cached is not None:
        return cached
    if writes_for_coordination(user):
        authority = AccountAuthority(everything=True)
    else:
        ids = Membership.objects.filter(
            user=user, role=Membership.Role.ORG_ADMIN, organisation__active=True
        ).values_list("organisation_id", flat=True)
        authority = AccountAuthority(organisation_ids=frozenset(ids))
    user._stufenweg_account_authority = authority
    return authority


def organisations_administered_by(user):
    """The active organisations in which ``user`` may add memberships (unordered: the forms list
    them in German order, ``organisations.ordering.name_key``)."""
    authority = account_authority_of(user)
    organisations = Organisation.objects.filter(active=True)
    if authority.everything:
        return organisations
    return organisations.filter(pk__in=authority.organisation_ids)


def manages_whole_account(by, target) -> bool:
    """``by`` may change ``target`` as a whole (not only one membership)."""
    authority = account_authority_of(by)
    if authority.everything:
        return True
    if not authority.organisation_ids:
        return False
    org_ids = set(Membership.objects.filter(user=target).values_list("organisation_id", flat=True))
    return bool(org_ids) and org_ids <= authority.organisation_ids


def sees_account(by, target) -> bool:
    """``target`` is in ``by``'s account list (a membership in an organisation it administers)."""
    authority = account_authority_of(by)
    if authority.everything:
        return True
    return Membership.objects.filter(user=target, organisation_id__in=authority.organisation_ids).exists()
