"""Who may download a pack, for each role and kind of meeting: Part 1 packs of boards that meet
in public for anyone with a role; Part 2 packs, and the packs of internal and partnership
boards, only for the board's members, officers and managers; drafts only for officers and
managers. Everyone else gets the 404 a missing pack gives."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from boards.models import AgendaItem, Meeting
from packs.models import PackBuild, PackVersion
from tests import users
from tests.boards.pages import form_fields
from tests.packs.factories import make_board, make_meeting, member_of, publish_bytes

DAY = "2026-12-08"


@pytest.fixture
def meetings(db):
    return {
        "public part 1": make_meeting(make_board("scrutiny", public=True)),
        "public part 2": make_meeting(make_board("panel", public=True), part="2"),
        "internal": make_meeting(make_board("cslt", public=False)),
    }


@pytest.fixture
def people(db):
    return {
        "officer": users.officer(),
        "manager": users.manager(),
        "member of the boards": users.make_user("sits", roles.MEMBER),
        "member of others": users.member(),
        "no role": users.outsider(),
    }


@pytest.fixture
def on_the_boards(meetings, people):
    for meeting in meetings.values():
        member_of(meeting.board, people["member of the boards"])


def url(name: str, slug: str, *extra) -> str:
    return reverse(f"boards:{name}", args=[slug, DAY, *extra])


def status_for_everyone(people, path: str, method: str = "get", **data) -> dict[str, int]:
    answers = {}
    for name, person in people.items():
        client = Client()
        client.force_login(person)
        answers[name] = getattr(client, method)(path, data).status_code
    return answers


# Someone with no role gets the service's no-access page for every address, a pack's or not
# (wokingham_cs.middleware): it says nothing of whether the pack exists.
NO_ROLE = 403


def expected(allowed: set[str], people) -> dict[str, int]:
    return {
        name: 200 if name in allowed else NO_ROLE if name == "no role" else 404 for name in people
    }


PUBLISHED = {
    # meeting: who gets the published pack (everyone else: 404)
    "public part 1": {"officer", "manager", "member of the boards", "member of others"},
    "public part 2": {"officer", "manager", "member of the boards"},
    "internal": {"officer", "manager", "member of the boards"},
}


@pytest.mark.parametrize("which", list(PUBLISHED))
def test_the_published_pack_and_its_version_file_by_role(meetings, people, on_the_boards, which):
    meeting = meetings[which]
    part = meeting.report_part
    version = publish_bytes(meeting, 1, part, f"%PDF-1.7 {which}".encode())
    slug = meeting.board.slug
    allowed = expected(PUBLISHED[which], people)
    assert status_for_everyone(people, url("pack_pdf", slug)) == allowed
    assert status_for_everyone(people, url("pack_version", slug, 1)) == allowed
    assert status_for_everyone(people, version.get_absolute_url()) == allowed
    assert set(status_for_everyone(people, url("pack_version", slug, 2)).values()) == {
        404,
        NO_ROLE,
    }


@pytest.mark.parametrize("which", list(PUBLISHED))
def test_before_publication_only_officers_and_managers_get_a_draft(
    meetings, people, on_the_boards, which
):
    slug = meetings[which].board.slug
    drafts = expected({"officer", "manager"}, people)
    assert status_for_everyone(people, url("pack_pdf", slug)) == drafts
    assert status_for_everyone(people, url("pack_draft_pdf", slug)) == drafts


def test_a_member_outside_the_board_gets_404_for_its_part_2_and_internal_packs(meetings, people):
    """The issue's case: a member who does not sit on the board, with both published."""
    member = people["member of others"]
    client = Client()
    client.force_login(member)
    for which in ("public part 2", "internal"):
        meeting = meetings[which]
        publish_bytes(meeting, 1, meeting.report_part, b"%PDF-1.7 restricted")
        for name in ("meeting", "pack_pdf", "pack_draft_pdf"):
            assert client.get(url(name, meeting.board.slug)).status_code == 404, (which, name)
        assert client.get(url("pack_version", meeting.board.slug, 1)).status_code == 404


def test_a_part_2_version_stays_restricted_after_the_report_moves_to_part_1(meetings, people):
    meeting = meetings["public part 2"]
    publish_bytes(meeting, 1, "2", b"%PDF-1.7 true figures")
    AgendaItem.objects.filter(meeting=meeting).update(part="1", exempt_paragraph=None)
    publish_bytes(meeting, 2, "1", b"%PDF-1.7 small numbers hidden")
    client = Client()
    client.force_login(people["member of others"])
    assert client.get(url("pack_version", "panel", 2)).content == b"%PDF-1.7 small numbers hidden"
    assert client.get(url("pack_pdf", "panel")).content == b"%PDF-1.7 small numbers hidden"
    assert client.get(url("pack_version", "panel", 1)).status_code == 404
    page = client.get(url("meeting", "panel")).content.decode()
    assert "pack-v2.pdf" in page and "pack-v1.pdf" not in page


def test_the_administrator_cannot_move_a_published_part_2_pack_to_another_board(meetings, people):
    """The review's case: moving the meeting to a board whose members may read its own papers
    would have shown them this board's OFFICIAL-SENSITIVE pack."""
    meeting = meetings["internal"]
    publish_bytes(meeting, 1, "2", b"%PDF-1.7 OFFICIAL-SENSITIVE")
    Meeting.objects.filter(pk=meeting.pk).update(papers_published_at=timezone.now())
    other = make_board("yjpb", public=False)
    member_of(other, people["member of others"])
    admin = Client()
    admin.force_login(users.make_user("administrator", roles.ADMINISTRATOR))
    change = reverse("admin:boards_meeting_change", args=[meeting.pk])
    data = {name: value for name, value in form_fields(admin.get(change)).items()
            if "__prefix__" not in name and name != "received"}  # fmt: skip
    data.update({"board": str(other.pk), "date": "2026-12-09"})
    assert admin.post(change, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.board.slug, meeting.date.isoformat()) == ("cslt", DAY)
    outsider = Client()
    outsider.force_login(people["member of others"])
    for slug, day in (("yjpb", DAY), ("yjpb", "2026-12-09"), ("cslt", DAY)):
        path = reverse("boards:pack_version", args=[slug, day, 1])
        assert outsider.get(path).status_code == 404, path


def test_the_download_is_the_stored_file_with_its_headers(meetings, people):
    meeting = meetings["public part 1"]
    publish_bytes(meeting, 1, "1", b"%PDF-1.7 the stored bytes")
    client = Client()
    client.force_login(people["member of others"])
    response = client.get(url("pack_version", "scrutiny", 1))
    assert response.content == b"%PDF-1.7 the stored bytes"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="scrutiny-2026-12-08-pack-v1.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(b"%PDF-1.7 the stored bytes"))


@pytest.mark.parametrize("action", ["pack_draft", "pack_publish"])
def test_only_officers_and_managers_may_ask_for_a_build(meetings, people, on_the_boards, action):
    meeting = meetings["public part 1"]
    # The second publication is a revision, so every request gives a reason.
    answers = status_for_everyone(
        people, url(action, meeting.board.slug), method="post", reason="Checked again"
    )
    assert answers == {
        "officer": 302,
        "manager": 302,
        "member of the boards": 403,
        "member of others": 403,
        "no role": NO_ROLE,
    }
    internal = status_for_everyone(people, url(action, "cslt"), method="post")
    assert internal["member of others"] == 404


def test_asking_for_a_build_needs_the_csrf_token(meetings, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["manager"])
    response = client.post(url("pack_publish", "scrutiny"))
    assert response.status_code == 403
    assert not PackVersion.objects.exists() and not PackBuild.objects.exists()


def test_a_build_can_only_be_asked_for_with_post(meetings, people):
    client = Client()
    client.force_login(people["manager"])
    assert client.get(url("pack_publish", "scrutiny")).status_code == 405
    assert client.get(url("pack_draft", "scrutiny")).status_code == 405
    assert not PackBuild.objects.exists()


def test_a_builds_status_is_for_officers_and_managers_of_that_meeting(
    meetings, people, on_the_boards
):
    meeting = meetings["public part 1"]
    build = PackBuild.objects.create(meeting=meeting, kind="draft", status="running")
    path = url("pack_build", "scrutiny", build.pk)
    assert status_for_everyone(people, path) == {
        "officer": 200,
        "manager": 200,
        "member of the boards": 404,
        "member of others": 404,
        "no role": NO_ROLE,
    }
    client = Client()
    client.force_login(people["manager"])
    assert client.get(url("pack_build", "cslt", build.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(meetings):
    for path in (url("pack_pdf", "scrutiny"), url("pack_version", "scrutiny", 1)):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
