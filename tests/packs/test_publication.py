"""Publishing a pack: the PDF is stored once under its SHA-256 and never changed; a correction
makes a new version with a reason; the first publication dates the papers; subscribed members
are emailed a link."""

import datetime
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kpis.models import KpiValue
from packs import services
from packs.cutoff import cut_off_for
from packs.models import PackBuild, PackVersion
from packs.services import PublishError, publish_pack
from tests.packs.factories import build_council, fetched, make_meeting, member_of, pdf_text
from tests.users import make_user
from wokingham_cs import private_files


@pytest.fixture
def council(officer, manager):
    return build_council(officer, manager)


@pytest.fixture
def meeting(council):
    return fetched(council["meeting"])


def stored_file(version: PackVersion) -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT) / version.file_name


def download(client, user, url: str):
    client.force_login(user)
    return client.get(url)


def test_publishing_stores_version_1_under_its_sha256(meeting, officer):
    version = publish_pack(meeting=meeting, user=officer)

    content = stored_file(version).read_bytes()
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    assert version.size == len(content)
    assert stored_file(version).name == f"{version.sha256}.pdf"
    assert stored_file(version).is_relative_to(settings.PRIVATE_STORAGE_ROOT)
    assert not stored_file(version).is_relative_to(settings.STATIC_ROOT)
    assert (version.part, version.classification) == ("1", "OFFICIAL")
    assert version.cut_off == datetime.date(2026, 10, 1)
    assert (version.published_by, version.publisher_name) == (officer, "Officer Tester")
    text = " ".join(pdf_text(content).split())
    assert "Published, version 1" in text and "Draft" not in text


def test_the_first_publication_dates_the_papers_and_a_revision_does_not(meeting, officer):
    first = publish_pack(meeting=meeting, user=officer)
    meeting.refresh_from_db()
    assert meeting.papers_published_at == first.published_at

    publish_pack(meeting=meeting, user=officer, reason="A late correction")
    meeting.refresh_from_db()
    assert meeting.papers_published_at == first.published_at


def test_a_changed_value_republished_is_version_2_and_version_1_is_unchanged(
    client, council, meeting, officer, manager
):
    first = publish_pack(meeting=meeting, user=officer)
    first_bytes = stored_file(first).read_bytes()

    value = KpiValue.objects.get(kpi__code="CIC-VISITS", period="2026-10-01")
    value.value = Decimal("88.5")
    value.save(update_fields=["value"])
    second = publish_pack(meeting=meeting, user=officer, reason="CIC-VISITS October corrected")

    assert (second.number, second.reason, second.is_revised) == (
        2,
        "CIC-VISITS October corrected",
        True,
    )
    assert second.sha256 != first.sha256
    assert stored_file(first).read_bytes() == first_bytes
    second_text = " ".join(pdf_text(stored_file(second).read_bytes()).split())
    assert "Published, version 2" in second_text
    assert "Revised: CIC-VISITS October corrected" in second_text
    assert "88.5%" in second_text and "78.5%" not in second_text

    old = download(client, manager, first.get_absolute_url())
    assert old.content == first_bytes
    assert hashlib.sha256(old.content).hexdigest() == first.sha256
    latest = client.get(reverse("boards:pack_pdf", args=["cpb", "2026-12-08"]))
    assert latest.content == stored_file(second).read_bytes()


def test_a_revision_needs_a_reason(meeting, officer):
    publish_pack(meeting=meeting, user=officer)
    with pytest.raises(PublishError, match="give the reason for the revision"):
        publish_pack(meeting=meeting, user=officer, reason="   ")
    assert list(PackVersion.objects.values_list("number", flat=True)) == [1]


def test_only_officers_and_managers_publish(meeting, member):
    with pytest.raises(PublishError, match="Only performance officers and managers"):
        publish_pack(meeting=meeting, user=member)
    assert not PackVersion.objects.exists()


def test_two_publications_never_make_two_version_1s(meeting, officer, manager, monkeypatch):
    """The second is numbered under the lock: if the first was recorded while the second was
    being rendered, the second becomes version 2 (and, being a revision, needs its reason)."""
    real = services._render

    def render_while_someone_else_publishes(meeting_, edition, progress):
        rendered = real(meeting_, edition, progress)
        if not PackVersion.objects.exists():
            monkeypatch.setattr(services, "_render", real)
            publish_pack(meeting=meeting, user=manager)
        return rendered

    monkeypatch.setattr(services, "_render", render_while_someone_else_publishes)
    with pytest.raises(PublishError, match="Version 1 is already published"):
        publish_pack(meeting=meeting, user=officer)
    monkeypatch.setattr(services, "_render", render_while_someone_else_publishes)
    PackVersion.objects.all().delete()
    version = publish_pack(meeting=meeting, user=officer, reason="Both clicked at once")

    assert sorted(PackVersion.objects.values_list("number", flat=True)) == [1, 2]
    assert version.number == 2
    assert "Published, version 2" in " ".join(pdf_text(stored_file(version).read_bytes()).split())


def test_the_database_refuses_a_second_version_1(meeting, officer):
    version = publish_pack(meeting=meeting, user=officer)
    version.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        version.save()


def test_the_database_refuses_a_revision_without_a_reason(meeting, officer):
    version = publish_pack(meeting=meeting, user=officer)
    version.pk, version.number = None, 2
    with pytest.raises(IntegrityError), transaction.atomic():
        version.save()


def test_subscribed_members_with_an_address_are_emailed_a_link(
    meeting, council, officer, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://performance.example.gov.uk/"
    board = council["board"]
    member_of(board, make_user("subscribed", "Member", email="subscribed@example.org"))
    member_of(board, make_user("quiet", "Member", email="quiet@example.org"), subscribed=False)
    member_of(board, make_user("no-address", "Member"))
    member_of(board, make_user("no-role", email="no-role@example.org"))
    make_user("outsider-with-role", "Member", email="other@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        publish_pack(meeting=meeting, user=officer)

    assert [mail.to for mail in mailoutbox] == [["subscribed@example.org"]]
    mail = mailoutbox[0]
    assert mail.subject == "CPB papers for 8 December 2026 published"
    assert (
        "https://performance.example.gov.uk/boards/cpb/meetings/2026-12-08/pack-v1.pdf" in mail.body
    )
    assert "It is OFFICIAL." in mail.body


def test_a_revision_email_gives_the_reason(
    meeting, council, officer, mailoutbox, django_capture_on_commit_callbacks
):
    member_of(council["board"], make_user("reader", "Member", email="reader@example.org"))
    publish_pack(meeting=meeting, user=officer, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish_pack(meeting=meeting, user=officer, reason="PEP figure corrected")
    assert len(mailoutbox) == 1
    assert "(revised: version 2)" in mailoutbox[0].subject
    assert "Why it was revised: PEP figure corrected" in mailoutbox[0].body


def test_no_email_goes_for_a_publication_that_is_rolled_back(
    meeting, council, officer, mailoutbox, django_capture_on_commit_callbacks
):
    member_of(council["board"], make_user("reader", "Member", email="reader@example.org"))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish_pack(meeting=meeting, user=officer)
        transaction.set_rollback(True)
    assert mailoutbox == []


def test_a_stored_file_is_never_overwritten(tmp_path, settings):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    digest, name = private_files.store(b"%PDF-1.7 first", folder="packs")
    assert private_files.store(b"%PDF-1.7 first", folder="packs") == (digest, name)
    (tmp_path / name).chmod(0o644)
    (tmp_path / name).write_bytes(b"changed behind our back")
    with pytest.raises(private_files.StorageError, match="does not match its SHA-256"):
        private_files.store(b"%PDF-1.7 first", folder="packs")
    with pytest.raises(private_files.StorageError, match="does not match its SHA-256"):
        private_files.read(name, sha256=digest)


@pytest.mark.parametrize("name", ["", ".", "packs", "../outside.pdf", "packs/../../x.pdf"])
def test_only_a_stored_files_name_is_read_or_deleted(tmp_path, settings, name):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    private_files.store(b"%PDF-1.7 first", folder="packs")
    with pytest.raises(private_files.StorageError):
        private_files.read(name)
    with pytest.raises(private_files.StorageError):
        private_files.delete(name)


def test_a_changed_file_is_not_served_as_the_published_version(client, meeting, officer):
    version = publish_pack(meeting=meeting, user=officer)
    stored_file(version).chmod(0o644)
    stored_file(version).write_bytes(b"%PDF-1.7 tampered")
    response = download(client, officer, version.get_absolute_url())
    assert response.status_code == 500
    assert b"does not match its SHA-256" in response.content
    assert b"tampered" not in response.content


def test_publishing_records_when_asked_to_for_demo_data(meeting, officer):
    at = timezone.make_aware(datetime.datetime(2026, 11, 30, 10, 0))
    version = publish_pack(meeting=meeting, user=officer, at=at, notify=False, is_demo=True)
    assert (version.published_at, version.is_demo) == (at, True)
    assert "Published, version 1, 30 November 2026" in " ".join(
        pdf_text(stored_file(version).read_bytes()).split()
    )


def test_a_pack_is_not_published_before_its_cut_off_month_has_ended(
    client, council, officer, mailoutbox
):
    """Published versions never change, so a pack whose latest month has not ended (and so
    has no figures yet) waits; a draft can be made meanwhile."""
    today = timezone.localdate()
    later = make_meeting(council["meeting"].board, today + datetime.timedelta(days=75))
    cut_off = cut_off_for(later.papers_deadline)
    opens = cut_off.next().first_day
    assert today < opens
    message = (
        f"The pack reports the figures for {cut_off.label}, which has not ended yet: it can be "
        f"published from {opens:%-d %B %Y}. Until then, prepare a draft to check it"
    )
    with pytest.raises(PublishError, match="which has not ended yet"):
        publish_pack(meeting=fetched(later), user=officer)

    client.force_login(officer)
    page = client.get(later.get_absolute_url()).content.decode()
    assert f"{message}." in page
    assert "Publish the pack" not in page and "Prepare the draft PDF" in page
    response = client.post(reverse("boards:pack_publish", args=["cpb", later.date.isoformat()]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"{message}."]
    assert not PackVersion.objects.exists() and not PackBuild.objects.exists()
    later.refresh_from_db()
    assert later.papers_published_at is None and mailoutbox == []
