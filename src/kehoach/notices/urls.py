from django.urls import path

from kehoach.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.read_all, name="read_all"),
    path("sent/", views.sent, name="sent"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/letter/", views.letter, name="letter"),
]
