"""The timeliness report's counting: municipal years (May to April) and the tally per board."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from boards.deadlines import Timeliness
from boards.timeliness import (
    COUNTED,
    municipal_year,
    municipal_year_label,
    timeliness_by_year,
)


def test_a_municipal_year_runs_from_may_to_april():
    assert municipal_year(datetime.date(2026, 4, 30)) == 2025
    assert municipal_year(datetime.date(2026, 5, 1)) == 2026
    assert municipal_year(datetime.date(2027, 1, 15)) == 2026
    assert municipal_year_label(2026) == "2026-27"
    assert municipal_year_label(1999) == "1999-00"


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_every_day_falls_in_the_municipal_year_that_began_on_the_may_before_it(day):
    start = municipal_year(day)
    assert datetime.date(start, 5, 1) <= day < datetime.date(start + 1, 5, 1)


def test_counts_each_board_by_year_with_a_total_newest_year_first():
    meetings = [
        ("cpb", datetime.date(2026, 4, 20), Timeliness.LATE),  # 2025-26
        ("cpb", datetime.date(2026, 6, 18), Timeliness.ON_TIME),
        ("cpb", datetime.date(2026, 8, 20), Timeliness.LATE),
        ("cpb", datetime.date(2026, 10, 15), Timeliness.TABLED),
        ("cpb", datetime.date(2026, 12, 17), Timeliness.DUE),  # not settled: not counted
        ("cs-os", datetime.date(2026, 7, 20), Timeliness.ON_TIME),
        ("cs-os", datetime.date(2026, 9, 21), Timeliness.NOT_PUBLISHED),
        ("cs-os", datetime.date(2026, 11, 30), Timeliness.OVERDUE),  # not settled either
    ]
    years = timeliness_by_year(meetings)
    assert [year.label for year in years] == ["2026-27", "2025-26"]
    latest = years[0]
    assert [(row.board, row.cells, row.total) for row in latest.rows] == [
        ("cpb", [1, 1, 1, 0, 0], 3),
        ("cs-os", [1, 0, 0, 0, 1], 2),
    ]
    assert latest.total.cells == [2, 1, 1, 0, 1]
    assert latest.total.on_time_percent == 40
    assert [(row.board, row.cells) for row in years[1].rows] == [("cpb", [0, 1, 0, 0, 0])]


def test_nothing_settled_means_no_year():
    assert timeliness_by_year([("cpb", datetime.date(2026, 12, 17), Timeliness.DUE)]) == []


outcomes = st.sampled_from(list(Timeliness))
meetings = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31)),
        outcomes,
    )
)


@given(meetings)
def test_every_settled_meeting_is_counted_once(meetings):
    years = timeliness_by_year(meetings)
    settled = [meeting for meeting in meetings if meeting[2] in COUNTED]
    assert sum(year.total.total for year in years) == len(settled)
    for year in years:
        assert year.total.cells == [
            sum(cells) for cells in zip(*(r.cells for r in year.rows), strict=True)
        ]
