from django.apps import AppConfig


class IndicesConfig(AppConfig):
    name = "kehoach.indices"
    label = "indices"
