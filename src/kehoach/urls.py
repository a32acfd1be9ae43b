"""URL map: pages per app, the API under /api/v1/, health check, admin."""

from django.contrib import admin
from django.urls import include, path

from kehoach.api.main import api
from kehoach.core import views as core_views
from kehoach.home import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/db", core_views.healthz_db, name="healthz_db"),
    path("accounts/login/", core_views.login_view, name="login"),
    path("accounts/logout/", core_views.logout_view, name="logout"),
    path("accounts/", include("kehoach.core.account_views")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("audit/", include("kehoach.core.urls")),
]

# Each domain's pages under its own prefix.
urlpatterns += [
    path("plans/", include("kehoach.plans.urls")),
    path("units/", include("kehoach.org.urls")),
    path("tracking/", include("kehoach.tracking.urls")),
    path("notices/", include("kehoach.notices.urls")),
    path("outputs/", include("kehoach.outputs.urls")),
    path("budgets/", include("kehoach.budgets.urls")),
    path("dashboard/", include("kehoach.reports.urls")),
    path("indices/", include("kehoach.indices.urls")),
    path("public/", include("kehoach.public.urls")),
    path("jobs/", include("kehoach.jobs.urls")),
]

handler404 = "kehoach.core.views.not_found"
handler403 = "kehoach.core.views.forbidden"
handler500 = "kehoach.core.views.server_error"
