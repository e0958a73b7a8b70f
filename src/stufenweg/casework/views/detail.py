"""The participant page: person, household, journeys with timeline, outcomes and casework."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from stufenweg.casework.actions import actions_for
from stufenweg.casework.assignment import assignment_for, may_take
from stufenweg.casework.permissions import DELIVERING
from stufenweg.casework.selectors import case_file, may_act_on, participations_of, person_for
from stufenweg.core.audit import audit_read, audit_reads
from stufenweg.core.params import parse_id
from stufenweg.core.time import age_on
from stufenweg.journeys.authority import amending_kinds
from stufenweg.journeys.codes import EventKind
from stufenweg.journeys.selectors import has_exit, participation_timeline
from stufenweg.outcomes.selectors import outcomes_of
from stufenweg.people.models import Person
from stufenweg.people.selectors import household_seen_by
from stufenweg.support.authority import may_refer_to_services

AUDIT_PURPOSE = "Fallbearbeitung"


def timeline_entries(events, may_amend: Callable[[str], bool] = lambda kind: False) -> list[dict]:
    """Events with their correction status for display: superseded ones are marked, corrections
    and voids name what they replace. ``may_amend(kind)`` says whether the user may correct or
    retract an event of ``kind`` (asked once per kind), so that the links appear only where the
    correction would be accepted."""
    answers: dict[str, bool] = {}
    entries = []
    for event in events:
        replaced_by = list(event.superseded_by.all())
        in_force = not replaced_by and event.kind != EventKind.VOID
        if in_force and event.kind not in answers:
            answers[event.kind] = may_amend(event.kind)
        entries.append(
            {
                "event": event,
                "replaced_by": replaced_by[0] if replaced_by else None,
                "is_void": event.kind == EventKind.VOID,
                "is_correction": event.supersedes_id is not None and event.kind != EventKind.VOID,
                "in_force": in_force,
                "can_amend": in_force and answers[event.kind],
            }
        )
    return entries


@login_required
@require_safe
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        person = person_for(user, pk)
    except Person.DoesNotExist:
        raise Http404 from None
    participations = participations_of(user, person)
    if not participations:
        raise Http404
    chosen = participations[0]
    wanted = parse_id(request.GET.get("teilnahme"))
    if wanted is not None:
        chosen = next((p for p in participations if p.pk == wanted), chosen)
    audit_read(actor=user, person=person, purpose=AUDIT_PURPOSE)

    today = timezone.localdate()
    # other members only as far as the user sees them, each of them audited; the rest counted
    household = household_seen_by(user, person)
    if household is not None and household.members:
        audit_reads(
            actor=user,
            persons=household.members,
            purpose=AUDIT_PURPOSE,
            summary=f"Mitglied der Bedarfsgemeinschaft von Person {person.pk}",
        )
    # write controls only where this user may write for *this* participation (not merely somewhere)
    acting = may_act_on(user, chosen, DELIVERING)
    answers: dict[frozenset[str], bool] = {DELIVERING: acting}

    def may(kinds: frozenset[str]) -> bool:  # asked once per group of organisation kinds
        if kinds not in answers:
            answers[kinds] = acting and may_act_on(user, chosen, kinds)
        return answers[kinds]

    # referrals to support services: the delivering kinds and the Jobcenter (support.authority)
    refers_to_services = acting or may_refer_to_services(user, chosen)
    # „Fall übernehmen“ / „Fachkraft zuweisen“ only where the service would accept it
    assignment = assignment_for(user, chosen, may) if acting else None
    files = case_file(chosen)
    timeline = participation_timeline(chosen)
    context = {
        "person": person,
        "age": age_on(person.birth_date, today),
        "household": household,
        "participations": participations,
        "p": chosen,
        "timeline": timeline_entries(timeline, lambda kind: may(amending_kinds(kind))),
        "enrolments": list(chosen.enrolments.select_related("measure", "stage").order_by("entered_on", "id")),
        "outcomes": outcomes_of(chosen),
        "file": files,
        "can_act": acting,
        "can_refer_services": refers_to_services,
        "may_assign": bool(assignment and assignment.allowed),
        "may_take": bool(assignment and assignment.allowed and may_take(user, chosen, assignment)),
        "actions": actions_for(chosen.state, may, exited_before=has_exit(timeline)),
        "today": today,
        "now": timezone.now(),
    }
    return render(request, "casework/participant_detail.html", context)
