from django.urls import path

from kehoach.budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.budget_list, name="list"),
    path("new/", views.budget_new, name="new"),
    path("<int:pk>/", views.budget_detail, name="detail"),
]
