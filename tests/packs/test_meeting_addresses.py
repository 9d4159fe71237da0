"""A meeting has one address: its date written YYYY-MM-DD. Other spellings Python's
date.fromisoformat reads (20261208, 2026-W50-2, the same day) open nothing, on every page
under a meeting."""

import datetime

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from boards.models import AgendaItem, Board, Meeting

CANONICAL = "2026-12-08"
# The same Tuesday, as date.fromisoformat also reads it.
OTHER_SPELLINGS = ["20261208", "2026-W50-2", "2026W502"]


def meeting_routes(patterns=None, prefix="") -> list[str]:
    """Every route of ours with a meeting's date in it, e.g. "boards/<slug:slug>/meetings/..."."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += meeting_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and "<meeting_date:date>" in str(pattern.pattern):
            found.append(prefix + str(pattern.pattern))
    return found


ROUTES = meeting_routes()


def address(route: str, date: str) -> str:
    return "/" + (
        route.replace("<slug:slug>", "cpb")
        .replace("<meeting_date:date>", date)
        .replace("<int:number>", "1")
        .replace("<int:build_id>", "1")
    )


def test_every_page_under_a_meeting_takes_its_date_one_way():
    names = {resolve(address(route, CANONICAL)).url_name for route in ROUTES}
    assert names == {
        "meeting", "meeting_edit", "pack_pdf", "pack_version", "pack_draft_pdf", "pack_draft",
        "pack_publish", "pack_build", "challenge_new",
    }  # fmt: skip
    assert resolve(address(ROUTES[0], CANONICAL)).kwargs["date"] == datetime.date(2026, 12, 8)


@pytest.mark.parametrize("date", OTHER_SPELLINGS)
@pytest.mark.parametrize("route", ROUTES)
def test_no_other_spelling_of_the_date_is_an_address(route, date):
    assert datetime.date.fromisoformat(date) == datetime.date(2026, 12, 8)
    with pytest.raises(Resolver404):
        resolve(address(route, date))


@pytest.fixture
def meeting(db):
    board = Board.objects.create(slug="cpb", short_name="CPB", name="Corporate Parenting Board",
                                 nature=Board.Nature.COMMITTEE)  # fmt: skip
    meeting = Meeting.objects.create(board=board, date=datetime.date(2026, 12, 8))
    AgendaItem.objects.create(meeting=meeting, number=1, title="Performance report",
                              is_performance_report=True)  # fmt: skip
    return meeting


@pytest.mark.parametrize("date", OTHER_SPELLINGS)
def test_a_manager_gets_a_404_for_another_spelling(client, manager, meeting, date):
    client.force_login(manager)
    assert client.get(f"/boards/cpb/meetings/{CANONICAL}/").status_code == 200
    for page in ("", "edit/", "challenges/new/"):
        assert client.get(f"/boards/cpb/meetings/{date}/{page}").status_code == 404, page
