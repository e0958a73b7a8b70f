"""``stufenweg demo_rates``: the demo's key rates next to the seeds' figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from stufenweg.demo import demo_loaded
from stufenweg.demo.rates import all_rates, rates_table


class Command(BaseCommand):
    help = "Zeigt die wichtigsten Quoten der Demodaten neben den Zahlen der Seeds (JobPerspektive Sachsen u. a.)."

    def handle(self, *args, **options):
        marker = demo_loaded()
        if marker is None:
            self.stderr.write(
                "Hinweis: In dieser Datenbank sind keine Demodaten geladen (stufenweg load_demo)."
            )
        self.stdout.write(rates_table(all_rates()))
        if marker is not None:
            self.stdout.write(f"\n{marker.summary}; kumuliert über den ganzen Demozeitraum.")
