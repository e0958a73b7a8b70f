from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stufenweg.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from stufenweg.core.auditguard import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="stufenweg_audit_guard")
