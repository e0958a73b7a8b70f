from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "stufenweg.programmes"
    label = "programmes"
    verbose_name = "Programme"
