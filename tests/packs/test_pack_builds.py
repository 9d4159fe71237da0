"""Making a pack in the background: a build per request, its progress on the meeting page and
as JSON, a clear message when it fails and a way to try again, and never two builds of the
same kind for a meeting at once. (Tests run tasks at once; test_pack_worker.py uses the
database queue and its worker.)"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kpis.models import KpiValue
from packs import services
from packs.models import PackBuild, PackVersion
from packs.rendering import RenderError
from packs.services import publish_pack
from packs.tasks import build_pack, request_build
from tests.kpis.pages import messages_of, page
from tests.packs.factories import build_council, fetched, make_meeting, pdf_text

MEETING = reverse("boards:meeting", args=["cpb", "2026-12-08"])
DRAFT = reverse("boards:pack_draft", args=["cpb", "2026-12-08"])
PUBLISH = reverse("boards:pack_publish", args=["cpb", "2026-12-08"])
PACK = reverse("boards:pack_pdf", args=["cpb", "2026-12-08"])


@pytest.fixture
def council(officer, manager):
    return build_council(officer, manager)


@pytest.fixture
def officer_client(client, officer, council):
    client.force_login(officer)
    return client


def test_publishing_from_the_page_runs_a_build_that_makes_version_1(officer_client, officer):
    response = officer_client.post(PUBLISH)
    assert response.status_code == 302
    assert response["Location"] == f"{MEETING}#pack"
    build = PackBuild.objects.get()
    assert (build.kind, build.status, build.requested_by, build.progress) == (
        "publish",
        "done",
        officer,
        "Done",
    )
    assert build.version == PackVersion.objects.get(number=1)
    assert messages_of(response) == ["Version 1 of the pack is published."]


def test_a_revision_from_the_page_needs_its_reason(officer_client, council, officer):
    publish_pack(meeting=fetched(council["meeting"]), user=officer)
    response = officer_client.post(PUBLISH, {"reason": ""})
    assert response.status_code == 400
    assert "Give the reason for the revision" in page(response)
    assert not PackBuild.objects.exists()

    officer_client.post(PUBLISH, {"reason": "PEP corrected"})
    assert PackVersion.objects.get(number=2).reason == "PEP corrected"


def test_a_draft_prepared_in_the_background_is_downloaded_while_the_figures_stand(
    officer_client,
):
    officer_client.post(DRAFT)
    build = PackBuild.objects.get()
    assert (build.kind, build.status) == ("draft", "done")
    assert "A draft PDF was prepared at" in page(officer_client.get(MEETING))

    first = officer_client.get(PACK)
    assert first["Content-Disposition"] == 'attachment; filename="cpb-2026-12-08-pack-draft.pdf"'
    assert first.content == officer_client.get(PACK).content
    assert "78.5%" in pdf_text(first.content)

    value = KpiValue.objects.get(kpi__code="CIC-VISITS", period="2026-10-01")
    value.value = Decimal("88.5")
    value.save(update_fields=["value"])
    remade = officer_client.get(PACK)
    assert remade.content != first.content
    assert "88.5%" in pdf_text(remade.content) and "78.5%" not in pdf_text(remade.content)


def test_a_newer_draft_removes_the_file_of_the_one_before(officer_client, council, officer):
    root = Path(settings.PRIVATE_STORAGE_ROOT)
    other = make_meeting(council["meeting"].board, datetime.date(2027, 3, 9))
    request_build(meeting=other, kind="draft", user=officer)
    officer_client.post(DRAFT)
    first = PackBuild.objects.filter(meeting=council["meeting"]).get()
    assert (root / first.draft_file_name).is_file()

    value = KpiValue.objects.get(kpi__code="CIC-VISITS", period="2026-10-01")
    value.value = Decimal("88.5")
    value.save(update_fields=["value"])
    officer_client.post(DRAFT)
    newest = PackBuild.objects.filter(meeting=council["meeting"]).latest("finished_at")
    assert newest.draft_file_name != first.draft_file_name
    assert not (root / first.draft_file_name).exists()
    first.refresh_from_db()
    assert first.draft_file_name == ""
    assert sorted(path.name for path in root.glob("drafts/*/*")) == sorted(
        Path(build.draft_file_name).name for build in PackBuild.objects.exclude(draft_file_name="")
    )
    assert len(list(root.glob("drafts/*/*"))) == 2  # the newest here, and the other meeting's
    assert "88.5%" in pdf_text(officer_client.get(PACK).content)


def test_figures_changed_back_to_an_earlier_drafts_are_drawn_again(officer_client):
    """The earlier draft's file went when the newer one was made: its figures come back, and
    the draft is made again rather than looked for."""
    officer_client.post(DRAFT)
    value = KpiValue.objects.get(kpi__code="CIC-VISITS", period="2026-10-01")
    value.value = Decimal("88.5")
    value.save(update_fields=["value"])
    officer_client.post(DRAFT)
    value.value = Decimal("78.5")
    value.save(update_fields=["value"])
    response = officer_client.get(PACK)
    assert response.status_code == 200
    assert "78.5%" in pdf_text(b"".join(response))


def test_the_same_draft_made_twice_keeps_its_one_file(officer_client):
    officer_client.post(DRAFT)
    officer_client.post(DRAFT)
    first, second = PackBuild.objects.order_by("finished_at")
    assert first.draft_file_name == "" and second.draft_file_name
    assert (Path(settings.PRIVATE_STORAGE_ROOT) / second.draft_file_name).is_file()
    assert officer_client.get(PACK).status_code == 200


def test_a_failed_build_says_why_and_can_be_tried_again(officer_client, monkeypatch):
    def broken(html):
        raise RenderError("WeasyPrint could not make the PDF: out of memory")

    monkeypatch.setattr(services, "pdf_from_html", broken)
    officer_client.post(PUBLISH)
    failed = PackBuild.objects.get()
    assert failed.status == "failed"
    assert failed.error.startswith(
        "The pack could not be made: WeasyPrint could not make the PDF: out of memory. Try again"
    )
    text = page(officer_client.get(MEETING))
    assert "The pack could not be published" in text
    assert "out of memory" in text
    assert not PackVersion.objects.exists()

    monkeypatch.undo()
    officer_client.post(PUBLISH)
    assert PackBuild.objects.latest("requested_at").status == "done"
    assert PackVersion.objects.get().number == 1


def test_while_a_build_runs_a_second_request_follows_it_instead(officer_client, council, manager):
    running = PackBuild.objects.create(
        meeting=council["meeting"], kind="publish", status="running", requested_by=manager
    )
    response = officer_client.post(PUBLISH)
    assert PackBuild.objects.count() == 1
    [message] = messages_of(response)
    assert message.startswith("The pack is already being published (asked for by Manager Tester")
    assert not PackVersion.objects.exists()
    # A draft is another kind of build: it may run at the same time.
    officer_client.post(DRAFT)
    assert PackBuild.objects.exclude(pk=running.pk).get().kind == "draft"


def test_a_build_stuck_for_too_long_is_marked_failed_and_no_longer_blocks(council, officer):
    stuck = PackBuild.objects.create(
        meeting=council["meeting"],
        kind="draft",
        status="running",
        requested_at=timezone.now() - datetime.timedelta(minutes=16),
    )
    build, created = request_build(meeting=council["meeting"], kind="draft", user=officer)
    assert created and build.status == "done"
    stuck.refresh_from_db()
    assert stuck.status == "failed"
    assert "did not finish within 15 minutes" in stuck.error


def test_the_page_shows_progress_and_works_without_javascript(officer_client, council):
    build = PackBuild.objects.create(
        meeting=council["meeting"],
        kind="publish",
        status="running",
        progress="Making the PDF (5 KPIs)",
    )
    text = page(officer_client.get(MEETING))
    status_url = reverse("boards:pack_build", args=["cpb", "2026-12-08", build.pk])
    assert f'data-pack-build-url="{status_url}"' in text
    assert "Publishing the pack..." in text
    assert (
        'role="status" aria-live="polite" data-pack-build-status>Being prepared: Making the PDF '
        "(5 KPIs)</p>"
    ) in text
    assert f'<a class="govuk-link" href="{MEETING}#prepare">Refresh this page</a>' in text
    assert "build/pack-build.js" in text

    status = officer_client.get(status_url)
    assert status["Cache-Control"] == "private, no-store"
    assert status.json() == {
        "status": "running",
        "label": "Being prepared",
        "progress": "Making the PDF (5 KPIs)",
        "finished": False,
        "error": "",
    }


def test_publication_reports_its_stages(council, officer):
    stages = []
    publish_pack(meeting=fetched(council["meeting"]), user=officer, progress=stages.append)
    assert stages == [
        "Reading the approved figures and drawing the charts",
        "Making the PDF (5 KPIs)",
        "Storing version 1",
    ]


def test_a_build_that_is_no_longer_queued_is_not_run_again(council):
    done = PackBuild.objects.create(meeting=council["meeting"], kind="draft", status="done")
    assert build_pack.call(done.pk) == f"Build {done.pk} is done: nothing to do"
