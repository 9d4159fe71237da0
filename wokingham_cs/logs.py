"""Logging filters for the service's log."""

import logging


class ForbiddenInOneLine(logging.Filter):
    """A refused request (403: a member opening a manager's page) is expected, not a fault: log
    Django's one line ("Forbidden (Permission denied): /returns/") without the traceback of the
    PermissionDenied it attaches, which says nothing the line does not."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
