from django.urls import path

from kehoach.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("news/<int:pk>/", views.news_detail, name="news"),
    path("procedures/", views.procedures, name="procedures"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/lookup/", views.lookup, name="lookup"),
    path("staff/feedback/", views.staff_feedback, name="staff_feedback"),
    path("staff/feedback/<int:pk>/", views.staff_feedback_detail, name="staff_feedback_detail"),
    path("staff/news/", views.staff_news, name="staff_news"),
]
