"""Who reads and writes mentoring (DOMAIN.md: the mentoring project sees its mentees only).

* The *mentoring projects of a participation* are the active organisations of kind
  ``mentoring_project`` that provide a measure the participation is enrolled in.
* Read (the section on the participant page, the log, the after-placement support): members of
  those projects (not the data-protection or statistics roles) and the coordination office.
  Nobody else — a regional office or provider that sees the participation does not see its
  mentoring log.
* Assign a mentor: a writing member (``Membership.WRITING_ROLES``) of such a project; the lead
  (``org_admin``) assigns any writing member of the project (staff or volunteer account), a
  caseworker only themselves.
* Write the log, the after-placement support, end a mentorship: its mentor (still a writing
  member of its project) or the project's lead.

Checked in ``mentoring.services`` for every caller; the views and the page ask the same.
``by=None`` is the system (demo loader).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.core.visibility import scope_of
from stufenweg.journeys.models import Enrolment
from stufenweg.organisations.models import Membership, Organisation, User


def mentoring_projects(participation):
    providers = Enrolment.objects.filter(participation_id=participation.pk).values("measure__provider_id")
    return Organisation.objects.filter(
        pk__in=providers, kind=Organisation.Kind.MENTORING_PROJECT, active=True
    )


def _memberships(user, participation, roles):
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(
        user=user, role__in=roles, organisation__in=mentoring_projects(participation)
    )


READING_ROLES = (Membership.Role.READ_ONLY, *Membership.WRITING_ROLES)


def reads_mentoring(user, participation) -> bool:
    if scope_of(user).everything:
        return True
    return _memberships(user, participation, READING_ROLES).exists()


def assigning_projects(user, participation) -> list[Organisation]:
    """The projects for which ``user`` may assign a mentor to ``participation``."""
    rows = _memberships(user, participation, Membership.WRITING_ROLES).select_related("organisation")
    return sorted({m.organisation for m in rows}, key=lambda org: (org.name, org.pk))


def is_lead(user, organisation) -> bool:
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and Membership.objects.filter(
            user=user, organisation=organisation, role=Membership.Role.ORG_ADMIN
        ).exists()
    )


def mentor_candidates(user, organisation):
    """The mentors ``user`` may choose for ``organisation``: every writing member when lead,
    else only the user."""
    staff = User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role__in=Membership.WRITING_ROLES,
    ).distinct()
    if user is not None and not is_lead(user, organisation):
        staff = staff.filter(pk=user.pk)
    return staff.order_by("last_name", "first_name", "username")


def require_assigner(by, participation, organisation, mentor) -> None:
    if organisation.kind != Organisation.Kind.MENTORING_PROJECT or organisation.pk not in {
        org.pk for org in mentoring_projects(participation)
    }:
        raise PermissionDenied(_("Dieses Mentorenprojekt begleitet diese Teilnahme nicht."))
    if by is None:
        return
    if organisation.pk not in {org.pk for org in assigning_projects(by, participation)}:
        raise PermissionDenied(refusal())
    if not mentor_candidates(by, organisation).filter(pk=mentor.pk).exists():
        raise PermissionDenied(
            _("Mentorinnen und Mentoren anderer Personen weist nur die Leitung des Projekts zu.")
        )


def may_write_mentorship(user, mentorship) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = Membership.WRITING_ROLES if mentorship.mentor_id == user.pk else (Membership.Role.ORG_ADMIN,)
    return Membership.objects.filter(
        user=user, organisation_id=mentorship.organisation_id, role__in=roles
    ).exists()


def require_mentorship_writer(by, mentorship) -> None:
    if by is not None and not may_write_mentorship(by, mentorship):
        raise PermissionDenied(refusal())


def refusal() -> str:
    return _(
        "Mentoring erfassen dürfen nur die Mentorin oder der Mentor und die Leitung des Mentorenprojekts."
    )
