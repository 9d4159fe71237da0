"""/boards/: the boards app's own pages (boards.urls) and, composed here above boards, a board's
page with the recommendations it leads (recommendations.board_views), the meeting pages with
their report packs, and recording a member's challenge at a meeting, together in the "boards"
namespace. A board's own address comes after boards' fixed words ("mine", "timeliness")."""

from django.urls import path

from boards.urls import urlpatterns as board_app_patterns
from packs import views
from recommendations import board_views, challenge_views

app_name = "boards"

# meeting_date (boards.converters): YYYY-MM-DD only, registered by boards.urls.
MEETING = "<slug:slug>/meetings/<meeting_date:date>/"

urlpatterns = [
    *board_app_patterns,
    path("<slug:slug>/", board_views.board_detail, name="detail"),
    path(MEETING, views.meeting, name="meeting"),
    path(f"{MEETING}pack.pdf", views.pack_pdf, name="pack_pdf"),
    path(f"{MEETING}pack-v<int:number>.pdf", views.pack_version, name="pack_version"),
    path(f"{MEETING}pack-draft.pdf", views.pack_draft_pdf, name="pack_draft_pdf"),
    path(f"{MEETING}pack/draft/", views.prepare_draft, name="pack_draft"),
    path(f"{MEETING}pack/publish/", views.publish, name="pack_publish"),
    path(f"{MEETING}pack/builds/<int:build_id>/", views.pack_build, name="pack_build"),
    path(f"{MEETING}challenges/new/", challenge_views.challenge_new, name="challenge_new"),
]
