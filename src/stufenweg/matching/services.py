"""Writes of the matching (ARCHITECTURE.md habit 1): validate, check the writer, save and audit
in one transaction; a refused or invalid write saves nothing.

- ``targets_set``: the participation's target occupations (up to ``codes.MAX_TARGETS`` KldB codes)
  and its availability; a code no longer named is ended (kept as history), a new one added.
- ``qualification_record`` / ``qualification_withdraw``.
- ``match_choose``: a caseworker chooses a measure or a vacancy; recorded with the reasons of the
  ranking and, when a goal of the support plan is named, a step in that goal
  (``casework.services.plan_action_add``). Never called by the system on its own.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.casework.authority import require_writer
from stufenweg.casework.models import Goal
from stufenweg.casework.services import plan_action_add
from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import Enrolment, Participation
from stufenweg.matching.authority import sees_vacancies
from stufenweg.matching.codes import MAX_TARGETS, QualificationKind
from stufenweg.matching.models import Availability, MatchChoice, Qualification, TargetOccupation
from stufenweg.matching.ranking import MEASURE, VACANCY, judge
from stufenweg.matching.selectors import measure_candidates, vacancy_candidates, wish_of
from stufenweg.organisations.codes import VacancyStatus
from stufenweg.organisations.kldb import parse_codes
from stufenweg.organisations.models import User, Vacancy
from stufenweg.programmes.models import Measure


def _locked(participation: Participation) -> Participation:
    return Participation.objects.select_for_update().select_related("person").get(pk=participation.pk)


@transaction.atomic
def targets_set(
    *,
    participation: Participation,
    codes: list[str] | str,
    hours: int | None = None,
    available_from: dt.date | None = None,
    by: User | None,
) -> list[TargetOccupation]:
    """Make ``codes`` the current target occupations of ``participation`` and record its
    availability. Codes are KldB 2010 five-digit codes (a list or a text with commas); one to
    ``MAX_TARGETS``. Returns the current target occupations."""
    require_writer(by, participation)
    participation = _locked(participation)
    try:
        wanted = parse_codes(" ".join(codes) if isinstance(codes, list) else codes)
    except ValidationError as exc:
        raise ValidationError({"codes": exc.messages}) from None
    if not wanted:
        raise ValidationError(
            {"codes": [_("Bitte mindestens ein Berufsziel angeben (KldB 2010, z. B. 29302).")]}
        )
    if len(wanted) > MAX_TARGETS:
        raise ValidationError(
            {"codes": [_("Höchstens %(n)s Berufsziele gleichzeitig.") % {"n": MAX_TARGETS}]}
        )
    if hours is not None and not 1 <= hours <= 60:
        raise ValidationError({"hours": [_("Die Wochenstunden liegen zwischen 1 und 60.")]})
    today = timezone.localdate()
    person = participation.person
    current = {t.code: t for t in participation.target_occupations.filter(ended_on__isnull=True)}
    for code, target in current.items():
        if code not in wanted:
            before = snapshot(target)
            target.ended_on = max(today, target.since)
            target.ended_by = by
            target.save(update_fields=["ended_on", "ended_by"])
            audit_write(
                actor=by,
                action=AuditEntry.Action.UPDATE,
                obj=target,
                person=person,
                summary=f"Berufsziel {code} aufgegeben",
                before=before,
                after=snapshot(target),
            )
    for code in wanted:
        if code not in current:
            target = TargetOccupation(participation=participation, code=code, since=today, recorded_by=by)
            target.full_clean()
            target.save()
            audit_write(
                actor=by,
                action=AuditEntry.Action.CREATE,
                obj=target,
                person=person,
                summary=f"Berufsziel {code} erfasst",
                after=snapshot(target),
            )
    availability = Availability.objects.filter(participation=participation).first()
    if availability is None and (hours is not None or available_from is not None):
        availability = Availability(participation=participation)
    if availability is not None and (availability.hours, availability.available_from) != (
        hours,
        available_from,
    ):
        before = snapshot(availability) if availability.pk else None
        availability.hours, availability.available_from = hours, available_from
        availability.changed_by, availability.changed_at = by, timezone.now()
        availability.full_clean()
        availability.save()
        audit_write(
            actor=by,
            action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
            obj=availability,
            person=person,
            summary="Verfügbarkeit erfasst",
            before=before,
            after=snapshot(availability),
        )
    return list(participation.target_occupations.filter(ended_on__isnull=True).order_by("since", "id"))


@transaction.atomic
def qualification_record(
    *,
    participation: Participation,
    kind: str,
    text: str,
    achieved_on: dt.date | None = None,
    by: User | None,
) -> Qualification:
    require_writer(by, participation)
    if kind not in QualificationKind.values:
        raise ValidationError({"kind": [_("Bitte eine Art der Qualifikation wählen.")]})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Bitte die Qualifikation benennen (z. B. Hauptschulabschluss).")]})
    if achieved_on and achieved_on > timezone.localdate():
        raise ValidationError({"achieved_on": [_("Das Datum liegt in der Zukunft.")]})
    row = Qualification(
        participation=participation, kind=kind, text=text, achieved_on=achieved_on, recorded_by=by
    )
    row.full_clean()
    row.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=row,
        person=participation.person,
        summary=f"Qualifikation ({kind}) erfasst",
        after=snapshot(row),
    )
    return row


@transaction.atomic
def qualification_withdraw(*, qualification: Qualification, by: User | None) -> Qualification:
    """Take back a qualification entered by mistake (kept, marked withdrawn)."""
    require_writer(by, qualification.participation)
    if qualification.withdrawn_at is not None:
        return qualification
    before = snapshot(qualification)
    qualification.withdrawn_at, qualification.withdrawn_by = timezone.now(), by
    qualification.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=qualification,
        person=qualification.participation.person,
        summary="Qualifikation zurückgenommen",
        before=before,
        after=snapshot(qualification),
    )
    return qualification


def _free_places(measure: Measure, participation: Participation, on: dt.date) -> int:
    taken = (
        Enrolment.objects.filter(measure=measure, entered_on__lte=on)
        .exclude(exited_on__lte=on)
        .exclude(participation_id=participation.pk)
        .count()
    )
    return measure.places - taken


@transaction.atomic
def match_choose(
    *,
    participation: Participation,
    measure: Measure | None = None,
    vacancy: Vacancy | None = None,
    goal: Goal | None = None,
    note: str = "",
    by: User | None,
) -> MatchChoice:
    """Record that ``by`` chose ``measure`` or ``vacancy`` for ``participation``: a measure of the
    participation's programme that has not ended and has a free place, or an open vacancy ``by``
    sees. With ``goal`` (a goal of the participation's support plan) a step follows it up."""
    require_writer(by, participation)
    participation = _locked(participation)
    if (measure is None) == (vacancy is None):
        raise ValidationError(_("Bitte genau eine Maßnahme oder eine Stelle wählen."))
    today = timezone.localdate()
    wish = wish_of(participation)
    if measure is not None:
        if measure.programme_id != participation.programme_id:
            raise ValidationError({"measure": [_("Die Maßnahme gehört nicht zum Programm der Teilnahme.")]})
        if measure.end is not None and measure.end < today:
            raise ValidationError({"measure": [_("Die Maßnahme ist beendet.")]})
        if _free_places(measure, participation, today) <= 0:
            raise ValidationError({"measure": [_("Die Maßnahme hat heute keinen freien Platz.")]})
        found = [c for c in measure_candidates(participation, wish, today=today) if c.pk == measure.pk]
        title = f"{measure.code} – {measure.name}"
    else:
        if not sees_vacancies(by):
            raise PermissionDenied(
                _(
                    "Stellen sehen nur Mitglieder der Regiestelle, der Regionalbüros, der Träger und der Mentoring-Projekte."
                )
            )
        if vacancy.status != VacancyStatus.OPEN:
            raise ValidationError({"vacancy": [_("Die Stelle ist nicht mehr offen.")]})
        found = [c for c in vacancy_candidates(by, wish) if c.pk == vacancy.pk] if by is not None else []
        title = f"{vacancy.title} ({vacancy.employer.name})"
    suggestion = judge(wish, found[0], today=today) if found else None
    step = None
    if goal is not None:
        if goal.plan.participation_id != participation.pk:
            raise ValidationError({"goal": [_("Das Ziel gehört nicht zum Förderplan dieser Teilnahme.")]})
        step = plan_action_add(
            goal=goal,
            description=(_("Vorschlag aus dem Matching prüfen: %(title)s") % {"title": title})[:300],
            responsible=_("Fallverantwortliche/r"),
            due_on=None,
            by=by,
        )
    choice = MatchChoice(
        participation=participation,
        measure=measure,
        vacancy=vacancy,
        reasons=(suggestion.reasons_text if suggestion else _("nicht unter den Vorschlägen"))[:500],
        note=(note or "").strip()[:300],
        chosen_on=today,
        chosen_by=by,
        plan_action=step,
    )
    choice.full_clean()
    choice.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.CREATE,
        obj=choice,
        person=participation.person,
        summary=f"Vorschlag gewählt: {MEASURE if measure else VACANCY} {(measure or vacancy).pk}",
        after=snapshot(choice),
    )
    return choice
