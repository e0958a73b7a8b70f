from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "stufenweg.privacy"
    label = "privacy"
    verbose_name = "Datenschutz"
