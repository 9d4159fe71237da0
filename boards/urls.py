"""The boards app's own pages. Routed under /boards/ in the "boards" namespace by
packs.urls_boards, beside the meeting pages and report packs, which are composed there."""

from django.urls import path

from boards import views

urlpatterns = [
    path("", views.board_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
]
