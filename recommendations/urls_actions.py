"""/actions/: your actions, an action's page and everything done to it. Fixed words ("mine",
"new") come first, so they are never read as an action's number."""

from django.urls import path

from recommendations import action_views

app_name = "actions"

urlpatterns = [
    path("mine/", action_views.mine, name="mine"),
    path(
        "new/recommendation/<int:pk>/",
        action_views.new_for_recommendation,
        name="new_for_recommendation",
    ),
    path("new/finding/<int:pk>/", action_views.new_for_finding, name="new_for_finding"),
    path("<int:pk>/", action_views.detail, name="detail"),
    path("<int:pk>/edit/", action_views.edit, name="edit"),
    path("<int:pk>/status/", action_views.move, name="move"),
    path("<int:pk>/close/", action_views.close, name="close"),
    path("<int:pk>/reopen/", action_views.reopen, name="reopen"),
    path("<int:pk>/updates/new/", action_views.update_new, name="update_new"),
    path("<int:pk>/updates/<int:update_pk>/edit/", action_views.update_edit, name="update_edit"),
    path("<int:pk>/evidence/<int:document_pk>/", action_views.evidence, name="evidence"),
]
