from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kehoach.core"
    label = "core"

    def ready(self):
        from kehoach.core import auth_audit

        auth_audit.connect()
        from kehoach.core import two_factor

        two_factor.connect()
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from kehoach.core import login_throttle  # noqa: F401 - connects the known-device failure counter
        from kehoach.core.services import _user_pre_save

        pre_save.connect(_user_pre_save, sender=get_user_model(), dispatch_uid="kehoach-revoke-tokens")
