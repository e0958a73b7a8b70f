"""The journey actions offered on the participant page: form, who may use it, when it is shown.

``states`` only decides which buttons are shown; the rules in ``journeys.rules`` decide what is
allowed, and their German message appears next to the field when an action is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stufenweg.casework import action_forms as f
from stufenweg.casework.permissions import COORDINATING, DELIVERING
from stufenweg.journeys.codes import State

S = State
IN_MEASURE = frozenset({S.IN_STAGE, S.INTERRUPTED})
AFTER_ENTRY = frozenset({S.IN_STAGE, S.INTERRUPTED, S.EXITED, S.FOLLOWED_UP})


@dataclass(frozen=True)
class JourneyAction:
    slug: str
    label: str | Promise
    form_class: type
    kinds: frozenset[str]
    states: frozenset[str]
    group: str = "journey"  # journey | outcome


ACTIONS: dict[str, JourneyAction] = {
    a.slug: a
    for a in (
        JourneyAction(
            "eignungsfeststellung",
            _("Eignungsfeststellung beginnen"),
            f.StartAssessmentForm,
            COORDINATING,
            frozenset({S.REFERRED}),
        ),
        JourneyAction(
            "nicht-angekommen", _("Nicht angekommen"), f.NotArrivedForm, COORDINATING, frozenset({S.REFERRED})
        ),
        JourneyAction(
            "ergebnis",
            _("Ergebnis erfassen"),
            f.AssessmentResultForm,
            COORDINATING,
            frozenset({S.IN_ASSESSMENT}),
        ),
        JourneyAction(
            "warteliste",
            _("Auf die Warteliste"),
            f.WaitlistForm,
            COORDINATING,
            frozenset({S.IN_ASSESSMENT, S.SUITABLE}),
        ),
        JourneyAction(
            "eintritt",
            _("Eintritt in eine Maßnahme"),
            f.EnterForm,
            DELIVERING,
            frozenset({S.IN_ASSESSMENT, S.SUITABLE, S.WAITING}),
        ),
        JourneyAction(
            "stufenwechsel", _("Stufenwechsel"), f.ChangeStageForm, DELIVERING, frozenset({S.IN_STAGE})
        ),
        JourneyAction("verlaengerung", _("Verlängern"), f.ExtendForm, DELIVERING, IN_MEASURE),
        JourneyAction(
            "unterbrechung", _("Unterbrechen"), f.InterruptForm, DELIVERING, frozenset({S.IN_STAGE})
        ),
        JourneyAction(
            "wiederaufnahme", _("Wieder aufnehmen"), f.ResumeForm, DELIVERING, frozenset({S.INTERRUPTED})
        ),
        JourneyAction("austritt", _("Austritt"), f.ExitForm, DELIVERING, IN_MEASURE),
        JourneyAction(
            "reaktivierung",
            _("Reaktivieren"),
            f.ReactivateForm,
            COORDINATING,
            frozenset({S.EXITED, S.FOLLOWED_UP, S.NOT_SUITABLE, S.NOT_ARRIVED}),
        ),
        JourneyAction("praktikum", _("Praktikum"), f.InternshipForm, DELIVERING, AFTER_ENTRY, "outcome"),
        JourneyAction(
            "beschaeftigung",
            _("Beschäftigungsbeginn"),
            f.EmploymentStartForm,
            DELIVERING,
            AFTER_ENTRY,
            "outcome",
        ),
        JourneyAction(
            "beschaeftigungsende",
            _("Beschäftigungsende"),
            f.EmploymentEndForm,
            DELIVERING,
            AFTER_ENTRY,
            "outcome",
        ),
        JourneyAction(
            "qualifikation", _("Qualifikation"), f.QualificationForm, DELIVERING, AFTER_ENTRY, "outcome"
        ),
        JourneyAction(
            "verbleib",
            _("Verbleib erfassen"),
            f.FollowUpForm,
            COORDINATING,
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
