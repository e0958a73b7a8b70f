from django.core.management.base import BaseCommand

from stufenweg.casework.services import search_index_rebuild


class Command(BaseCommand):
    help = "Baut den Suchindex der Teilnehmendenliste (Name, Personen-ID) neu auf."

    def handle(self, *args, **options):
        total = search_index_rebuild()
        self.stdout.write(f"Suchindex neu aufgebaut: {total} Personen.")
