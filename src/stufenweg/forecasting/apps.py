from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "stufenweg.forecasting"
    label = "forecasting"
    verbose_name = "Platzprognose"
