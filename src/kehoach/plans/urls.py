from django.urls import path

from kehoach.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/evidence/<int:pk>/", views.evidence_file, name="evidence"),
]
