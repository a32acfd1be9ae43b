from django.urls import path

from kehoach.tracking import problem_views, views

app_name = "tracking"
urlpatterns = [
    path("", views.deliverable_list, name="list"),
    path("<int:pk>/", views.deliverable_detail, name="detail"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/review/", views.review_action, name="review_action"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("review/", views.review_queue, name="review"),
    path("followup/", views.followup, name="followup"),
    path("followup/lock/", views.lock, name="lock"),
    path("problems/", problem_views.problems, name="problems"),
    path("problems/<int:pk>/answer/", problem_views.problem_answer, name="problem_answer"),
    path("inspections/", problem_views.inspections, name="inspections"),
    path("inspections/<int:pk>/follow-up/", problem_views.inspection_follow_up, name="inspection_follow_up"),
]
