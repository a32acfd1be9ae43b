from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kehoach.reports"
    label = "reports"
