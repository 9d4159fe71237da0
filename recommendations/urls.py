"""/recommendations/: the tracker, a recommendation's page, and setting its status by hand."""

from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.tracker, name="tracker"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.override, name="override"),
    path("<int:pk>/status/follow-actions/", views.follow_actions, name="follow_actions"),
]
