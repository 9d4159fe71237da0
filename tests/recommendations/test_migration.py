"""Recommendations moved from boards to their own app: on a database with boards' rows, the
migrations keep every row and its id, keep a status someone set as a manager's setting with its
reason, move the content type (and so the Administrator's permissions) with the model, and can
be undone. Commits, so in a module of its own."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("boards", "0006_administrator_keeps_meetings"), ("recommendations", None)]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def latest() -> list:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def back_to_latest():
    """Whatever happens, the database ends on the latest migrations."""
    yield
    migrate(latest())


def test_rows_ids_statuses_and_permissions_survive_the_move(migrated_roles, back_to_latest):
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    review = old.get_model("findings", "SourceDocument").objects.create(
        slug="review", title="The review", kind="review"
    )
    old_recommendation = old.get_model("boards", "Recommendation")
    for pk, status in ((7, "open"), (12, "in-progress"), (15, "complete")):
        old_recommendation.objects.create(
            pk=pk, source_id=review.pk, number=pk, theme=f"Theme {pk}", text=f"Do {pk}.",
            status=status, note=f"Read as {pk}.",
        )  # fmt: skip
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="boards", model="recommendation"
    )
    administrator = Group.objects.get(name="Administrator")
    granted = set(
        administrator.permissions.filter(content_type_id=content_type.pk).values_list(
            "pk", flat=True
        )
    )
    assert len(granted) == 4

    executor = migrate(latest())
    new = executor.loader.project_state(latest()).apps
    moved = new.get_model("recommendations", "Recommendation").objects.order_by("pk")
    assert [(r.pk, r.number, r.text, r.note) for r in moved] == [
        (7, 7, "Do 7.", "Read as 7."),
        (12, 12, "Do 12.", "Read as 12."),
        (15, 15, "Do 15.", "Read as 15."),
    ]
    assert [(r.status_override, r.override_reason[:29]) for r in moved] == [
        ("", ""),
        ("in-progress", "Recorded as in progress befor"),
        ("complete", "Recorded as complete before t"),
    ]
    # The renamed table takes new rows (on PostgreSQL its id sequence came with it).
    added = moved.model.objects.create(source_id=review.pk, number=99, theme="New", text="New.")
    assert added.pk not in (7, 12, 15)
    added.delete()
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "recommendations_recommendation" in tables
    assert "boards_recommendation" not in tables
    content_type.refresh_from_db()
    assert (content_type.app_label, content_type.model) == ("recommendations", "recommendation")
    assert granted <= set(administrator.permissions.values_list("pk", flat=True))

    # And back: the rows return to boards with the statuses they had.
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    back = old.get_model("boards", "Recommendation").objects.order_by("pk")
    assert [(r.pk, r.status) for r in back] == [(7, "open"), (12, "in-progress"), (15, "complete")]
    content_type.refresh_from_db()
    assert content_type.app_label == "boards"
    assert granted <= set(administrator.permissions.values_list("pk", flat=True))
