"""A board's page, composed above boards: the board's own parts (boards.views.
board_page_context) with the recommendations it leads and the open actions it leads. Routed
as "boards:detail" by packs.urls_boards, at the same address as before."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from boards.views import board_page_context, get_board
from recommendations.models import Action, Recommendation


def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board(slug)
    return render(
        request,
        "recommendations/board.html",
        {
            **board_page_context(request, board),
            "led_recommendations": Recommendation.objects.led_by(board)
            .with_status()
            .for_lists()
            .order_by("source__title", "number"),
            "led_actions": Action.objects.filter(lead_board=board)
            .open()
            .visible_to(request.user)
            .for_lists()
            .overdue_first(timezone.localdate()),
        },
    )
