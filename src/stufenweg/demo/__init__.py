"""Synthetic demo data: five programmes like the seeds', a few thousand persons, journeys with
rates near the seeds', staff logins for every persona.

``load_demo(seed=…, scale=…)`` runs the steps of ``steps.STEPS`` in one transaction and marks the
database as loaded; ``demo_loaded()`` tells whether that happened. Nothing in here is a Django app:
the package only writes through the models and services of the apps.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from stufenweg.core.models import AuditEntry
from stufenweg.demo.context import DEFAULT_SEED, DemoContext

MARKER_TYPE = "stufenweg.demo"


class DemoAlreadyLoaded(Exception):
    pass


def demo_loaded() -> AuditEntry | None:
    """The audit row written when the demo data was loaded (None: not loaded)."""
    return AuditEntry.objects.filter(object_type=MARKER_TYPE, action=AuditEntry.Action.IMPORT).first()


def load_demo(
    *, seed: int = DEFAULT_SEED, scale: float = 1.0, out: Callable[[str], None] | None = None
) -> DemoContext:
    """Load the demo data into the configured database (all or nothing)."""
    from stufenweg.demo.steps import STEPS
    from stufenweg.programmes.models import Programme

    if scale <= 0:
        raise ValueError("scale must be positive")
    ctx = DemoContext(seed=seed, scale=scale, **({"out": out} if out else {}))
    with transaction.atomic():
        if demo_loaded() or Programme.objects.filter(code="JPS").exists():
            raise DemoAlreadyLoaded("Die Demodaten sind in dieser Datenbank bereits geladen.")
        for title, step in STEPS:
            ctx.say(f"▸ {title}")
            step(ctx)
        AuditEntry.objects.create(
            actor=None,
            actor_label="system",
            action=AuditEntry.Action.IMPORT,
            object_type=MARKER_TYPE,
            object_id=str(seed),
            summary=f"Demodaten geladen (Seed {seed}, Maßstab {scale:g})",
            after={"seed": seed, "scale": scale, **ctx.stats},
        )
    ctx.say("Demodaten geladen.")
    return ctx


__all__ = ["DEFAULT_SEED", "DemoAlreadyLoaded", "DemoContext", "demo_loaded", "load_demo"]
