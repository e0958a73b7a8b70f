"""Demo data of the early warning: past appointments (kept and missed), the switch on for every
demo programme, and a trained model per programme, so that the worklist shows warnings.

The demo's journeys are synthetic; so is the pattern planted here: an appointment is missed with
probability 8 % normally and 45 % in the 75 days before a dropout (and, for a few open enrolments,
in the last 75 days before the demo's end — the people the worklist should point at). The model
finds this pattern and the stage differences of the demo's dropout rates; the AUC on the demo data
measures exactly that, nothing about real programmes. The switch is on for the programmes whose
model reaches an AUC of 0.7 on held-out persons.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.utils import timezone

from stufenweg.casework.models import Appointment, ContactKind
from stufenweg.earlywarning.models import ProgrammeSetting, RiskModel
from stufenweg.earlywarning.training import train
from stufenweg.journeys.codes import ExitKind
from stufenweg.journeys.models import Enrolment

MISSED_USUALLY = 0.08
MISSED_BEFORE_DROPOUT = 0.45
WARNING_WINDOW_DAYS = 75
DRIFTING_SHARE = 0.12
ENABLE_FROM_AUC = 0.7  # open enrolments whose last weeks look like those before a dropout


def add_early_warning(ctx) -> None:
    rng = ctx.rng_for("earlywarning")
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    last_day = min(ctx.end, timezone.localdate())
    ids = [p.pk for p in ctx.participations.values()]
    rows = (
        Enrolment.objects.filter(participation_id__in=ids, entered_on__lte=last_day)
        .values_list(
            "participation_id", "participation__caseworker_id", "entered_on", "exited_on", "exit_kind"
        )
        .order_by("participation_id", "entered_on", "pk")
    )
    appointments = []
    for pid, staff, entered, exited, exit_kind in rows:
        end = min(exited or last_day, last_day)
        dropout = exited is not None and exit_kind == ExitKind.EARLY_NEGATIVE
        drifting = exited is None and rng.random() < DRIFTING_SHARE
        warn_from = end - dt.timedelta(days=WARNING_WINDOW_DAYS) if (dropout or drifting) else None
        day = entered + dt.timedelta(days=rng.randint(10, 30))
        while day < end:
            late = warn_from is not None and day >= warn_from
            missed = rng.random() < (MISSED_BEFORE_DROPOUT if late else MISSED_USUALLY)
            appointments.append(
                Appointment(
                    participation_id=pid,
                    starts_at=dt.datetime.combine(
                        day, dt.time(rng.choice([9, 10, 11, 13, 14]), 0), tzinfo=tz
                    ),
                    kind=rng.choice([ContactKind.PHONE, ContactKind.QUARTERLY_REVIEW]),
                    place=rng.choice(["Regionalbüro", "Bildungsträger", "telefonisch"]),
                    status=Appointment.Status.MISSED if missed else Appointment.Status.DONE,
                    staff_id=staff,
                )
            )
            day += dt.timedelta(days=rng.randint(21, 35))
    Appointment.objects.bulk_create(appointments, batch_size=2000)
    trained = []
    for programme in ctx.programmes.values():
        model = train(RiskModel.objects.create(programme=programme), as_of=last_day)
        if model.status == RiskModel.Status.DONE:
            trained.append(f"{programme.code} AUC {model.auc:.3f}")
        # switched on where the model distinguishes well on held-out persons; the others show
        # their model on the model page, switched off, as the coordination office would leave them
        enabled = model.status == RiskModel.Status.DONE and model.auc >= ENABLE_FROM_AUC
        ProgrammeSetting.objects.update_or_create(programme=programme, defaults={"enabled": enabled})
    ctx.out("  Frühwarnmodelle: " + (", ".join(trained) or "keins (zu wenige Verläufe)"))
