from django.urls import path

from kehoach.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:pk>/", views.unit_detail, name="detail"),
]
