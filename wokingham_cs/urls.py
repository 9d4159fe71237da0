from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wokingham_cs import views

urlpatterns = [
    path("", include("dashboard.urls")),
    path("findings/", include("findings.urls")),
    path("kpis/", include("kpis.urls")),
    path("returns/", include("returns.urls")),
    path("boards/", include("boards.urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
