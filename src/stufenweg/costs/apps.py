from django.apps import AppConfig


class CostsConfig(AppConfig):
    name = "stufenweg.costs"
    label = "costs"
    verbose_name = "Kosten und Einsparungen"
