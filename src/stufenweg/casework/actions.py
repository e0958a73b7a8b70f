"""The journey actions offered on the participant page: form, who may use it, when it is shown.

Each action records one event kind; the organisation kinds that may use it are those that may
record that kind (``journeys.authority``, enforced by the journey services). ``states`` only
decides which buttons are shown; the rules in ``journeys.rules`` decide what is allowed, and their
German message appears next to the field when an action is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stufenweg.casework import action_forms as f
from stufenweg.journeys.authority import recording_kinds
from stufenweg.journeys.codes import EventKind, State

E = EventKind
S = State
IN_MEASURE = frozenset({S.IN_STAGE, S.INTERRUPTED})
AFTER_ENTRY = frozenset({S.IN_STAGE, S.INTERRUPTED, S.EXITED, S.FOLLOWED_UP})


@dataclass(frozen=True)
class JourneyAction:
    slug: str
    label: str | Promise
    form_class: type
    event_kind: str
    states: frozenset[str]
    group: str = "journey"  # journey | outcome

    @property
    def kinds(self) -> frozenset[str]:
        """The organisation kinds that may use the action: those that record its event kind."""
        return recording_kinds(self.event_kind)


ACTIONS: dict[str, JourneyAction] = {
    a.slug: a
    for a in (
        JourneyAction(
            "eignungsfeststellung",
            _("Eignungsfeststellung beginnen"),
            f.StartAssessmentForm,
            E.ASSESSMENT_START,
            frozenset({S.REFERRED}),
        ),
        JourneyAction(
            "nicht-angekommen",
            _("Nicht angekommen"),
            f.NotArrivedForm,
            E.NOT_ARRIVED,
            frozenset({S.REFERRED}),
        ),
        JourneyAction(
            "ergebnis",
            _("Ergebnis erfassen"),
            f.AssessmentResultForm,
            E.ASSESSMENT_RESULT,
            frozenset({S.IN_ASSESSMENT}),
        ),
        JourneyAction(
            "warteliste",
            _("Auf die Warteliste"),
            f.WaitlistForm,
            E.WAITLIST,
            frozenset({S.IN_ASSESSMENT, S.SUITABLE}),
        ),
        JourneyAction(
            "eintritt",
            _("Eintritt in eine Maßnahme"),
            f.EnterForm,
            E.ENTRY,
            frozenset({S.IN_ASSESSMENT, S.SUITABLE, S.WAITING}),
        ),
        JourneyAction(
            "stufenwechsel", _("Stufenwechsel"), f.ChangeStageForm, E.STAGE_CHANGE, frozenset({S.IN_STAGE})
        ),
        JourneyAction("verlaengerung", _("Verlängern"), f.ExtendForm, E.EXTENSION, IN_MEASURE),
        JourneyAction(
            "unterbrechung", _("Unterbrechen"), f.InterruptForm, E.INTERRUPTION, frozenset({S.IN_STAGE})
        ),
        JourneyAction(
            "wiederaufnahme", _("Wieder aufnehmen"), f.ResumeForm, E.RESUMPTION, frozenset({S.INTERRUPTED})
        ),
        JourneyAction("austritt", _("Austritt"), f.ExitForm, E.EXIT, IN_MEASURE),
        JourneyAction(
            "reaktivierung",
            _("Reaktivieren"),
            f.ReactivateForm,
            E.REACTIVATION,
            frozenset({S.EXITED, S.FOLLOWED_UP, S.NOT_SUITABLE, S.NOT_ARRIVED}),
        ),
        JourneyAction("praktikum", _("Praktikum"), f.InternshipForm, E.INTERNSHIP, AFTER_ENTRY, "outcome"),
        JourneyAction(
            "beschaeftigung",
            _("Beschäftigungsbeginn"),
            f.EmploymentStartForm,
            E.EMPLOYMENT_START,
            AFTER_ENTRY,
            "outcome",
        ),
        JourneyAction(
            "beschaeftigungsende",
            _("Beschäftigungsende"),
            f.EmploymentEndForm,
            E.EMPLOYMENT_END,
            AFTER_ENTRY,
            "outcome",
        ),
        JourneyAction(
            "qualifikation", _("Qualifikation"), f.QualificationForm, E.QUALIFICATION, AFTER_ENTRY, "outcome"
        ),
        JourneyAction(
            "verbleib",
            _("Verbleib erfassen"),
            f.FollowUpForm,
            E.FOLLOW_UP,
            frozenset({S.EXITED, S.FOLLOWED_UP}),
            "outcome",
        ),
    )
}


def actions_for(state: str, may_act: Callable[[frozenset[str]], bool]) -> list[JourneyAction]:
    """The actions offered in ``state``; ``may_act(kinds)`` says whether the user may act on this
    participation with an action reserved to ``kinds`` (asked once per group of kinds)."""
    answers: dict[frozenset[str], bool] = {}
    offered = []
    for action in ACTIONS.values():
        if state not in action.states:
            continue
        if action.kinds not in answers:
            answers[action.kinds] = may_act(action.kinds)
        if answers[action.kinds]:
            offered.append(action)
    return offered
