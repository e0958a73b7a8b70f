"""Writes of support services, barriers, phases and profile categories (ARCHITECTURE.md habit 1).

Keyword-only functions taking plain values and model instances (no request), so that the web,
the API and the import call the same code: each checks the writer (``authority``), validates
(German messages, ``ValidationError`` keyed by field), writes in one transaction and audits.
Encrypted notes never enter the audit trail. ``by=None`` is the system (demo loader, import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stufenweg.casework.authority import require_writer
from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.models import AuditEntry
from stufenweg.journeys.models import Participation
from stufenweg.organisations.models import User
from stufenweg.programmes.models import Programme
from stufenweg.support.authority import require_phase_configurer, require_service_referrer
from stufenweg.support.codes import DATE_FIELD, DEFAULT_PHASES, NEXT, ReferralStatus
from stufenweg.support.models import (
    Barrier,
    PhaseChange,
    ProfileRating,
    ServiceReferral,
    ServiceReferralStep,
    SupportPhase,
)

R = ReferralStatus
#: the statuses in the order a referral reaches them (declined is a side exit after planned/referred)
CHAIN = (R.PLANNED, R.REFERRED, R.STARTED, R.ENDED)


def _safe_snapshot(obj) -> dict:
    data = snapshot(obj)
    if "notes" in data:
        data["notes"] = "(verschlüsselt)" if data["notes"] else ""
    return data


def _not_in_future(on: dt.date, field: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("Das Datum liegt in der Zukunft.")})


def _create(obj, *, by: User | None, person, summary: str):
    obj.full_clean()
    obj.save()
    audit_write(
        actor=by, action=AuditEntry.Action.CREATE, obj=obj, person=person, summary=summary,
        after=_safe_snapshot(obj),
    )  # fmt: skip
    return obj


# --- service referrals ---------------------------------------------------------------------------


def _referral_locked(referral: ServiceReferral) -> ServiceReferral:
    return (
        ServiceReferral.objects.select_for_update()
        .select_related("participation__person")
        .get(pk=referral.pk)
    )


def _step(referral: ServiceReferral, *, status: str, on: dt.date, by: User | None, correction=False):
    ServiceReferralStep.objects.create(
        referral=referral, status=status, on=on, correction=correction, recorded_by=by
    )


def _check_dates(referral: ServiceReferral) -> None:
    """The dates reached follow one another (each on or after the one before)."""
    previous = None
    for status in (*CHAIN, R.DECLINED):
        day = getattr(referral, DATE_FIELD[status])
        if day is None:
            continue
        if status == R.DECLINED:
            earlier = [getattr(referral, DATE_FIELD[s]) for s in (R.PLANNED, R.REFERRED)]
            previous = max(d for d in earlier if d is not None)
        if previous is not None and day < previous:
            field = "on"
            if status == R.ENDED:
                raise ValidationError({field: _("Das Ende liegt vor dem Beginn.")})
            raise ValidationError({field: _("Das Datum liegt vor dem Datum des vorigen Stands.")})
        previous = day


@transaction.atomic
def service_referral_plan(
    *,
    participation: Participation,
    kind: str,
    on: dt.date,
    provider: str = "",
    notes: str = "",
    by: User | None,
) -> ServiceReferral:
    """Plan a referral of ``participation`` to a service of ``kind`` (status „geplant“ since ``on``);
    ``by`` refers to services for it (``authority.SERVICE_REFERRING``: the Jobcenter too)."""
    require_service_referrer(by, participation)
    _not_in_future(on, "on")
    referral = ServiceReferral(
        participation=participation,
        kind=kind,
        provider=provider.strip(),
        notes=notes,
        planned_on=on,
        created_by=by,
    )
    _create(referral, by=by, person=participation.person, summary=f"Unterstützungsangebot ({kind}) geplant")
    _step(referral, status=R.PLANNED, on=on, by=by)
    return referral


def _save_status(referral, *, before: dict, by, summary: str) -> ServiceReferral:
    _check_dates(referral)
    referral.full_clean()
    referral.save()
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        obj=referral,
        person=referral.participation.person,
        summary=summary,
        before=before,
        after=_safe_snapshot(referral),
    )
    return referral


@transaction.atomic
def service_referral_advance(
    *, referral: ServiceReferral, status: str, on: dt.date, by: User | None
) -> ServiceReferral:
    """Move ``referral`` forward to ``status`` (one of ``codes.NEXT`` of its status) on ``on``:
    not in the future, not before the day of its current status."""
    referral = _referral_locked(referral)
    require_service_referrer(by, referral.participation)
    if status not in NEXT.get(referral.status, ()):
        raise ValidationError(
            {
                "status": _(
                    "Dieser Stand kann nicht auf den bisherigen folgen. Für einen Fehler gibt es die Korrektur."
                )
            }
        )
    _not_in_future(on, "on")
    before = _safe_snapshot(referral)
    referral.status = status
    setattr(referral, DATE_FIELD[status], on)
    _save_status(referral, before=before, by=by, summary=f"Unterstützungsangebot: {status}")
    _step(referral, status=status, on=on, by=by)
    return referral


def reached_statuses(referral: ServiceReferral) -> list[str]:
    """The statuses ``referral`` has reached so far (those with a date), in order."""
    return [s for s in (*CHAIN, R.DECLINED) if getattr(referral, DATE_FIELD[s]) is not None]


@transaction.atomic
def service_referral_correct(
    *, referral: ServiceReferral, status: str, on: dt.date, by: User | None
) -> ServiceReferral:
    """Correct ``referral``: set it back to ``status`` (one it has reached), dated ``on``; the
    dates of the statuses after it are cleared. A correction step records it in the history."""
    referral = _referral_locked(referral)
    require_service_referrer(by, referral.participation)
    if status not in reached_statuses(referral):
        raise ValidationError(
            {"status": _("Korrigiert werden kann nur ein Stand, den die Vermittlung erreicht hat.")}
        )
    _not_in_future(on, "on")
    before = _safe_snapshot(referral)
    referral.status = status
    setattr(referral, DATE_FIELD[status], on)
    later = (*CHAIN[CHAIN.index(status) + 1 :], R.DECLINED) if status in CHAIN else ()
    for other in later:
        setattr(referral, DATE_FIELD[other], None)
    _save_status(referral, before=before, by=by, summary=f"Unterstützungsangebot korrigiert: {status}")
    _step(referral, status=status, on=on, by=by, correction=True)
    return referral


# --- barriers and profile ------------------------------------------------------------------------


@transaction.atomic
def barrier_record(
    *,
    participation: Participation,
    kind: str,
    present: bool,
    on: dt.date,
    notes: str = "",
    by: User | None,
) -> Barrier:
    """Record that barrier ``kind`` is ``present`` (or not / no longer) as assessed ``on``."""
    require_writer(by, participation)
    _not_in_future(on, "assessed_on")
    row = Barrier(
        participation=participation, kind=kind, present=present, assessed_on=on, notes=notes, staff=by
    )
    state = "liegt vor" if present else "liegt nicht vor"
    return _create(row, by=by, person=participation.person, summary=f"Hemmnis {kind}: {state}")


@transaction.atomic
def profile_record(
    *, participation: Participation, category: str, on: dt.date, by: User | None
) -> ProfileRating:
    """Record the profile category (integration prognosis) of ``participation`` as of ``on``."""
    require_writer(by, participation)
    _not_in_future(on, "assessed_on")
    row = ProfileRating(participation=participation, category=category, assessed_on=on, staff=by)
    return _create(row, by=by, person=participation.person, summary=f"Profillage {category}")


# --- phases --------------------------------------------------------------------------------------


def phases_ensure(programme: Programme) -> list[SupportPhase]:
    """The phases of ``programme``; a programme without any gets the four default phases of the
    4-phase model (``codes.DEFAULT_PHASES``) written on first use."""
    phases = list(SupportPhase.objects.filter(programme=programme).order_by("position"))
    if not phases:
        phases = SupportPhase.objects.bulk_create(
            SupportPhase(programme=programme, position=i, name=name)
            for i, name in enumerate(DEFAULT_PHASES, start=1)
        )
    return phases


@transaction.atomic
def phases_take_over(*, programme: Programme, names: dict[int, str], by: User | None) -> list[SupportPhase]:
    """Give ``programme``, when it has no phases yet, those another system names by position
    (``names``, e.g. the exchange file's ``phase_name``): a position it leaves out gets the
    default phase's name there (``codes.DEFAULT_PHASES``), beyond those „Phase n“. A programme
    that has phases keeps them; who names another phase is refused row by row
    (``check_phase_name``). The coordination office's right, as ``phases_configure``."""
    if not names or SupportPhase.objects.filter(programme=programme).exists():
        return phases_ensure(programme)
    listed = [
        names.get(position)
        or (
            DEFAULT_PHASES[position - 1]
            if position <= len(DEFAULT_PHASES)
            else _("Phase %(n)s") % {"n": position}
        )
        for position in range(1, max(names) + 1)
    ]
    return phases_configure(programme=programme, names=listed, by=by)


@transaction.atomic
def phases_configure(*, programme: Programme, names: Iterable[str], by: User | None) -> list[SupportPhase]:
    """Set the phases of ``programme`` to ``names`` in this order: the phase at each position is
    renamed (or brought back into use), new positions are added, phases beyond the list are set
    out of use (kept for the history of earlier phase changes)."""
    require_phase_configurer(by)
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise ValidationError({"names": _("Bitte geben Sie mindestens eine Phase an.")})
    if len({n.casefold() for n in names}) != len(names):
        raise ValidationError({"names": _("Jede Phase darf nur einmal vorkommen.")})
    if any(len(n) > 80 for n in names):
        raise ValidationError({"names": _("Ein Phasenname darf höchstens 80 Zeichen lang sein.")})
    existing = {p.position: p for p in SupportPhase.objects.select_for_update().filter(programme=programme)}
    before = [[p.position, p.name, p.active] for p in sorted(existing.values(), key=lambda p: p.position)]
    result = []
    for position, name in enumerate(names, start=1):
        phase = existing.pop(position, None) or SupportPhase(programme=programme, position=position)
        phase.name, phase.active = name, True
        phase.save()
        result.append(phase)
    for phase in existing.values():
        if phase.active:
            phase.active = False
            phase.save(update_fields=["active"])
    after = [[p.position, p.name, p.active] for p in SupportPhase.objects.filter(programme=programme)]
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE,
        object_type="programmes.programme",
        object_id=str(programme.pk),
        summary="Phasen des Förderplans geändert",
        before={"phases": before},
        after={"phases": after},
    )
    return result


def same_phase_name(a: str, b: str) -> bool:
    """Two spellings of a phase name mean the same phase (case and spaces aside)."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_phase_name(phase: SupportPhase, name: str) -> None:
    """Refuse ``name`` (``ValidationError`` on ``phase_name``) unless it is empty or the name of
    ``phase`` in its programme: a caller naming the phase (the exchange file, the API) must mean
    the phase the programme has at that position, not the one it had elsewhere."""
    if name.strip() and not same_phase_name(name, phase.name):
        raise ValidationError(
            {
                "phase_name": _("Die Phase %(position)s des Programms heißt „%(name)s“.")
                % {"position": phase.position, "name": phase.name}
            }
        )


@transaction.atomic
def phase_change(
    *,
    participation: Participation,
    position: int,
    on: dt.date,
    by: User | None,
    phase_name: str = "",
    history: bool = False,
) -> PhaseChange:
    """``participation`` is in the phase at ``position`` (an active phase of its programme,
    ``phases_ensure``) from ``on``: not in the future and not before its current phase began (a
    phase may be revisited: the 4PM goes back to goal setting when a strategy fails). A
    ``phase_name``, when given, must be that phase's name (``check_phase_name``).
    ``history``: the change is part of a recorded history (the exchange import), which may name a
    phase the programme has since set out of use; a new change (web, API) needs one in use."""
    require_writer(by, participation)
    phase = next((p for p in phases_ensure(participation.programme) if p.position == position), None)
    if phase is None or not (phase.active or history):
        raise ValidationError({"phase": _("Diese Phase gehört nicht zum Programm der Teilnahme.")})
    check_phase_name(phase, phase_name)
    _not_in_future(on, "on")
    current = PhaseChange.objects.filter(participation=participation).order_by("-on", "-id").first()
    if current is not None and on < current.on:
        raise ValidationError({"on": _("Das Datum liegt vor dem Beginn der bisherigen Phase.")})
    row = PhaseChange(participation=participation, phase=phase, on=on, recorded_by=by)
    return _create(row, by=by, person=participation.person, summary=f"Phase des Förderplans: {position}")
