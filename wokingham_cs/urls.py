from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wokingham_cs import views

urlpatterns = [
    path("", include("dashboard.urls")),
    # The Annex A, scorecard and KPI pages show boards and findings together, so they are
    # composed in dashboard, the app that may read every other.
    path("findings/", include("dashboard.urls_findings")),
    path("kpis/", include("dashboard.urls_kpis")),
    path("returns/", include("returns.urls")),
    # Meeting pages show report packs, which are built above boards (packs).
    path("boards/", include("packs.urls_boards")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
