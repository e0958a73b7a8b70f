from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stufenweg.core"
    label = "core"
    verbose_name = "Kern"
