"""Writes of measures (Maßnahmen) by the coordination office, with an audit row each.

``measure_save`` creates or changes a measure with its stages and its further start dates
(``MeasureStart``; the measure's ``start`` is always the first one, ``entry_dates``). Only a
writing member of the coordination office (``core.authority``) or the system (``by=None``) may.
The checks (``measure_problems``) are the form's too, so that the page shows the same German
messages next to the fields. A change never rewrites recorded journeys: places, period, stages and
start dates are rules for new entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stufenweg.core.audit import audit_write, snapshot
from stufenweg.core.authority import require_coordination_writer
from stufenweg.core.models import AuditEntry
from stufenweg.core.time import format_date
from stufenweg.organisations.models import Organisation, User
from stufenweg.programmes.models import Measure, MeasureStart, Programme, Stage

PROVIDER_KINDS = (Organisation.Kind.PROVIDER, Organisation.Kind.MENTORING_PROJECT)


def measure_refusal() -> str:
    return _(
        "Maßnahmen dürfen nur Mitglieder der Regiestelle mit schreibender Rolle (Fallbearbeitung oder "
        "Organisationsverwaltung) anlegen und ändern."
    )


def measure_problems(
    *,
    programme: Programme | None,
    provider: Organisation | None,
    places: int | None,
    start: dt.date | None,
    end: dt.date | None,
    rolling_entry: bool,
    stages: Iterable[Stage],
    start_dates: Iterable[dt.date],
) -> dict[str, list[str]]:
    """German messages per field for a measure that breaks a rule (empty: none)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    stages = list(stages)
    if places is not None and places < 1:
        add("places", _("Eine Maßnahme braucht mindestens einen Platz."))
    if start and end and end < start:
        add(
            "end",
            _("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).")
            % {"end": format_date(end), "start": format_date(start)},
        )
    if provider is not None and provider.kind not in PROVIDER_KINDS:
        add(
            "provider",
            _(
                "Träger einer Maßnahme kann nur ein Bildungsträger oder ein Arbeitsmarktmentoren-Projekt sein."
            ),
        )
    if not stages:
        add("stages", _("Bitte mindestens eine Stufe des Programms wählen."))
    elif programme is not None:
        foreign = [s for s in stages if s.programme_id != programme.pk]
        if foreign:
            add(
                "stages",
                _("Die Stufen %(stages)s gehören nicht zum Programm %(programme)s.")
                % {"stages": ", ".join(s.name for s in foreign), "programme": programme.code},
            )
    further = sorted(set(start_dates))
    if further and rolling_entry:
        add(
            "start_dates",
            _(
                "Weitere Starttermine gibt es nur bei Maßnahmen ohne durchlaufenden Einstieg; bitte "
                "die Starttermine leeren oder den durchlaufenden Einstieg abwählen."
            ),
        )
    elif start:
        outside = [day for day in further if day < start or (end and day > end)]
        if outside:
            add(
                "start_dates",
                _("Außerhalb des Zeitraums der Maßnahme (%(period)s) liegen diese Starttermine: %(dates)s.")
                % {
                    "dates": ", ".join(format_date(day) for day in outside),
                    "period": f"{format_date(start)} – {format_date(end) if end else _('offen')}",
                },
            )
    return problems


def _state(measure: Measure) -> dict:
    return {
        **snapshot(measure),
        "stages": sorted(measure.stages.values_list("pk", flat=True)),
        "start_dates": [d.isoformat() for d in measure.starts.values_list("on", flat=True).order_by("on")],
    }


@transaction.atomic
def measure_save(
    *, measure: Measure, stages: Iterable[Stage], start_dates: Iterable[dt.date], by: User | None
) -> Measure:
    """Create or change ``measure`` with its ``stages`` and further ``start_dates`` (its ``start``
    is the first start date and need not be repeated); validated, saved and audited together.
    A measure whose participants entered keeps its programme. Anyone but a writing member of the
    coordination office gets ``PermissionDenied``; a broken rule a ``ValidationError`` with German
    messages per field; nothing is written either way."""
    require_coordination_writer(by, message=measure_refusal())
    stages = list(stages)
    further = sorted({day for day in start_dates if day != measure.start})
    old = Measure.objects.select_for_update().filter(pk=measure.pk).first() if measure.pk else None
    problems = measure_problems(
        programme=measure.programme if measure.programme_id else None,
        provider=measure.provider if measure.provider_id else None,
        places=measure.places,
        start=measure.start,
        end=measure.end,
        rolling_entry=measure.rolling_entry,
        stages=stages,
        start_dates=further,
    )
    if old is not None and old.programme_id != measure.programme_id and old.enrolments.exists():
        problems.setdefault("programme", []).append(
            _("Das Programm einer Maßnahme, in die schon Personen eingetreten sind, bleibt unverändert.")
        )
    if problems:
        raise ValidationError(problems)
    measure.full_clean()
    before = _state(old) if old is not None else None
    measure.save()
    measure.stages.set(stages)
    measure.starts.exclude(on__in=further).delete()
    kept = set(measure.starts.values_list("on", flat=True))
    MeasureStart.objects.bulk_create(
        [MeasureStart(measure=measure, on=day) for day in further if day not in kept]
    )
    audit_write(
        actor=by,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        obj=measure,
        summary=f"Maßnahme {measure.code} {'geändert' if before else 'angelegt'}",
        before=before,
        after=_state(measure),
    )
    return measure
