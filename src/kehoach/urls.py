"""URL map: pages per app, the API under /api/v1/, health check, admin."""

from importlib import import_module

from django.contrib import admin
from django.urls import include, path

from kehoach.api.main import api
from kehoach.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/login/", core_views.login_view, name="login"),
    path("accounts/logout/", core_views.logout_view, name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("audit/", include("kehoach.core.urls")),
]

# Each app's pages under its own prefix; an app without pages yet is simply not mounted.
for prefix, app in [
    ("plans/", "plans"),
    ("units/", "org"),
    ("tracking/", "tracking"),
    ("outputs/", "outputs"),
    ("budgets/", "budgets"),
    ("dashboard/", "reports"),
    ("indices/", "indices"),
    ("public/", "public"),
]:
    try:
        module = import_module(f"kehoach.{app}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"kehoach.{app}.urls":
            raise
        continue
    urlpatterns.append(path(prefix, include(module)))

handler404 = "kehoach.core.views.not_found"
handler403 = "kehoach.core.views.forbidden"
handler500 = "kehoach.core.views.server_error"
