from django.urls import path

from kehoach.reports import document_views, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("unit/", views.unit_dashboard, name="unit"),
    path("leader/", views.leader_dashboard, name="leader"),
    path("ranking/", views.ranking_page, name="ranking"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("ics/<str:key>.ics", views.ics_feed, name="ics"),
    path("plans/<int:plan_id>/report/", views.report_file, name="report_file"),
    path("plans/<int:plan_id>/export/", views.plan_file, name="plan_file"),
    path("plans/<int:plan_id>/urging-letter/", views.urging_file, name="urging_file"),
    path("plans/<int:plan_id>/documents/", document_views.documents_page, name="documents"),
    path("documents/<int:document_id>/", document_views.document_page, name="document"),
    path("documents/<int:document_id>/file/", document_views.document_file, name="document_file"),
    path("documents/<int:document_id>/issue/", document_views.document_issue, name="document_issue"),
    path("documents/<int:document_id>/sign/", document_views.document_sign, name="document_sign"),
    path("plans/<int:plan_id>/documents/verify/", document_views.verify_page, name="document_verify"),
]
