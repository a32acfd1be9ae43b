from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "kehoach.tracking"
    label = "tracking"
