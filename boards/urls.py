"""The boards app's own pages. Routed under /boards/ in the "boards" namespace by
packs.urls_boards, beside the meeting pages and report packs, which are composed there.

Fixed words ("mine", "timeliness") come before the board patterns, so they are never read as a
board's slug; `<slug>/` itself is the board page, composed above boards (recommendations), and
`<slug>/meetings/<date>/` the meeting page (packs)."""

from django.urls import path, register_converter

from boards import views
from boards.converters import MeetingDateConverter

# Every address under a meeting takes its date as YYYY-MM-DD only (packs.urls_boards too).
register_converter(MeetingDateConverter, "meeting_date")

urlpatterns = [
    path("", views.board_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("mine/<slug:slug>/subscription/", views.subscription, name="subscription"),
    path("timeliness/", views.timeliness, name="timeliness"),
    path("timeliness.csv", views.timeliness_export, {"file_format": "csv"}, name="timeliness_csv"),
    path(
        "timeliness.xlsx",
        views.timeliness_export,
        {"file_format": "xlsx"},
        name="timeliness_xlsx",
    ),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<slug:slug>/meetings/<meeting_date:date>/edit/", views.meeting_edit, name="meeting_edit"),
]
