"""/boards/: the boards app's own pages (boards.urls) and, composed here above boards, the
meeting pages with their report packs, together in the "boards" namespace."""

from django.urls import path

from boards.urls import urlpatterns as board_app_patterns
from packs import views

app_name = "boards"

urlpatterns = [
    *board_app_patterns,
    path("<slug:slug>/meetings/<str:date>/", views.meeting, name="meeting"),
]
