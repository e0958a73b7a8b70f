"""``stufenweg demo_rates``: the demo's key rates next to the seeds' figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from stufenweg.demo.rates import all_rates, rates_table


class Command(BaseCommand):
    help = "Zeigt die wichtigsten Quoten der Demodaten neben den Zahlen der Seeds (JobPerspektive Sachsen u. a.)."

    def handle(self, *args, **options):
        self.stdout.write(rates_table(all_rates()))
