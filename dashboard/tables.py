import django_tables2 as tables
from django_tables2.data import TableListData
from django_tables2.utils import OrderBy, OrderByTuple

from kpis.choices import Polarity
from kpis.formatting import plain_number
from kpis.rag import Rag
from kpis.scorecard import ScoreRow
from wokingham_cs.exports import safe_cell

POLARITY_WORDS = {Polarity.HIGHER: "Higher", Polarity.LOWER: "Lower"}
# The order of RAG statuses when sorting, worst first; descending puts it first (a click on the
# header twice), ascending reverses it.
RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NO_TARGET, Rag.NO_DATA, Rag.NOT_DUE]


class ScoreRowsData(TableListData):
    """The scorecard's rows (a list, not a QuerySet), sorted with the table's order_FOO methods
    where it has one: django-tables2 calls those only for QuerySets, and would otherwise sort
    RAG and directions by their stored words ("no-data" before "red")."""

    def order_by(self, aliases):
        # Least significant first: each sort is stable, so the more significant ones win.
        for alias in reversed(OrderByTuple(aliases)):
            by = OrderBy(alias)
            order = getattr(self.table, f"order_{by.bare}", None)
            if order:
                self.data, _ = order(self.data, by.is_descending)
            else:
                super().order_by(OrderByTuple([alias]))


class ScorecardTable(tables.Table):
    """The KPI scorecard: one row per KPI. The page writes the rows out in
    templates/dashboard/_scorecard_table.html; this class sorts, paginates and downloads them
    (the value_* methods give the downloads the same words as the page). Each row's KPI carries
    `board_lines`, the reporting lines the scorecard view prefetched from boards.

    The page has fewer columns than the downloads, so that it fits a laptop's screen (WCAG
    1.4.10): its first column, `kpi`, shows the code, title and status, with the frequency,
    owner and boards beneath. The downloads keep their columns as they were, a public contract:
    the page's own column is left out of them, and theirs are hidden on the page."""

    kpi = tables.Column(accessor="kpi__code", verbose_name="KPI", exclude_from_export=True)
    code = tables.Column(accessor="kpi__code", verbose_name="Code", visible=False)
    title = tables.Column(accessor="kpi__title", verbose_name="KPI", visible=False)
    status = tables.Column(accessor="kpi__status", verbose_name="Status", visible=False)
    latest = tables.Column(accessor="period", verbose_name="Latest value", empty_values=())
    target = tables.Column(accessor="target", verbose_name="Target", empty_values=())
    rag = tables.Column(accessor="rag", verbose_name="RAG", empty_values=())
    since_previous = tables.Column(verbose_name="Since previous period", empty_values=())
    since_last_year = tables.Column(verbose_name="Since a year ago", empty_values=())
    trend = tables.Column(verbose_name="Trend", orderable=False, empty_values=())
    frequency = tables.Column(accessor="kpi__frequency", verbose_name="Frequency", visible=False)
    # In the downloads only: the page's RAG and direction words already carry them.
    unit = tables.Column(accessor="kpi__unit", verbose_name="Unit", visible=False)
    polarity = tables.Column(accessor="kpi__polarity", verbose_name="Better when", visible=False)
    owner = tables.Column(
        accessor="kpi__owner", verbose_name="Owner", empty_values=(), visible=False
    )
    boards = tables.Column(
        accessor="kpi", verbose_name="Reported to", empty_values=(), orderable=False, visible=False
    )

    def __init__(self, data, *args, **kwargs):
        super().__init__(ScoreRowsData(data), *args, **kwargs)

    class Meta:
        attrs = {"class": "govuk-table govuk-table--small-text-until-tablet app-scorecard"}
        # No default sort: the rows keep the view's order (live KPIs first, then by code).
        empty_text = "Nothing matches these filters."

    def order_rag(self, rows, is_descending: bool):
        rank = lambda row: RAG_ORDER.index(row.rag)  # noqa: E731
        return sorted(rows, key=rank, reverse=not is_descending), True

    def order_latest(self, rows, is_descending: bool):
        key = lambda row: (row.period is not None, row.period or 0)  # noqa: E731
        return sorted(rows, key=key, reverse=is_descending), True

    def order_target(self, rows, is_descending: bool):
        key = lambda row: (row.target is not None, row.target or 0)  # noqa: E731
        return sorted(rows, key=key, reverse=is_descending), True

    def order_since_previous(self, rows, is_descending: bool):
        return sorted(rows, key=lambda r: r.since_previous.value, reverse=is_descending), True

    def order_since_last_year(self, rows, is_descending: bool):
        return sorted(rows, key=lambda r: r.since_last_year.value, reverse=is_descending), True

    def order_owner(self, rows, is_descending: bool):
        key = lambda row: row.kpi.owner.get_full_name() if row.kpi.owner else ""  # noqa: E731
        return sorted(rows, key=key, reverse=is_descending), True

    # The downloads carry the same words as the page: labels, not colours or markup.
    # Text people typed (titles, names) goes through safe_cell, as in every other download,
    # so a spreadsheet does not run it as a formula.
    def value_code(self, record: ScoreRow) -> str:
        return record.kpi.code

    def value_title(self, record: ScoreRow) -> str:
        return safe_cell(record.kpi.title)

    def value_frequency(self, record: ScoreRow) -> str:
        return record.kpi.get_frequency_display()

    def value_unit(self, record: ScoreRow) -> str:
        return record.kpi.get_unit_display()

    def value_polarity(self, record: ScoreRow) -> str:
        return POLARITY_WORDS.get(record.kpi.polarity, "No polarity")

    def value_owner(self, record: ScoreRow) -> str:
        owner = record.kpi.owner
        return safe_cell((owner.get_full_name() or owner.username) if owner else "")

    def value_status(self, record: ScoreRow) -> str:
        return record.kpi.get_status_display()

    def value_latest(self, record: ScoreRow) -> str:
        return "" if record.period is None else f"{record.period}: {plain_number(record.value)}"

    def value_target(self, record: ScoreRow):
        return plain_number(record.target)

    def value_rag(self, record: ScoreRow) -> str:
        return record.rag.label

    def value_since_previous(self, record: ScoreRow) -> str:
        return record.since_previous.label

    def value_since_last_year(self, record: ScoreRow) -> str:
        return record.since_last_year.label

    def value_trend(self, record: ScoreRow) -> str:
        return "; ".join(str(plain_number(value)) for value in record.trend)

    def value_boards(self, record: ScoreRow) -> str:
        return safe_cell("; ".join(line.board.short_name for line in record.kpi.board_lines))
