from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "stufenweg.journeys"
    label = "journeys"
    verbose_name = "Verläufe"
