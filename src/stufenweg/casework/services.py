"""Writes of casework (ARCHITECTURE.md habit 1): validate, save and audit in one transaction.

Journey facts (entry, exit, …) are not written here but through ``stufenweg.journeys.services``;
this module holds what surrounds them: contacts, appointments, needs assessments, the support
plan, caseworker reassignment, saved filters and the search index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.casework.assignment import assignment_for
from stufenweg.casework.models import (
    Appointment,
    Contact,
    Goal,
    NeedsAssessment,
    PersonSearch,
    PlanAction,
    SavedFilter,
    SupportPlan,
)
from stufenweg.casework.search import search_values
from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import Participation
from stufenweg.journeys.services import participation_assign_caseworker
from stufenweg.organisations.models import User
from stufenweg.people.models import Person

NOTE_FIELDS = {"notes"}


def _safe_snapshot(obj) -> dict:
    """Snapshot without encrypted free text (notes never go into the audit trail)."""
    data = snapshot(obj)
    for name in NOTE_FIELDS & set(data):
        data[name] = "(verschlüsselt)" if data[name] else ""
    return data


def _not_in_future(on: dt.date, field: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("Das Datum liegt in der Zukunft.")})


def _save(obj, *, by: User | None, person: Person, summary: str, action: str = AuditEntry.Action.CREATE):
    obj.full_clean()
    obj.save()
    audit_write(actor=by, action=action, obj=obj, person=person, summary=summary, after=_safe_snapshot(obj))
    return obj


@transaction.atomic
def contact_record(
    *, participation: Participation, kind: str, on: dt.date, notes: str = "", by: User | None
) -> Contact:
    _not_in_future(on, "occurred_on")
    contact = Contact(participation=participation, kind=kind, occurred_on=on, notes=notes, staff=by)
    return _save(contact, by=by, person=participation.person, summary=f"Kontakt ({kind}) erfasst")


@transaction.atomic
def appointment_schedule(
    *,
    participation: Participation,
    starts_at: dt.datetime,
    kind: str,
    place: str = "",
    by: User | None,
    staff: User | None = None,
) -> Appointment:
    if timezone.localtime(starts_at).date() < timezone.localdate():
        # a slip in the year made a „geplant“ appointment that never comes; the past is a contact
        raise ValidationError(
            {
                "day": _(
                    "Der Tag liegt in der Vergangenheit. Ein zurückliegendes Gespräch bitte als Kontakt erfassen."
                )
            }
        )
    appointment = Appointment(
        participation=participation, starts_at=starts_at, kind=kind, place=place, staff=staff or by
    )
    return _save(appointment, by=by, person=participation.person, summary="Termin angelegt")


@transaction.atomic
def appointment_set_status(*, appointment: Appointment, status: str, by: User | None) -> Appointment:
    before = snapshot(appointment)
    appointment.status = status
    appointment.full_clean()
    appointment.save(update_fields=["status"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=appointment,
        person=appointment.participation.person,
        summary=f"Termin: {status}",
        before=before,
        after=snapshot(appointment),
    )
    return appointment


@transaction.atomic
def needs_assessment_record(
    *,
    participation: Participation,
    key_area: str,
    rating: int,
    on: dt.date,
    notes: str = "",
    by: User | None,
) -> NeedsAssessment:
    _not_in_future(on, "assessed_on")
    row = NeedsAssessment(
        participation=participation, key_area=key_area, rating=rating, assessed_on=on, notes=notes, staff=by
    )
    return _save(row, by=by, person=participation.person, summary=f"Bedarfseinschätzung {key_area}: {rating}")


def _plan_for(participation: Participation, by: User | None) -> SupportPlan:
    plan = SupportPlan.objects.filter(participation=participation).first()
    if plan is None:
        plan = _save(
            SupportPlan(participation=participation, created_on=timezone.localdate(), created_by=by),
            by=by,
            person=participation.person,
            summary="Förderplan angelegt",
        )
    return plan


@transaction.atomic
def goal_add(
    *, participation: Participation, title: str, key_area: str, due_on: dt.date | None, by: User | None
) -> Goal:
    plan = _plan_for(participation, by)
    goal = Goal(plan=plan, title=title, key_area=key_area, due_on=due_on)
    return _save(goal, by=by, person=participation.person, summary="Ziel im Förderplan angelegt")


@transaction.atomic
def goal_set_status(*, goal: Goal, status: str, by: User | None) -> Goal:
    before = snapshot(goal)
    goal.status = status
    goal.full_clean()
    goal.save(update_fields=["status"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=goal,
        person=goal.plan.participation.person,
        summary=f"Ziel: {status}",
        before=before,
        after=snapshot(goal),
    )
    return goal


def _changed(obj, values: dict) -> list[str]:
    """Set ``values`` on ``obj``; the names of the fields whose value changed, in ``values`` order."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _update(obj, *, changed: list[str], before: dict, by: User | None, person: Person, what: str):
    """Validate and save the ``changed`` fields of ``obj`` and audit before/after. The summary
    names the fields, never their values (titles and steps may describe the person)."""
    obj.full_clean()
    obj.save(update_fields=changed)
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=obj,
        person=person,
        summary=f"{what} geändert ({', '.join(changed)})",
        before=before,
        after=snapshot(obj),
    )


@transaction.atomic
def goal_edit(*, goal: Goal, title: str, key_area: str, due_on: dt.date | None, by: User | None) -> Goal:
    """Correct a goal's title, key area or due date. Allowed in every status (a reached or
    dropped goal may still carry a typo); the status itself changes only through
    ``goal_set_status``. Nothing is written, not even an audit row, when nothing changed."""
    goal = Goal.objects.select_for_update().select_related("plan__participation__person").get(pk=goal.pk)
    before = snapshot(goal)
    changed = _changed(goal, {"title": title.strip(), "key_area": key_area, "due_on": due_on})
    if changed:
        _update(
            goal,
            changed=changed,
            before=before,
            by=by,
            person=goal.plan.participation.person,
            what="Ziel im Förderplan",
        )
    return goal


@transaction.atomic
def plan_action_add(
    *, goal: Goal, description: str, responsible: str, due_on: dt.date | None, by: User | None
) -> PlanAction:
    action = PlanAction(goal=goal, description=description, responsible=responsible, due_on=due_on)
    person = goal.plan.participation.person
    return _save(action, by=by, person=person, summary="Schritt im Förderplan angelegt")


@transaction.atomic
def plan_action_progress(*, action: PlanAction, progress: int, by: User | None) -> PlanAction:
    before = snapshot(action)
    action.progress = progress
    action.done_on = (action.done_on or timezone.localdate()) if progress == 100 else None
    action.full_clean()
    action.save(update_fields=["progress", "done_on"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=action,
        person=action.goal.plan.participation.person,
        summary=f"Fortschritt {progress} %",
        before=before,
        after=snapshot(action),
    )
    return action


@transaction.atomic
def plan_action_edit(
    *,
    action: PlanAction,
    description: str,
    responsible: str,
    due_on: dt.date | None,
    done_on: dt.date | None = None,
    by: User | None,
) -> PlanAction:
    """Correct a step's text, responsibility or due date, and for a finished step (100 %) the
    day it was done (``done_on=None`` keeps the recorded day). Progress changes only through
    ``plan_action_progress``, which keeps "done on" set exactly when the progress is 100 %.
    Nothing is written when nothing changed."""
    action = (
        PlanAction.objects.select_for_update()
        .select_related("goal__plan__participation__person")
        .get(pk=action.pk)
    )
    values: dict = {"description": description.strip(), "responsible": responsible.strip(), "due_on": due_on}
    if done_on is not None:
        if action.progress < 100:
            raise ValidationError(
                {"done_on": _("Ein Erledigt-Datum gibt es erst, wenn der Schritt vollständig erledigt ist.")}
            )
        _not_in_future(done_on, "done_on")
        values["done_on"] = done_on
    before = snapshot(action)
    changed = _changed(action, values)
    if changed:
        _update(
            action,
            changed=changed,
            before=before,
            by=by,
            person=action.goal.plan.participation.person,
            what="Schritt im Förderplan",
        )
    return action


def _check_assignment(*, participation: Participation, caseworker: User | None, by: User | None) -> None:
    """Refuse unless ``by`` may give ``participation`` to ``caseworker`` (``casework.assignment``):
    ``PermissionDenied`` when ``by`` may not change its caseworker at all, a ``ValidationError``
    on ``caseworker`` when that person is not among the staff ``by`` may choose."""
    if by is None:
        return
    rule = assignment_for(by, participation)
    if not rule.allowed:
        raise PermissionDenied(rule.refusal)
    if caseworker is not None and not rule.candidates().filter(pk=caseworker.pk).exists():
        raise ValidationError(
            {
                "caseworker": _(
                    "Diese Person gehört nicht zu den Fachkräften, denen Sie die Teilnahme zuweisen können."
                )
            }
        )


@transaction.atomic
def caseworker_assign(
    *, participation: Participation, caseworker: User | None, by: User | None
) -> Participation:
    """Give ``participation`` to ``caseworker`` (``None``: nobody), checked and audited. Who may
    do it and to whom: ``casework.assignment`` (one rule for the page, the caseload and here)."""
    participation = (
        Participation.objects.select_for_update().select_related("person").get(pk=participation.pk)
    )
    _check_assignment(participation=participation, caseworker=caseworker, by=by)
    if participation.caseworker_id == getattr(caseworker, "pk", None):
        return participation
    return participation_assign_caseworker(participation=participation, caseworker=caseworker, by=by)


def case_take(*, participation: Participation, by: User) -> Participation:
    """„Fall übernehmen“: ``by`` becomes the caseworker of ``participation``."""
    return caseworker_assign(participation=participation, caseworker=by, by=by)


def caseload_reassign(
    *, participations: Iterable[Participation], caseworker: User | None, by: User | None
) -> int:
    """Give ``participations`` to ``caseworker``; each one checked as in ``caseworker_assign``
    (all or nothing) and each change audited by the journeys service."""
    count = 0
    with transaction.atomic():
        for participation in participations:
            _check_assignment(participation=participation, caseworker=caseworker, by=by)
            if participation.caseworker_id != getattr(caseworker, "pk", None):
                participation_assign_caseworker(participation=participation, caseworker=caseworker, by=by)
                count += 1
    return count


@transaction.atomic
def saved_filter_save(*, user: User, name: str, query: str) -> SavedFilter:
    saved, _created = SavedFilter.objects.update_or_create(user=user, name=name, defaults={"query": query})
    return saved


@transaction.atomic
def saved_filter_delete(*, user: User, pk: int) -> int:
    deleted, _detail = SavedFilter.objects.filter(user=user, pk=pk).delete()
    return deleted


SEARCH_COLUMNS = ["text", "last_key", "first_key"]


def search_index_update(*, persons: Iterable[Person]) -> int:
    """Write the normalised search text and the name sort keys of ``persons`` (insert or
    replace). Not personal-data audited: it copies what is already stored, for the same purpose."""
    rows = [
        PersonSearch(
            person_id=person.pk,
            **search_values(
                last_name=person.last_name, first_name=person.first_name, person_id=person.person_id
            ),
        )
        for person in persons
    ]
    if rows:
        PersonSearch.objects.bulk_create(
            rows,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["person"],
            update_fields=SEARCH_COLUMNS,
        )
    return len(rows)


def search_index_rebuild(*, batch: int = 5000) -> int:
    """Rebuild the whole index from ``people.Person`` (command ``rebuild_search_index``)."""
    total = 0
    with transaction.atomic():
        PersonSearch.objects.all().delete()
        queryset = Person.objects.order_by("pk").only("pk", "last_name", "first_name", "person_id")
        last = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last)[:batch])
            if not chunk:
                break
            total += search_index_update(persons=chunk)
            last = chunk[-1].pk
    return total
