from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kehoach.core"
    label = "core"

    def ready(self):
        from kehoach.core import auth_audit

        auth_audit.connect()
