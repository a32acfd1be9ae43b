from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "kehoach.outputs"
    label = "outputs"
