from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "stufenweg.web"
    label = "web"
    verbose_name = "Oberfläche"
