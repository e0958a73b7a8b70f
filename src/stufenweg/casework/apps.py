from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "stufenweg.casework"
    label = "casework"
    verbose_name = "Fallarbeit"
