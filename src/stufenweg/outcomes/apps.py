from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "stufenweg.outcomes"
    label = "outcomes"
    verbose_name = "Ergebnisse"
