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
from stufenweg.organisations.ordering import name_key


def mentoring_projects(participation):
    providers = Enrolment.objects.filter(participation_id=participation.pk).values("measure__provider_id")
    return Organisation.objects.filter(
        pk__in=providers, kind=Organisation.Kind.MENTORING_PROJECT, active=True
    )


def accompanies(organisation, participation) -> bool:
    """``organisation`` is one of the mentoring projects of ``participation``."""
    return organisation.kind == Organisation.Kind.MENTORING_PROJECT and organisation.pk in {
        org.pk for org in mentoring_projects(participation)
    }


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
    return sorted({m.organisation for m in rows}, key=name_key)


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
    else only the user. Unordered: pages list them in German name order
    (``organisations.ordering.staff_key``)."""
    staff = User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__role__in=Membership.WRITING_ROLES,
    ).distinct()
    if user is not None and not is_lead(user, organisation):
        staff = staff.filter(pk=user.pk)
    return staff


def require_assigner(by, participation, organisation, mentor) -> None:
    if not accompanies(organisation, participation):
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


# --- corrections of the log and the programme defaults of the after-placement support ---------


def entry_editable(user, entry, *, roles: dict[int, set[str]] | None = None) -> bool:
    """``user`` may correct the log entry ``entry``: its author while still a writing member of
    the project, the mentorship's mentor (as for a new entry), or the project's lead.
    ``roles``: the user's roles per organisation, when the caller has read them already."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    mentorship = entry.mentorship
    if roles is None:
        roles = user_roles(user, [mentorship.organisation_id])
    held = roles.get(mentorship.organisation_id, set())
    writing = bool(held & set(Membership.WRITING_ROLES))
    if Membership.Role.ORG_ADMIN in held:
        return True
    return writing and user.pk in (mentorship.mentor_id, entry.staff_id)


def user_roles(user, organisation_ids) -> dict[int, set[str]]:
    """The roles of ``user`` per organisation of ``organisation_ids`` (one query)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    roles: dict[int, set[str]] = {}
    for org_id, role in Membership.objects.filter(
        user=user, organisation_id__in=set(organisation_ids)
    ).values_list("organisation_id", "role"):
        roles.setdefault(org_id, set()).add(role)
    return roles


def mentorship_writable(user, mentorship, roles: dict[int, set[str]]) -> bool:
    """``may_write_mentorship`` from the roles read once (``user_roles``)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    held = roles.get(mentorship.organisation_id, set())
    if mentorship.mentor_id == user.pk:
        return bool(held & set(Membership.WRITING_ROLES))
    return Membership.Role.ORG_ADMIN in held


def require_entry_editor(by, entry) -> None:
    if by is not None and not entry_editable(by, entry):
        raise PermissionDenied(
            _(
                "Einen Eintrag im Mentoring-Protokoll ändern dürfen nur, wer ihn erfasst hat, die "
                "Mentorin oder der Mentor und die Leitung des Mentorenprojekts."
            )
        )


def default_setting_projects(user):
    """The mentoring projects whose programme defaults of the after-placement support ``user``
    sets: every active project for writers of the coordination office, else the projects the
    user leads (``org_admin``)."""
    from stufenweg.core.authority import writes_for_coordination

    projects = Organisation.objects.filter(kind=Organisation.Kind.MENTORING_PROJECT, active=True)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return projects.none()
    if writes_for_coordination(user):
        return projects
    return projects.filter(memberships__user=user, memberships__role=Membership.Role.ORG_ADMIN).distinct()


def default_setting_refusal() -> str:
    return _(
        "Die Dauer der Nachbetreuung je Programm legen nur die Leitung des Mentorenprojekts "
        "und die Regiestelle fest."
    )


def require_default_setter(by, organisation) -> None:
    if by is not None and not default_setting_projects(by).filter(pk=organisation.pk).exists():
        raise PermissionDenied(default_setting_refusal())
