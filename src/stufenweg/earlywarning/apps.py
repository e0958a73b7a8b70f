from django.apps import AppConfig


class EarlyWarningConfig(AppConfig):
    name = "stufenweg.earlywarning"
    label = "earlywarning"
    verbose_name = "Frühwarnung Abbruchrisiko"
