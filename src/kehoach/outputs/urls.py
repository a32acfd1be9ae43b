from django.urls import path

from kehoach.outputs import views

app_name = "outputs"
urlpatterns = [
    path("", views.output_list, name="list"),
    path("new/", views.output_new, name="new"),
    path("import/", views.output_import, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/delete/", views.output_delete, name="delete"),
    path("<int:pk>/file/", views.output_file, name="file"),
    path("broadcasts/", views.broadcast_list, name="broadcasts"),
]
