"""The journey actions offered on the participant page: form, who may use it, when it is shown.

Each action records one event kind; the organisation kinds that may use it are those that may
record that kind (``journeys.spec``, enforced by the journey services). An action is offered only
in states its event kind may follow (``KindSpec.follows``), narrowed where the page offers less
(``only_in``: the outcomes, after an entry); the rules in
``journeys.rules`` still decide, and their German message appears next to the field when an
action is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stufenweg.casework import action_forms as f
from stufenweg.journeys.codes import EventKind, State
from stufenweg.journeys.spec import KINDS

E = EventKind
S = State
AFTER_ENTRY = frozenset({S.IN_STAGE, S.INTERRUPTED, S.EXITED, S.FOLLOWED_UP})


@dataclass(frozen=True)
class JourneyAction:
    slug: str
    label: str | Promise
    form_class: type
    event_kind: str
    only_in: frozenset[str] | None = None  # offered in fewer states than the kind may follow
    group: str = "journey"  # journey | outcome
    done: str | Promise = ""  # the confirmation, a German sentence („Die Verlängerung wurde gespeichert.“)

    @property
    def states(self) -> frozenset[str]:
        """The states in which the action is offered: those its event kind may follow."""
        follows = KINDS[self.event_kind].follows
        return follows if self.only_in is None else follows & self.only_in

    def offered_in(self, *, exited_before: bool) -> frozenset[str]:
        """``states`` and, in a journey with an earlier exit, the states the kind may follow then."""
        follows = KINDS[self.event_kind].offered_in(exited_before=exited_before)
        return follows if self.only_in is None else follows & self.only_in

    @property
    def kinds(self) -> frozenset[str]:
        """The organisation kinds that may use the action: those that record its event kind."""
        return KINDS[self.event_kind].recorded_by


ACTIONS: dict[str, JourneyAction] = {
    a.slug: a
    for a in (
        JourneyAction(
            "eignungsfeststellung",
            _("Eignungsfeststellung beginnen"),
            f.StartAssessmentForm,
            E.ASSESSMENT_START,
            done=_("Der Beginn der Eignungsfeststellung wurde gespeichert."),
        ),
        JourneyAction(
            "nicht-angekommen",
            _("Nicht angekommen"),
            f.NotArrivedForm,
            E.NOT_ARRIVED,
            done=_("Es wurde gespeichert, dass die Person nicht angekommen ist."),
        ),
        JourneyAction(
            "ergebnis",
            _("Ergebnis erfassen"),
            f.AssessmentResultForm,
            E.ASSESSMENT_RESULT,
            done=_("Das Ergebnis der Eignungsfeststellung wurde gespeichert."),
        ),
        JourneyAction(
            "warteliste",
            _("Auf die Warteliste"),
            f.WaitlistForm,
            E.WAITLIST,
            done=_("Die Person wurde auf die Warteliste gesetzt."),
        ),
        JourneyAction(
            "eintritt",
            _("Eintritt in eine Maßnahme"),
            f.EnterForm,
            E.ENTRY,
            done=_("Der Eintritt wurde gespeichert."),
        ),
        JourneyAction(
            "stufenwechsel",
            _("Stufenwechsel"),
            f.ChangeStageForm,
            E.STAGE_CHANGE,
            done=_("Der Stufenwechsel wurde gespeichert."),
        ),
        JourneyAction(
            "verlaengerung",
            _("Verlängern"),
            f.ExtendForm,
            E.EXTENSION,
            done=_("Die Verlängerung wurde gespeichert."),
        ),
        JourneyAction(
            "unterbrechung",
            _("Unterbrechen"),
            f.InterruptForm,
            E.INTERRUPTION,
            done=_("Die Unterbrechung wurde gespeichert."),
        ),
        JourneyAction(
            "wiederaufnahme",
            _("Wieder aufnehmen"),
            f.ResumeForm,
            E.RESUMPTION,
            done=_("Die Wiederaufnahme wurde gespeichert."),
        ),
        JourneyAction(
            "austritt", _("Austritt"), f.ExitForm, E.EXIT, done=_("Der Austritt wurde gespeichert.")
        ),
        JourneyAction(
            "reaktivierung",
            _("Reaktivieren"),
            f.ReactivateForm,
            E.REACTIVATION,
            done=_("Die Reaktivierung wurde gespeichert."),
        ),
        JourneyAction(
            "praktikum",
            _("Praktikum"),
            f.InternshipForm,
            E.INTERNSHIP,
            AFTER_ENTRY,
            "outcome",
            _("Das Praktikum wurde gespeichert."),
        ),
        JourneyAction(
            "beschaeftigung",
            _("Beschäftigungsbeginn"),
            f.EmploymentStartForm,
            E.EMPLOYMENT_START,
            AFTER_ENTRY,
            "outcome",
            _("Der Beschäftigungsbeginn wurde gespeichert."),
        ),
        JourneyAction(
            "beschaeftigungsende",
            _("Beschäftigungsende"),
            f.EmploymentEndForm,
            E.EMPLOYMENT_END,
            AFTER_ENTRY,
            "outcome",
            _("Das Beschäftigungsende wurde gespeichert."),
        ),
        JourneyAction(
            "qualifikation",
            _("Qualifikation"),
            f.QualificationForm,
            E.QUALIFICATION,
            AFTER_ENTRY,
            "outcome",
            _("Die Qualifikation wurde gespeichert."),
        ),
        JourneyAction(
            "verbleib",
            _("Verbleib erfassen"),
            f.FollowUpForm,
            E.FOLLOW_UP,
            group="outcome",
            done=_("Der Verbleib wurde gespeichert."),
        ),
    )
}


def actions_for(
    state: str, may_act: Callable[[frozenset[str]], bool], *, exited_before: bool = False
) -> list[JourneyAction]:
    """The actions offered in ``state``; ``may_act(kinds)`` says whether the user may act on this
    participation with an action reserved to ``kinds`` (asked once per group of kinds);
    ``exited_before``: the journey has an exit (a reactivation after a re-referral, a follow-up
    of the earlier exit in a later state)."""
    answers: dict[frozenset[str], bool] = {}
    offered = []
    for action in ACTIONS.values():
        if state not in action.offered_in(exited_before=exited_before):
            continue
        if action.kinds not in answers:
            answers[action.kinds] = may_act(action.kinds)
        if answers[action.kinds]:
            offered.append(action)
    return offered
