from django.apps import AppConfig


class GroupworkConfig(AppConfig):
    name = "stufenweg.groupwork"
    label = "groupwork"
    verbose_name = "Gruppenangebote"
