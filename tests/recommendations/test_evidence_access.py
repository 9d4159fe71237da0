"""Who may download an evidence document: whoever may read its update. A document discussed at
a meeting follows that meeting's papers (Meeting.papers_visible_to): its Part 2 business, or an
internal board's papers, only for the board's members, officers and managers; anyone else gets
the same 404 as for a document that does not exist, and the action's page shows them nothing
of that update."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from boards.models import BoardMembership
from recommendations.services import add_update
from recommendations.uploads import check_upload
from tests.packs.factories import make_meeting
from tests.recommendations.factories import PDF, make_action, make_board
from tests.users import make_user

PART_2 = "2"


@pytest.fixture
def storage(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def evidence(storage, officer):
    """A public board's Part 2 meeting and an internal board's meeting, each with an update
    and its document; and an update with a document and no meeting."""
    public = make_board("cs-os", public=True)
    internal = make_board("cslt")
    action = make_action(owner=officer)

    def document(meeting, name):
        update = add_update(
            action=action, by=officer, text=f"Evidence: {name}", meeting=meeting,
            upload=check_upload(name, PDF, max_bytes=10_000),
        )  # fmt: skip
        return update.documents.get()

    exempt = make_meeting(public, datetime.date(2026, 10, 6), part=PART_2)
    open_meeting = make_meeting(public, datetime.date(2026, 9, 8))
    internal_meeting = make_meeting(internal, datetime.date(2026, 10, 13))
    return {
        "action": action,
        "public": public,
        "internal": internal,
        "part_2": document(exempt, "exempt.pdf"),
        "part_1": document(open_meeting, "open.pdf"),
        "internal_papers": document(internal_meeting, "internal.pdf"),
        "no_meeting": document(None, "general.pdf"),
    }


def download(client, document):
    return client.get(document.get_absolute_url())


def test_a_member_of_another_board_gets_404_for_its_part_2_evidence(client, evidence):
    outsider_member = make_user("elsewhere", "Member")
    BoardMembership.objects.create(board=make_board("hwbb"), user=outsider_member)
    client.force_login(outsider_member)
    assert download(client, evidence["part_2"]).status_code == 404
    assert download(client, evidence["internal_papers"]).status_code == 404
    # What the board meets in public, and evidence of no meeting, they may read.
    assert download(client, evidence["part_1"]).status_code == 200
    assert download(client, evidence["no_meeting"]).status_code == 200
    page = client.get(evidence["action"].get_absolute_url()).content.decode()
    assert "exempt.pdf" not in page
    assert "Evidence: exempt.pdf" not in page
    assert "internal.pdf" not in page
    assert "Evidence: open.pdf" in page


def test_the_boards_members_officers_and_managers_get_every_document(
    client, evidence, officer, manager
):
    member = make_user("councillor", "Member")
    for board in (evidence["public"], evidence["internal"]):
        BoardMembership.objects.create(board=board, user=member)
    for person in (member, officer, manager):
        client.force_login(person)
        for name in ("part_2", "part_1", "internal_papers", "no_meeting"):
            response = download(client, evidence[name])
            assert response.status_code == 200, (person, name)
            assert b"".join(response) == PDF


def test_a_download_is_the_stored_file_as_an_attachment_never_cached(client, evidence, officer):
    client.force_login(officer)
    response = download(client, evidence["part_1"])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="open.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_without_a_role_or_signed_out_nothing_is_given(client, evidence, outsider):
    url = evidence["no_meeting"].get_absolute_url()
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_a_document_asked_for_through_another_action_is_not_found(client, evidence, officer):
    other = make_action(title="Another action")
    client.force_login(officer)
    url = reverse("actions:evidence", args=[other.pk, evidence["part_1"].pk])
    assert client.get(url).status_code == 404


def test_a_stored_file_changed_behind_our_back_is_refused(client, evidence, officer, storage):
    stored = storage / evidence["part_1"].file_name
    stored.chmod(0o644)
    stored.write_bytes(b"%PDF-1.7 something else")
    client.force_login(officer)
    response = download(client, evidence["part_1"])
    assert response.status_code == 500
    assert "does not match its SHA-256" in response.content.decode()


def test_a_correction_of_an_update_they_may_not_read_is_hidden_with_it(client, evidence, officer):
    hidden = evidence["internal_papers"].update
    correction = add_update(
        action=evidence["action"], by=officer, text="Correction: the figure was 41",
        corrects=hidden,
    )  # fmt: skip
    add_update(action=evidence["action"], by=officer, text="Correcting again", corrects=correction)
    outsider_member = make_user("elsewhere", "Member")
    client.force_login(outsider_member)
    page = client.get(evidence["action"].get_absolute_url()).content.decode()
    assert "Correction: the figure was 41" not in page
    assert "Correcting again" not in page
    assert "Evidence: open.pdf" in page
    # Nor may they open it to correct it in turn.
    new_update = reverse("actions:update_new", args=[evidence["action"].pk])
    assert client.get(f"{new_update}?corrects={correction.pk}").status_code in (403, 404)

    client.force_login(officer)
    page = client.get(evidence["action"].get_absolute_url()).content.decode()
    assert "Correction: the figure was 41" in page and "Correcting again" in page


def test_the_trackers_last_update_leaves_out_updates_they_may_not_read(client, evidence, officer):
    action = evidence["action"]
    readable = action.updates.get(meeting=None)
    hidden = evidence["internal_papers"].update
    action.updates.filter(pk=readable.pk).update(
        written_at=datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)
    )
    action.updates.exclude(pk=readable.pk).update(
        written_at=datetime.datetime(2026, 9, 1, 9, 0, tzinfo=datetime.UTC)
    )
    action.updates.filter(pk=hidden.pk).update(
        written_at=datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)
    )

    def last_update(person) -> str:
        client.force_login(person)
        export = client.get(reverse("recommendations:tracker") + "?_export=csv").content.decode()
        [row] = list(csv.reader(io.StringIO(export)))[1:]
        return row[-1]

    assert last_update(make_user("elsewhere", "Member")) == "2026-10-01"
    assert last_update(officer) == "2026-11-20"


def test_a_correction_they_may_not_read_is_not_named_on_the_update_it_corrects(
    client, evidence, officer
):
    readable = evidence["part_1"].update
    correction = add_update(
        action=evidence["action"], by=officer, text="Correction put in private",
        corrects=readable, meeting=evidence["internal_papers"].update.meeting,
    )  # fmt: skip
    client.force_login(make_user("elsewhere", "Member"))
    page = client.get(evidence["action"].get_absolute_url()).content.decode()
    assert "Correction put in private" not in page
    assert f"#update-{correction.pk}" not in page and "Corrected by" not in page
    client.force_login(officer)
    page = client.get(evidence["action"].get_absolute_url()).content.decode()
    assert f"#update-{correction.pk}" in page and "Corrected by" in page
