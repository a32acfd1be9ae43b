from django.urls import path

import kehoach.plans.importer_views as importer_views
from kehoach.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("import/", importer_views.upload, name="import"),
    path("import/<str:token>/", importer_views.review, name="import_review"),
    path("import/<str:token>/cancel/", importer_views.cancel, name="import_cancel"),
]
