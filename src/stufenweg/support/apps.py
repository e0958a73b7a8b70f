from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "stufenweg.support"
    label = "support"
    verbose_name = "Unterstützungsangebote, Hemmnisse und Förderphasen"
