from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "stufenweg.matching"
    label = "matching"
    verbose_name = "Matching nach Berufen"
