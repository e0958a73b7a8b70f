"""Who may record which journey event (DOMAIN.md §1): one declaration, checked in the services.

The Jobcenter refers; the offices (coordination office, regional office) assess, keep the waiting
list, reactivate and follow up; the delivering side (the offices, providers, mentoring projects)
runs the measures: entries, stage changes, extensions, interruptions, exits and the outcomes
recorded along the way. ``AUTHORITY`` says per event kind which organisation kinds record it
(``record``) and which correct or retract it (``amend``; the same kinds unless declared). A
correction or a void is judged by the kind of the event it changes. The coordination office is in
every group: it may record everything. The web's journey actions (``casework.actions``) take their
kinds from here.

A user records through a membership with a writing role in an organisation of those kinds that
sees the participation (the *acting scope*: ``scope_through_kinds(scope_of(user, writing=True),
kinds)``), so that a caseworker of a provider who only reads at a regional office cannot record an
assessment. Writes without a user (``by=None``: the demo's history, system jobs) are not checked
here; the importer runs as a member of the coordination office.

A Jobcenter refers in its own name and into the region the referral belongs to
(``referral_fields``): the referrer is a Jobcenter the user acts for (DOMAIN.md: "people they
referred"); a re-referral keeps the participation's region (empty or the same region), a first
referral goes to the referrer's region (empty means that region). Moving a participation to
another region is the offices' business (a referral or assessment start with a region, or the
measure of an entry), so a Jobcenter cannot take a case out of the regional office's sight.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from stufenweg.core.visibility import Scope, scope_of, scope_through_kinds
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.models import JourneyEvent, Participation
from stufenweg.journeys.records import JourneyRuleError
from stufenweg.journeys.selectors import participations_in_scope
from stufenweg.organisations.models import Organisation

K = Organisation.Kind
E = EventKind

# organisation kinds per group of actions
COORDINATING = frozenset({K.COORDINATION_OFFICE, K.REGIONAL_OFFICE})
DELIVERING = frozenset({K.COORDINATION_OFFICE, K.REGIONAL_OFFICE, K.PROVIDER, K.MENTORING_PROJECT})
REFERRING = frozenset({K.JOBCENTER, K.COORDINATION_OFFICE, K.REGIONAL_OFFICE})


@dataclass(frozen=True)
class EventAuthority:
    """Who records events of ``kind`` (``record``) and who corrects or retracts them (``amend``;
    ``None``: the same kinds)."""

    kind: str
    record: frozenset[str]
    amend: frozenset[str] | None = None

    @property
    def amending(self) -> frozenset[str]:
        return self.record if self.amend is None else self.amend


AUTHORITY: dict[str, EventAuthority] = {
    a.kind: a
    for a in (
        # a referral is corrected or retracted by the offices, as on the participant page
        EventAuthority(E.REFERRAL, REFERRING, amend=COORDINATING),
        EventAuthority(E.NOT_ARRIVED, COORDINATING),
        EventAuthority(E.ASSESSMENT_START, COORDINATING),
        EventAuthority(E.ASSESSMENT_RESULT, COORDINATING),
        EventAuthority(E.WAITLIST, COORDINATING),
        EventAuthority(E.ENTRY, DELIVERING),
        EventAuthority(E.STAGE_CHANGE, DELIVERING),
        EventAuthority(E.EXTENSION, DELIVERING),
        EventAuthority(E.INTERRUPTION, DELIVERING),
        EventAuthority(E.RESUMPTION, DELIVERING),
        EventAuthority(E.EXIT, DELIVERING),
        EventAuthority(E.REACTIVATION, COORDINATING),
        EventAuthority(E.INTERNSHIP, DELIVERING),
        EventAuthority(E.EMPLOYMENT_START, DELIVERING),
        EventAuthority(E.EMPLOYMENT_END, DELIVERING),
        EventAuthority(E.QUALIFICATION, DELIVERING),
        EventAuthority(E.FOLLOW_UP, COORDINATING),
    )
}


def recording_kinds(kind: str) -> frozenset[str]:
    """Organisation kinds that record an event of ``kind`` (not ``void``: see ``amending_kinds``)."""
    return AUTHORITY[kind].record


def amending_kinds(kind: str) -> frozenset[str]:
    """Organisation kinds that correct or retract (``void``) an event of ``kind``."""
    return AUTHORITY[kind].amending


def writing_kinds(kind: str, supersedes: JourneyEvent | None = None) -> frozenset[str]:
    """Organisation kinds that may write an event of ``kind``; a correction or a void (an event
    that names what it ``supersedes``) is judged by the kind of the event it changes."""
    if supersedes is not None:
        return amending_kinds(supersedes.kind)
    if kind == E.VOID:  # names nothing: refused by the rules (``check_supersession``)
        return frozenset(K.values)
    return recording_kinds(kind)


class EventNotPermitted(PermissionDenied):
    """The user's organisations may not write this event (HTTP 403 in the web and the API). The
    participation is visible to the user; one that is not is refused earlier, as not found."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def acting_scope_for(user, kinds: frozenset[str]) -> Scope:
    """The part of ``user``'s write scope that comes from organisations of ``kinds``."""
    return scope_through_kinds(scope_of(user, writing=True), kinds)


def check_may_write(
    *, by, participation: Participation | None, kind: str, supersedes: JourneyEvent | None = None
) -> None:
    """Refuse (``EventNotPermitted``) unless ``by`` may write an event of ``kind`` on
    ``participation`` (``None``: an opening event that creates it; then the user must act for an
    organisation of the kinds, and the referral rules decide where it lands). ``by=None`` is a
    system write and is not checked."""
    if by is None:
        return
    scope = acting_scope_for(by, writing_kinds(kind, supersedes))
    if scope.everything:
        return
    if scope.personal_data and (
        participation is None or participations_in_scope(scope).filter(pk=participation.pk).exists()
    ):
        return
    raise EventNotPermitted(_refusal(kind, supersedes))


def _refusal(kind: str, supersedes: JourneyEvent | None) -> str:
    if supersedes is None:
        template = _("Ihre Stelle darf „%(kind)s“ bei dieser Teilnahme nicht erfassen.")
    elif kind == E.VOID:
        template = _("Ihre Stelle darf „%(kind)s“ bei dieser Teilnahme nicht zurücknehmen.")
    else:
        template = _("Ihre Stelle darf „%(kind)s“ bei dieser Teilnahme nicht korrigieren.")
    target = supersedes.kind if supersedes is not None else kind
    return template % {"kind": EventKind(target).label}


def referral_fields(*, by, participation: Participation | None, fields: dict) -> dict:
    """The fields of a referral by ``by`` after the Jobcenter's rules (see the module's doc):
    the referrer must be a Jobcenter ``by`` acts for; the region is the participation's (a
    re-referral) or the referrer's (a first referral; filled in when empty). A user who records
    as an office (coordination office; a regional office that sees the participation or the
    region named) records on behalf of any Jobcenter. Raises ``JourneyRuleError`` on ``referrer``
    or ``region``."""
    if by is None:
        return fields
    write = scope_of(by, writing=True)
    if not write.referrer_org_ids or _records_as_office(write, participation, fields.get("region")):
        return fields
    referrer = fields.get("referrer")
    if referrer is None or referrer.pk not in write.referrer_org_ids:
        raise JourneyRuleError(
            _("Ein Jobcenter weist in eigenem Namen zu: Bitte Ihr Jobcenter als zuweisende Stelle angeben."),
            field="referrer",
            code="referrer",
        )
    if participation is not None and participation.region_id:
        region, from_referrer = participation.region, False
    elif referrer.region_id:
        region, from_referrer = referrer.region, True
    else:
        return fields  # nobody's region yet: nothing to keep
    named = fields.get("region")
    if named is None:
        return {**fields, "region": region} if from_referrer else fields
    if named.pk != region.pk:
        if from_referrer:
            message = _("Ein Jobcenter weist in seine eigene Region zu (%(region)s).")
        else:
            message = _(
                "Eine erneute Zuweisung behält die Region der Teilnahme (%(region)s); eine andere "
                "Region setzen das Regionalbüro oder die Regiestelle."
            )
        raise JourneyRuleError(message % {"region": region.name}, field="region", code="region")
    return fields


def _records_as_office(write: Scope, participation: Participation | None, region) -> bool:
    office = scope_through_kinds(write, COORDINATING)
    if office.everything:
        return True
    if not office.region_ids:
        return False
    if participation is None:
        return region is not None and region.pk in office.region_ids
    return participations_in_scope(office).filter(pk=participation.pk).exists()
