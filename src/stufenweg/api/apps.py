from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "stufenweg.api"
    label = "api"
    verbose_name = "API"
