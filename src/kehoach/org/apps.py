from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kehoach.org"
    label = "org"
