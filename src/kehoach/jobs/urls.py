from django.urls import path

from kehoach.jobs import views

app_name = "jobs"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("<int:job_id>/", views.detail, name="detail"),
    path("<int:job_id>/progress/", views.progress, name="progress"),
    path("<int:job_id>/download/", views.download, name="download"),
]
