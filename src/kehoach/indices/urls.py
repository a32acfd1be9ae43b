from django.urls import path, re_path

from kehoach.indices import views

app_name = "indices"
urlpatterns = [
    path("", views.index_list, name="list"),
    re_path(r"^mau\.(?P<fmt>csv|xlsx)$", views.template_file, name="template"),
]
