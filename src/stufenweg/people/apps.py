from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "stufenweg.people"
    label = "people"
    verbose_name = "Personen"
