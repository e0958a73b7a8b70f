"""``stufenweg load_demo [--seed N] [--scale F]``: load the demo data into the configured database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from stufenweg.demo import DEFAULT_SEED, DemoAlreadyLoaded, load_demo


class Command(BaseCommand):
    help = "Lädt die synthetischen Demodaten (einmalig) in die konfigurierte Datenbank."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Zufallsstartwert (Standard 2026)")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Größe relativ zur vollen Demo (z. B. 0.05 für Tests)"
        )

    def handle(self, *args, seed: int, scale: float, **options):
        if scale <= 0:
            raise CommandError("--scale muss größer als 0 sein.")
        try:
            load_demo(seed=seed, scale=scale, out=lambda message: self.stdout.write(message))
        except DemoAlreadyLoaded as exc:
            raise CommandError(str(exc)) from None
