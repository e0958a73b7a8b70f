from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "stufenweg.interchange"
    label = "interchange"
    verbose_name = "Austauschformat"
