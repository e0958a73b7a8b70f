from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "stufenweg.worker"
    label = "worker"
    verbose_name = "Hintergrunddienst"
