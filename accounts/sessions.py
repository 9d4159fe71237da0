"""When a session began and when it was last renewed, kept in the session (seconds since the
epoch) for the idle and absolute limits (wokingham_cs.middleware.SessionLimitsMiddleware)."""

import time

SIGNED_IN_AT = "signed_in_at"
RENEWED_AT = "renewed_at"


def record_sign_in(sender, request, user, **kwargs) -> None:
    """Receives user_logged_in, which every sign-in sends (the sign-in page, the admin's, and
    the test client's force_login), so the times are saved with the new session itself."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[RENEWED_AT] = now
