"""Who may record which journey event (DOMAIN.md §1): one declaration, checked in the services.

The Jobcenter refers; the offices (coordination office, regional office) assess, keep the waiting
list, reactivate and follow up; the delivering side (the offices, providers, mentoring projects)
runs the measures: entries, stage changes, extensions, interruptions, exits and the outcomes
recorded along the way. ``AUTHORITY`` says per event kind which organisation kinds record it
(``record``) and which correct or retract it (``amend``; the same kinds unless declared). A
correction or a void is judged by the kind of the event it changes. The coordination office is in
every group: it may record everything. The web's journey actions (``casework.actions``) take their
kinds from here. The declaration itself is part of each kind's spec (``spec.KINDS``: ``recorded_by``,
``amended_by``); ``WriteCheck`` applies the same rule, with the same message, to the bulk path.

A user records through a membership with a writing role in an organisation of those kinds that
sees the participation (the *acting scope*: ``scope_through_kinds(scope_of(user, writing=True),
kinds)``), so that a caseworker of a provider who only reads at a regional office cannot record an
assessment. Writes without a user (``by=None``: the demo's history, system jobs) are not checked
here. The bulk path (``bulk_checks.check_journeys``, the importer) applies the same rule per event through
``WriteCheck``, which resolves the writer's scope once per run; an import is run by a writing
member of the coordination office, who may write every kind, but a caller past that gate still
meets the check, with the same message on the row's column ``event``.

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
from stufenweg.journeys.spec import COORDINATING, DELIVERING, KINDS, REFERRING
from stufenweg.organisations.models import Organisation

__all__ = [
    "AUTHORITY",
    "COORDINATING",
    "DELIVERING",
    "REFERRING",
    "EventNotPermitted",
    "WriteCheck",
    "amending_kinds",
    "check_may_write",
    "recording_kinds",
    "referral_fields",
    "refusal_message",
    "writing_kinds",
]

K = Organisation.Kind
E = EventKind


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


# Declared per event kind in ``spec.KINDS`` (``recorded_by``, ``amended_by``); a void is judged by
# the kind of the event it retracts, so it has no entry of its own.
AUTHORITY: dict[str, EventAuthority] = {
    kind: EventAuthority(kind, spec.recorded_by, spec.amended_by)
    for kind, spec in KINDS.items()
    if kind != E.VOID
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
    return _writing_kinds(kind, supersedes.kind if supersedes is not None else None)


def _writing_kinds(kind: str, target_kind: str | None) -> frozenset[str]:
    if target_kind is not None:
        return KINDS[target_kind].amending
    # a void that names nothing: anyone (``spec``), refused by the rules (``check_supersession``)
    return KINDS[kind].recorded_by


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
    raise EventNotPermitted(refusal_message(kind, supersedes.kind if supersedes is not None else None))


def refusal_message(kind: str, target_kind: str | None = None) -> str:
    """The German refusal of an event of ``kind`` (a correction or void of ``target_kind``), the
    same on every path: web, API, import and the bulk path."""
    if target_kind is None:
        template = _("Ihre Stelle darf „%(kind)s“ bei dieser Teilnahme nicht erfassen.")
    elif kind == E.VOID:
        template = _("Ihre Stelle darf „%(kind)s“ bei dieser Teilnahme nicht zurücknehmen.")
    else:
        template = _("Ihre Stelle darf „%(kind)s“ bei dieser Teilnahme nicht korrigieren.")
    return template % {"kind": EventKind(target_kind or kind).label}


class WriteCheck:
    """``check_may_write`` for many events at once (the bulk path and the importer): the acting
    scope of ``by`` is resolved once per group of organisation kinds, so that a run asks the
    database once per group, not once per event. A user who acts for the kinds everywhere (the
    coordination office: every import) needs nothing more; a partial scope is asked per
    participation, once (the bulk path's callers do not have one today). ``by=None``: a system
    write, not checked."""

    def __init__(self, by):
        self.by = by
        self._scopes: dict[frozenset[str], Scope] = {}
        self._seen: dict[tuple[frozenset[str], int], bool] = {}

    def prepare(self) -> WriteCheck:
        """Resolve the scope of every group of kinds now (before a run's worker threads start)."""
        if self.by is not None:
            for spec in KINDS.values():
                for kinds in (spec.recorded_by, spec.amending):
                    if kinds not in self._scopes:
                        self._scopes[kinds] = acting_scope_for(self.by, kinds)
        return self

    def refusal(self, kind: str, target_kind: str | None, participation_id: int | None) -> str | None:
        """None if ``by`` may write an event of ``kind`` (a correction or void of ``target_kind``)
        on participation ``participation_id`` (None: a new one), else the German refusal."""
        if self.by is None:
            return None
        kinds = _writing_kinds(kind, target_kind)
        scope = self._scopes.get(kinds)
        if scope is None:
            scope = self._scopes[kinds] = acting_scope_for(self.by, kinds)
        if scope.everything:
            return None
        if scope.personal_data and (participation_id is None or self._sees(kinds, scope, participation_id)):
            return None
        return refusal_message(kind, target_kind)

    def _sees(self, kinds: frozenset[str], scope: Scope, participation_id: int) -> bool:
        key = (kinds, participation_id)
        if key not in self._seen:
            self._seen[key] = participations_in_scope(scope).filter(pk=participation_id).exists()
        return self._seen[key]


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
