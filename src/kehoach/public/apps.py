from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "kehoach.public"
    label = "public"
