from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "stufenweg.indicators"
    label = "indicators"
    verbose_name = "Kennzahlen"
