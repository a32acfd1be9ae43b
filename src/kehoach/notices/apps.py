from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "kehoach.notices"
    label = "notices"
    verbose_name = "Thông báo"
