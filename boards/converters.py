"""The meeting date in a meeting's address: YYYY-MM-DD and nothing else.

datetime.date.fromisoformat also reads "20261015" and "2026-W42-4" (Python 3.11+), which would
give one meeting several addresses; the pattern takes only the spelling the app writes.
"""

import datetime


class MeetingDateConverter:
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        # A ValueError (2026-13-01, 2026-02-30) makes the address match nothing: a 404.
        return datetime.date.fromisoformat(value)

    def to_url(self, value: datetime.date | str) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
