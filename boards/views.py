from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from boards.models import Board, Recommendation


def board_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "boards/list.html",
        {
            "boards": Board.objects.with_counts(),
            "recommendations": Recommendation.objects.select_related("source"),
        },
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(Board, slug=slug)
    lines = board.reporting_lines.for_board_page()
    return render(
        request,
        "boards/detail.html",
        {
            "board": board,
            "kpi_lines": [line for line in lines if line.kpi_id],
            "monitoring_lines": [line for line in lines if line.monitoring_id],
        },
    )
