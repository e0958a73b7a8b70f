from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "stufenweg.organisations"
    label = "organisations"
    verbose_name = "Organisationen"
