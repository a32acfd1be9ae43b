from django.urls import path

from kehoach.org import import_views, views
from kehoach.org.first_run import official_views
from kehoach.org.first_run import views as setup_views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("import/", import_views.import_units, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("people/import/", import_views.import_people, name="import_people"),
    path("setup/", setup_views.first_run, name="setup"),
    path("setup/organisation/", setup_views.organisation, name="setup_organisation"),
    path("setup/reminders/", setup_views.reminders, name="setup_reminders"),
    path("setup/official/", official_views.from_official_list, name="setup_official"),
    path("setup/jobs/<int:job_id>/", import_views.import_job, name="import_job"),
    path("people/import/template.xlsx", import_views.people_template, name="people_template"),
]
