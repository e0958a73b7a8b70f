"""One declaration per journey event kind: its fields, its place in the state machine, who records it.

Everything else that knows about event kinds is generated from this module or checked against it
(``tests/journeys/test_spec_drift.py``):

- generated: the state machine and the required fields of the rules (``rules.TRANSITIONS``,
  ``rules.REQUIRED_FIELDS``), the services' field list (``recording.EVENT_FIELDS``), who records,
  corrects and retracts (``authority.AUTHORITY``), the columns of events.csv after the common ones
  (``interchange.schemas.EVENTS``) and the importer's plain columns, the API's fields for a new
  event (``api.serializers.journeys.EventCreateSerializer``), the states in which the participant
  page offers an action and the limits of its form fields (``casework.actions``,
  ``casework.action_forms``);
- checked: the model's columns and ``bulk_events.EVENT_FIELDS`` (the model's order), the fields of
  ``records.Ev`` (the ones marked ``rules``), the export's column order (``interchange.writer``,
  the contract of EXCHANGE_FORMAT.md) and the kind lists in the indicator SQL
  (``indicators.build``).

``FIELDS`` are the event's own fields (one table, so every kind may carry any of them; a kind lists
the ones it is about in ``KindSpec.fields``). A field's limits hold on every path: web form, API,
import and the services (``too_long``), with one German message per path.

``KINDS`` maps each event kind to its ``KindSpec``. The default state machine is this table; a
programme's own flow (DOMAIN.md §4: configurable per programme) is the same table with some
``KindSpec`` replaced (``dataclasses.replace``), handed to the rules in ``RuleContext.kinds``; a new
event kind is a new ``EventKind`` code with its ``KindSpec`` here.

Exit statuses are optional on every path: DOMAIN.md says an exit carries one or more statuses,
but histories imported from other systems often lack them, and a rule that refuses a real data
set is a defect. The web form offers „unbekannt“ and leaves the choice to the caseworker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from stufenweg.journeys.codes import (
    STATUS_ORDER,
    AssessmentResult,
    Benefit,
    BenefitEffect,
    Change,
    EmploymentKind,
    EmploymentStatus,
    EventKind,
    ExitKind,
    ExitStatus,
    FollowUpSource,
    State,
)
from stufenweg.organisations.models import Organisation

E = EventKind
S = State
Org = Organisation.Kind

# --- field types (how a value is written in a form, the API and events.csv) -------------------
TEXT = "text"
CODE = "code"  # one value of ``choices``
REF = "ref"  # a code of another row (``refers_to``)
DATE = "date"
BOOL = "bool"  # yes / no / not given
DECIMAL = "decimal"
STATUSES = "statuses"  # one or more exit statuses, pipe-joined
LISTED = "listed"  # a code of the programme's own list for the kind (``programmes.reason_codes``)

REASON_MAX_LENGTH = 2000
REASON_CODE_MAX_LENGTH = 32


@dataclass(frozen=True)
class Field:
    """One field of a journey event (a column of events.csv, a field of the API)."""

    name: str  # model field; the exchange column and the API field have the same name
    type: str
    label: str | Promise
    rules: bool = False  # the rules read it: a field of ``records.Ev``
    max_length: int | None = None
    choices: type[models.TextChoices] | None = None
    refers_to: str = ""  # REF: region, measure, stage, organisation or event
    min_value: int | None = None
    max_value: int | None = None
    places: int | None = None  # DECIMAL: decimal places
    digits: int | None = None  # DECIMAL: digits in all

    @property
    def attname(self) -> str:
        """The model's attribute (``measure_id`` for a reference)."""
        return f"{self.name}_id" if self.type == REF else self.name

    @property
    def rule_name(self) -> str:
        """The attribute of ``records.Ev`` (a superseded event is named by its key)."""
        return self.name if self.refers_to == "event" else self.attname

    @property
    def codes(self) -> tuple[str, ...]:
        if self.type == STATUSES:
            return tuple(STATUS_ORDER)
        return tuple(self.choices.values) if self.choices else ()


FIELDS: tuple[Field, ...] = (
    Field("region", REF, _("Region"), rules=True, max_length=32, refers_to="region"),
    Field("measure", REF, _("Maßnahme"), rules=True, max_length=64, refers_to="measure"),
    Field("stage", REF, _("Stufe"), rules=True, max_length=32, refers_to="stage"),
    Field("supersedes", REF, _("ersetztes Ereignis"), rules=True, max_length=64, refers_to="event"),
    Field("referrer", REF, _("zuweisende Stelle"), rules=True, max_length=64, refers_to="organisation"),
    Field("result", CODE, _("Ergebnis"), rules=True, choices=AssessmentResult),
    Field("planned_end", DATE, _("geplantes Ende"), rules=True),
    Field("employment_status", CODE, _("Erwerbsstatus bei Eintritt"), rules=True, choices=EmploymentStatus),
    Field("unemployed_since", DATE, _("arbeitslos seit"), rules=True),
    Field("benefit", CODE, _("Leistungsbezug"), choices=Benefit),
    Field("change", CODE, _("Art des Wechsels"), rules=True, choices=Change),
    Field("reason", TEXT, _("Grund"), max_length=REASON_MAX_LENGTH),
    Field("exit_kind", CODE, _("Austrittsart"), rules=True, choices=ExitKind),
    Field("statuses", STATUSES, _("Status"), rules=True, choices=ExitStatus),
    Field("qualification", BOOL, _("Qualifikation erworben")),
    Field("employer", REF, _("Arbeitgeber"), max_length=64, refers_to="organisation"),
    Field("end_date", DATE, _("Enddatum")),
    Field("first_labour_market", BOOL, _("erster Arbeitsmarkt")),
    Field("employment_kind", CODE, _("Beschäftigungsart"), rules=True, choices=EmploymentKind),
    Field(
        "hours",
        DECIMAL,
        _("Wochenstunden"),
        min_value=0,
        max_value=999,
        places=2,
        digits=5,
    ),
    Field("benefit_effect", CODE, _("Wirkung auf Leistungsbezug"), choices=BenefitEffect),
    Field("reached", BOOL, _("erreicht"), rules=True),
    Field("source", CODE, _("Quelle"), choices=FollowUpSource),
    # the coded reason of an extension or an exit, from the programme's list (``reason`` stays the
    # note); an extension of the exchange format: the last column of events.csv, optional
    Field("reason_code", LISTED, _("Grund (Code)"), max_length=REASON_CODE_MAX_LENGTH),
)
FIELD = {f.name: f for f in FIELDS}
# The fields a caller of ``recording.journey_event_record`` gives (the superseded event is its own argument).
RECORDED_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.refers_to != "event")
# Columns every event may carry (EXCHANGE_FORMAT.md: the common columns).
COMMON = ("region", "measure", "stage", "supersedes")


# --- who records (DOMAIN.md §1); the coordination office is in every group ---------------------
COORDINATING = frozenset({Org.COORDINATION_OFFICE, Org.REGIONAL_OFFICE})
DELIVERING = frozenset({Org.COORDINATION_OFFICE, Org.REGIONAL_OFFICE, Org.PROVIDER, Org.MENTORING_PROJECT})
REFERRING = frozenset({Org.JOBCENTER, Org.COORDINATION_OFFICE, Org.REGIONAL_OFFICE})
ANYONE = frozenset(Org.values)

# --- the state machine (DOMAIN.md §4) ------------------------------------------------------------
KEEP = "keep"  # the event leaves the state as it is
NO_PARTICIPATION = None  # as a state an event may follow: the person has no participation yet
ALL_STATES = frozenset(State.values)
IN_MEASURE = frozenset({S.IN_STAGE, S.INTERRUPTED})
AFTER_EXIT = frozenset({S.EXITED, S.FOLLOWED_UP})
# before an entry: an ``exit`` here is a closure before entry (withdrawn, moved, not reachable, into
# work or training); it ends the participation without ending an enrolment
BEFORE_ENTRY = frozenset({S.REFERRED, S.IN_ASSESSMENT, S.SUITABLE, S.WAITING})


@dataclass(frozen=True)
class KindSpec:
    """What an event kind is: its fields, where it may stand in a journey, who records it.

    ``follows``: the states it may follow (``NO_PARTICIPATION``: it may open a participation);
    ``leads_to``: the resulting state, ``KEEP``, or per value of the event's ``result`` (the
    assessment result) a mapping to the state. ``fields``: the columns it is about beyond the
    common ones; ``required``: what every path refuses it without; ``asked``: what the web form
    insists on besides (a caseworker at the desk can say it; files and the API may leave it
    empty, histories from other systems lack it). ``recorded_by``: the organisation kinds that
    record it; ``amended_by``: those that correct or retract it (``None``: the same).
    ``replayed``: whether the state machine sees it (a void only removes the event it names).
    ``after_an_exit``: further states it may follow only in a journey with an earlier exit (a
    reactivation after a re-referral, a follow-up of an earlier exit after the person came back);
    ``moves_from``: the states in which it leads to ``leads_to`` (``None``: all), in the others it
    keeps the state (a follow-up during a later stage does not end that stage).
    """

    kind: str
    follows: frozenset[str | None]
    leads_to: str | Mapping[str, str]
    recorded_by: frozenset[str]
    fields: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    amended_by: frozenset[str] | None = None
    opens_enrolment: bool = False
    closes_enrolment: bool = False
    replayed: bool = True
    after_an_exit: frozenset[str] = frozenset()
    moves_from: frozenset[str] | None = None

    @property
    def label(self) -> str | Promise:
        return EventKind(self.kind).label

    @property
    def amending(self) -> frozenset[str]:
        return self.recorded_by if self.amended_by is None else self.amended_by

    @property
    def opens_participation(self) -> bool:
        return NO_PARTICIPATION in self.follows

    @property
    def transition_target(self) -> str:
        """The resulting state as the transition table has it (``KEEP`` where it depends on the result)."""
        return self.leads_to if isinstance(self.leads_to, str) else KEEP

    def state_after(self, result: str) -> str:
        """The resulting state for an event with ``result`` (only the assessment result uses it)."""
        if isinstance(self.leads_to, str):
            return self.leads_to
        return self.leads_to.get(result, self.leads_to[""])

    def may_follow(self, state: str | None, *, exited_before: bool) -> bool:
        """Whether the kind may follow ``state`` (in a journey with an earlier exit or not)."""
        return state in self.follows or (exited_before and state in self.after_an_exit)

    def offered_in(self, *, exited_before: bool = False) -> frozenset:
        """The states the kind may follow, for a journey with an earlier exit or without."""
        return self.follows | self.after_an_exit if exited_before else self.follows

    def needs(self, name: str) -> bool:
        """Whether the web form insists on field ``name`` (required everywhere, or asked)."""
        return name in self.required or name in self.asked


KINDS: dict[str, KindSpec] = {
    k.kind: k
    for k in (
        # a referral is corrected or retracted by the offices, as on the participant page
        KindSpec(
            E.REFERRAL,
            frozenset({NO_PARTICIPATION, S.NOT_ARRIVED, S.NOT_SUITABLE, S.EXITED, S.FOLLOWED_UP}),
            S.REFERRED,
            REFERRING,
            fields=("referrer",),
            amended_by=COORDINATING,
        ),
        KindSpec(E.NOT_ARRIVED, frozenset({S.REFERRED}), S.NOT_ARRIVED, COORDINATING),
        KindSpec(
            E.ASSESSMENT_START, frozenset({NO_PARTICIPATION, S.REFERRED}), S.IN_ASSESSMENT, COORDINATING
        ),
        KindSpec(
            E.ASSESSMENT_RESULT,
            frozenset({S.IN_ASSESSMENT}),
            {"suitable": S.SUITABLE, "": S.NOT_SUITABLE},  # "": any other result
            COORDINATING,
            fields=("result", "stage"),
            required=("result",),
        ),
        KindSpec(
            E.WAITLIST,
            frozenset({S.IN_ASSESSMENT, S.SUITABLE, S.WAITING}),
            S.WAITING,
            COORDINATING,
            fields=("stage",),
            asked=("stage",),
        ),
        KindSpec(
            E.ENTRY,
            frozenset({S.IN_ASSESSMENT, S.SUITABLE, S.WAITING}),
            S.IN_STAGE,
            DELIVERING,
            fields=("measure", "stage", "planned_end", "employment_status", "unemployed_since", "benefit"),
            required=("measure", "stage"),
            asked=("employment_status", "benefit"),
            opens_enrolment=True,
        ),
        KindSpec(
            E.STAGE_CHANGE,
            frozenset({S.IN_STAGE}),
            S.IN_STAGE,
            DELIVERING,
            fields=(
                "measure",
                "stage",
                "change",
                "planned_end",
                "employment_status",
                "unemployed_since",
                "benefit",
            ),
            required=("measure", "stage", "change"),
            opens_enrolment=True,
            closes_enrolment=True,
        ),
        KindSpec(
            E.EXTENSION,
            IN_MEASURE,
            KEEP,
            DELIVERING,
            fields=("planned_end", "reason", "reason_code"),
            required=("planned_end",),
        ),
        KindSpec(E.INTERRUPTION, frozenset({S.IN_STAGE}), S.INTERRUPTED, DELIVERING, fields=("reason",)),
        KindSpec(E.RESUMPTION, frozenset({S.INTERRUPTED}), S.IN_STAGE, DELIVERING, fields=("reason",)),
        # from an enrolment: the exit from the measure; before an entry: a closure before entry
        KindSpec(
            E.EXIT,
            IN_MEASURE | BEFORE_ENTRY,
            S.EXITED,
            DELIVERING,
            fields=("exit_kind", "reason", "reason_code", "statuses", "qualification"),
            required=("exit_kind",),
            closes_enrolment=True,
        ),
        # a former participant re-referred by the Jobcenter may be reactivated without a new assessment
        KindSpec(E.REACTIVATION, AFTER_EXIT, S.SUITABLE, COORDINATING, after_an_exit=frozenset({S.REFERRED})),
        KindSpec(
            E.INTERNSHIP,
            ALL_STATES,
            KEEP,
            DELIVERING,
            fields=("employer", "end_date", "first_labour_market"),
            asked=("employer", "first_labour_market"),
        ),
        KindSpec(
            E.EMPLOYMENT_START,
            ALL_STATES,
            KEEP,
            DELIVERING,
            fields=("employment_kind", "employer", "hours", "end_date", "benefit_effect"),
            required=("employment_kind",),
        ),
        KindSpec(E.EMPLOYMENT_END, ALL_STATES, KEEP, DELIVERING),
        # ``reason`` says what was gained
        KindSpec(E.QUALIFICATION, ALL_STATES, KEEP, DELIVERING, fields=("reason",), asked=("reason",)),
        # a follow-up refers to the latest exit before its date, in whatever state the person is now;
        # it moves an exited participation to "followed up" only when the person was reached
        KindSpec(
            E.FOLLOW_UP,
            AFTER_EXIT,
            S.FOLLOWED_UP,
            COORDINATING,
            fields=("statuses", "reached", "source"),
            asked=("reached",),
            after_an_exit=ALL_STATES - AFTER_EXIT,
            moves_from=AFTER_EXIT,
        ),
        # a void is judged by the kind of the event it retracts (``authority.writing_kinds``)
        KindSpec(
            E.VOID,
            frozenset(),
            KEEP,
            ANYONE,
            fields=("reason",),
            required=("supersedes",),
            asked=("reason",),  # ``services.journey_event_void``: the web names its reason
            replayed=False,
        ),
    )
}

OPENING_KINDS = frozenset(k for k, spec in KINDS.items() if spec.opens_participation)
ENROLMENT_OPENING_KINDS = frozenset(k for k, spec in KINDS.items() if spec.opens_enrolment)
ENROLMENT_CLOSING_KINDS = frozenset(k for k, spec in KINDS.items() if spec.closes_enrolment)


def programme_kinds(
    *, reactivation_needs_assessment: bool = False, reactivation_after_referral: bool = True
) -> Mapping[str, KindSpec] | None:
    """A programme's flow (its ``programmes.Programme`` settings) as kind specs; None: the default.

    ``reactivation_needs_assessment``: a reactivation leads back to "referred", so an assessment
    must start before the next entry; ``reactivation_after_referral``: a former participant
    re-referred may be reactivated (otherwise the re-referral goes through a new assessment).
    """
    if not reactivation_needs_assessment and reactivation_after_referral:
        return None
    spec = KINDS[E.REACTIVATION]
    changed = replace(
        spec,
        leads_to=S.REFERRED if reactivation_needs_assessment else spec.leads_to,
        after_an_exit=spec.after_an_exit if reactivation_after_referral else frozenset(),
    )
    return {**KINDS, E.REACTIVATION: changed}


def spec_of(kind: str) -> KindSpec:
    return KINDS[kind]


def transitions(kinds: Mapping[str, KindSpec] = KINDS) -> dict[str, tuple[frozenset, str]]:
    """The state machine as a table: event kind -> (states it may follow, resulting state)."""
    return {k: (s.follows, s.transition_target) for k, s in kinds.items() if s.replayed}


def required_fields(kinds: Mapping[str, KindSpec] = KINDS) -> dict[str, tuple[str, ...]]:
    """Event kind -> the fields it must carry, as ``records.Ev`` names them."""
    return {k: tuple(FIELD[n].rule_name for n in s.required) for k, s in kinds.items() if s.required}


def too_long(name: str, value) -> str | None:
    """The German message when ``value`` is longer than field ``name`` allows, else None."""
    limit = FIELD[name].max_length if name in FIELD else None
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        return None
    return _g("„%(field)s“ ist zu lang (höchstens %(limit)s Zeichen, hier %(length)s).") % {
        "field": FIELD[name].label,
        "limit": limit,
        "length": len(value),
    }
