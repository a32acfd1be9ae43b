from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kehoach.core"
    label = "core"
