from django.urls import path

import kehoach.plans.importer_views as importer_views
from kehoach.plans import views
from kehoach.plans.year import views as year_views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("<int:pk>/copy/", year_views.copy_plan, name="copy"),
    path("<int:pk>/activate/", year_views.activate_plan, name="activate"),
    path("close-year/", year_views.close_year, name="close_year"),
    path("import/", importer_views.upload, name="import"),
    path("import/<str:token>/", importer_views.review, name="import_review"),
    path("import/<str:token>/cancel/", importer_views.cancel, name="import_cancel"),
]
