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
    path("recommendations/", include("recommendations.urls")),
    path("actions/", include("recommendations.urls_actions")),
    path("accessibility/", views.accessibility, name="accessibility"),
    # For the load balancer and monitoring: public, and shows nothing but one word.
    path("healthz", views.healthz, name="healthz"),
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

# A form too large to read gets a page saying so; a database that cannot be reached is a 503
# ("try again shortly"), not a 500.
handler400 = "wokingham_cs.views.bad_request"
handler500 = "wokingham_cs.views.server_error"
