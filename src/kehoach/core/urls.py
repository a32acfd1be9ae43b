from django.urls import path

from kehoach.core import views

app_name = "core"
urlpatterns = [
    path("", views.audit_log, name="audit"),
]
