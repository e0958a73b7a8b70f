from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "stufenweg.accounts"
    label = "accounts"
    verbose_name = "Konten und Anmeldung"

    def ready(self) -> None:
        from stufenweg.accounts import signals  # noqa: F401 - connects the login signal handlers
