"""The tracker's table of actions: sortable, paginated and downloadable as CSV or Excel. The page
shows seven columns; the downloads carry the same words as the page, plus the source, what each
action belongs to and its last update, without markup or colour."""

import django_tables2 as tables
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from recommendations import html
from recommendations.choices import ActionStatus, Progress
from recommendations.models import Action
from wokingham_cs.exports import safe_cell

DEMO_TAG = mark_safe(' <strong class="govuk-tag govuk-tag--yellow">Demo</strong>')


def _by_rank(queryset, field: str, ranks: list, is_descending: bool):
    """Rows in the order of `ranks` (reversed if descending); anything else, such as no rating,
    last either way."""
    rank = Case(*(When(**{field: value}, then=n) for n, value in enumerate(ranks)), default=None)
    by = F("sort_rank")
    order = by.desc(nulls_last=True) if is_descending else by.asc(nulls_last=True)
    return queryset.annotate(sort_rank=rank).order_by(order, "pk")


class ActionTable(tables.Table):
    action = tables.Column(
        accessor="title", verbose_name="Action", order_by=("title",), exclude_from_export=True
    )
    reference = tables.Column(accessor="pk", verbose_name="Reference", visible=False)
    source = tables.Column(accessor="pk", verbose_name="Source", visible=False, orderable=False)
    belongs_to = tables.Column(accessor="pk", verbose_name="For", visible=False, orderable=False)
    title = tables.Column(verbose_name="What is to be done", visible=False)
    owner = tables.Column(
        accessor="owner",
        verbose_name="Owner",
        empty_values=(),
        order_by=("owner__first_name", "owner__last_name", "owner__username"),
    )
    lead_board = tables.Column(
        accessor="lead_board", verbose_name="Lead board", empty_values=(),
        order_by=("lead_board__short_name",),
    )  # fmt: skip
    due_date = tables.Column(verbose_name="Due", empty_values=())
    status = tables.Column(verbose_name="Status", empty_values=())
    progress = tables.Column(verbose_name="Progress", empty_values=())
    overdue = tables.Column(
        accessor="late_rank", verbose_name="Overdue", empty_values=(),
        order_by=("late_rank", "due_date"),
    )  # fmt: skip
    # In the downloads only, so the page's columns fit a laptop's screen (WCAG 1.4.10).
    last_update = tables.Column(
        accessor="last_update_at", verbose_name="Last update", empty_values=(), visible=False
    )

    class Meta:
        attrs = {"class": "govuk-table govuk-table--small-text-until-tablet"}
        empty_text = "No action matches these filters."
        # The view orders the rows: overdue first, then by due date.

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    # Actions with no due date, or no owner, come last whichever way a column is sorted, on
    # every database (SQLite and PostgreSQL put NULLs at opposite ends).
    def order_due_date(self, queryset, is_descending: bool):
        due = (
            F("due_date").desc(nulls_last=True)
            if is_descending
            else F("due_date").asc(nulls_last=True)
        )
        return queryset.order_by(due, "pk"), True

    def order_lead_board(self, queryset, is_descending: bool):
        name = F("lead_board__short_name")
        order = name.desc(nulls_last=True) if is_descending else name.asc(nulls_last=True)
        return queryset.order_by(order, "pk"), True

    # Status and progress sort by meaning (not started to closed; off track to on track, not
    # rated last), not by the alphabet of their stored codes.
    def order_status(self, queryset, is_descending: bool):
        return _by_rank(queryset, "status", list(ActionStatus), is_descending), True

    def order_progress(self, queryset, is_descending: bool):
        ranks = [Progress.OFF_TRACK, Progress.AT_RISK, Progress.ON_TRACK]
        return _by_rank(queryset, "progress", ranks, is_descending), True

    def order_owner(self, queryset, is_descending: bool):
        names = ("owner__first_name", "owner__last_name", "owner__username")
        order = [
            F(name).desc(nulls_last=True) if is_descending else F(name).asc(nulls_last=True)
            for name in names
        ]
        return queryset.order_by(*order, "pk"), True

    def render_action(self, record: Action):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a><span class="app-meta">For <a '
            'class="govuk-link" href="{}">{}</a></span>{}',
            record.get_absolute_url(),
            record.title,
            record.belongs_to_url,
            record.belongs_to_label,
            DEMO_TAG if record.is_demo else "",
        )

    def render_owner(self, record: Action) -> str:
        return record.owner_name

    def render_lead_board(self, record: Action) -> str:
        return record.lead_board.short_name if record.lead_board_id else "None"

    def render_due_date(self, record: Action) -> str:
        return html.due_words(record.due_date)

    def render_status(self, record: Action):
        return html.action_status_tag(record.status)

    def render_progress(self, record: Action):
        return html.progress_tag(record.progress)

    def render_overdue(self, record: Action):
        days = record.days_overdue
        return html.overdue_tag(days) if days else "No"

    def render_last_update(self, record: Action) -> str:
        if record.last_update_at is None:
            return "None yet"
        return f"{timezone.localdate(record.last_update_at):%-d %B %Y}"

    # The downloads: words, not markup; what people typed through safe_cell.
    def value_reference(self, record: Action) -> int:
        return record.pk

    def value_source(self, record: Action) -> str:
        return safe_cell(record.source_label)

    def value_belongs_to(self, record: Action) -> str:
        return safe_cell(record.belongs_to_label)

    def value_title(self, record: Action) -> str:
        return safe_cell(record.title)

    def value_owner(self, record: Action) -> str:
        return safe_cell(record.owner_name)

    def value_lead_board(self, record: Action) -> str:
        return record.lead_board.short_name if record.lead_board_id else ""

    def value_due_date(self, record: Action) -> str:
        return record.due_date.isoformat() if record.due_date else ""

    def value_status(self, record: Action) -> str:
        return ActionStatus(record.status).label

    def value_progress(self, record: Action) -> str:
        return Progress(record.progress).label if record.progress else "Not rated"

    def value_overdue(self, record: Action) -> str:
        return html.overdue_words(record.days_overdue)

    def value_last_update(self, record: Action) -> str:
        if record.last_update_at is None:
            return ""
        return timezone.localdate(record.last_update_at).isoformat()
