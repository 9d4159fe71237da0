"""Which periods a meeting's pack reports: pure date rules, no database.

A pack is built from the figures that could be known when the papers had to go out. Its
cut-off is the latest monthly period that had ended before the papers deadline: a deadline of
Monday 30 November 2026 gives October 2026, since November had not ended; a deadline of
Tuesday 1 December gives November. Approved values for periods after the cut-off are left out
even if they exist by the time the pack is made, so a pack made late, or remade for a
revision, reports the same periods as one made on time.
"""

import datetime

from kpis.periods import Period


def cut_off_for(papers_deadline: datetime.date) -> Period:
    """The latest period (a month) that ended before the papers deadline."""
    return Period.from_date(papers_deadline).previous()


def publishable_from(papers_deadline: datetime.date) -> datetime.date:
    """The first day a pack can be published: once its cut-off month has ended. Before then its
    latest month has no figures yet, and a published version is never changed."""
    return cut_off_for(papers_deadline).next().first_day


def too_early_to_publish(papers_deadline: datetime.date, today: datetime.date) -> str | None:
    """Why the pack cannot be published today, or None if it can."""
    opens = publishable_from(papers_deadline)
    if today >= opens:
        return None
    return (
        f"The pack reports the figures for {cut_off_for(papers_deadline).label}, which has not "
        f"ended yet: it can be published from {opens:%-d %B %Y}. Until then, prepare a draft "
        "to check it"
    )


#: The scorecard never reaches back further than this, however long ago the previous meeting.
MOST_MONTHS = 12


def first_reported(cut_off: Period, previous_cut_off: Period | None) -> Period:
    """The first period the scorecard shows: the one after the previous meeting's cut-off, so
    that every period is reported to the board once, but at most MOST_MONTHS months back. At a
    board's first meeting, or when the previous meeting had the same cut-off, only the cut-off
    period itself."""
    if previous_cut_off is None or previous_cut_off >= cut_off:
        return cut_off
    return max(previous_cut_off.next(), cut_off.shift(-(MOST_MONTHS - 1)))
