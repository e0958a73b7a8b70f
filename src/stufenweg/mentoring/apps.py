from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "stufenweg.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"
