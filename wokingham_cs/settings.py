"""Settings for the children's services performance and governance system.

Everything that differs between machines comes from environment variables, so the same
code runs on a laptop (SQLite, DEBUG on) and in production (PostgreSQL, DEBUG off).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"
# Placeholders seen in example configurations: a key containing one is not a secret.
PLACEHOLDER_SECRET_KEYS = ("django-insecure", "changeme", "change-me", "change_me", "secret-key",
                           "secret_key", "your-secret", "do-not-use", "insecure")  # fmt: skip


def secret_key_problem(key: str) -> str | None:
    """Why a production SECRET_KEY is unsafe (the rules of Django's own deploy check, plus
    known placeholders), or None."""
    if not key:
        return "is not set"
    if len(key) < 50:
        return "is shorter than 50 characters"
    if len(set(key)) < 5:
        return "has fewer than 5 different characters"
    if key == DEVELOPMENT_SECRET_KEY or any(p in key.lower() for p in PLACEHOLDER_SECRET_KEYS):
        return "is a well-known default or placeholder"
    return None


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY {problem}. Set the SECRET_KEY environment variable to a long random value, "
        "for example from: python -c 'import secrets; print(secrets.token_urlsafe(50))' "
        "(or DEBUG=1 on a development machine, which uses a development key)."
    )
if not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Wokingham Borough Council")
SERVICE_NAME = os.environ.get("SERVICE_NAME", "Children's services performance")
# Where people report accessibility problems (shown in the accessibility statement).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "")

INSTALLED_APPS = [
    # Django's admin, with a site that lets in the Administrator role (accounts/sites.py).
    "accounts.apps.AdministrationConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "simple_history",
    "django_tasks_db",
    # Login throttling: failed sign-ins, lockouts, and unlocking them in the admin.
    "axes",
    "accounts",
    "kpis",
    "returns",
    "findings",
    "boards",
    "recommendations",
    "packs",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL byte in the address or query string is a 400 before anything reads it.
    "wokingham_cs.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No caching of what a signed-in person sees; no camera, microphone, location...
    "wokingham_cs.middleware.SecurityHeadersMiddleware",
    # Every page needs a login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # ...and a role: someone signed in without one sees only a page saying so.
    "wokingham_cs.middleware.RoleRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session limits (before LoginRequiredMiddleware acts, in process_view).
    "wokingham_cs.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wokingham_cs.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wokingham_cs.context_processors.service",
                "dashboard.context_processors.navigation",
                "kpis.context_processors.demo_data",
            ],
        },
    },
]

WSGI_APPLICATION = "wokingham_cs.wsgi.application"

if not os.environ.get("DATABASE_URL"):
    # The embedded default: a SQLite file under var/ (not in git), created on first use.
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection kept from before a database restart is checked before it is reused,
        # instead of failing the first request of each worker.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out sign-in before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard:home"
# Where people whose only role is Member land after signing in: their boards and papers.
MEMBER_LOGIN_REDIRECT_URL = "boards:mine"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# Published report packs (evidence) and drafts. Served only through views that check who is
# asking, so never under STATIC_ROOT or the static folders.
PRIVATE_STORAGE_ROOT = Path(
    os.environ.get("PRIVATE_STORAGE_ROOT") or BASE_DIR / "var" / "private"
).resolve()
for public in (STATIC_ROOT, BASE_DIR / "static"):
    if PRIVATE_STORAGE_ROOT.is_relative_to(public.resolve()) or public.resolve().is_relative_to(
        PRIVATE_STORAGE_ROOT
    ):
        raise ImproperlyConfigured(
            f"PRIVATE_STORAGE_ROOT ({PRIVATE_STORAGE_ROOT}) must be apart from the public "
            f"static files ({public})"
        )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "wokingham_cs.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Content Security Policy: every script, style, image and font comes from this site.
# No inline scripts; GOV.UK Frontend's initialisation lives in static files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # plotly.js (its basic bundle) adds one empty <style> element, which it fills through the
    # CSSOM; the hash of the empty string allows exactly that, not inline styles in general.
    "style-src": [CSP.SELF, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The most a form may send, files apart (Django's defaults, stated here): a larger one gets a
# page saying so (wokingham_cs.views.bad_request), 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_IDLE_MINUTES without a request, SESSION_MAX_HOURS after signing
# in whatever happens, and when the browser closes (shared computers in council offices).
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_ABSOLUTE_AGE = 60 * 60 * int(os.environ.get("SESSION_MAX_HOURS", "10"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Powerful browser features no page here needs (wokingham_cs.middleware.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), ambient-light-sensor=(), autoplay=(), battery=(), bluetooth=(), "
    "camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), "
    "gyroscope=(), hid=(), idle-detection=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "serial=(), usb=(), xr-spatial-tracking=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The load balancer may check health over plain HTTP, straight to the app.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked for LOGIN_COOLOFF_MINUTES (each further try restarts
# the wait); an administrator unlocks it sooner by deleting the access attempt in /admin/.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_USERNAME_CALLABLE = "accounts.throttling.username_of"
# How many proxies in front of the app append to X-Forwarded-For (0: none, use the connection's
# address). Behind one TLS-terminating proxy that appends the client's address, set 1.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
    }
# The address of this service, for links in emails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "performance@localhost")

# Background tasks (return reminders) go through a database queue; run `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Imports of KPI values: the largest file, how far an .xlsx may unpack (a small zip can hold
# gigabytes), the most rows, and how long uploaded files' rows are kept after upload.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 2 * 1024 * 1024))
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", 20 * 1000 * 1000))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 5000))
IMPORT_RETENTION_DAYS = int(os.environ.get("IMPORT_RETENTION_DAYS", 30))

# Evidence documents uploaded with actions' progress updates: the largest file kept.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))
# Actions' owners are reminded this many days before an action falls due (and again once it is
# overdue).
ACTION_REMINDER_DAYS_BEFORE = int(os.environ.get("ACTION_REMINDER_DAYS_BEFORE", 7))

# A period accepts values from the day after it ends; councils that report on the last
# working day of the month can open it then instead.
RETURNS_OPEN_ON_LAST_WORKING_DAY = env_bool("RETURNS_OPEN_ON_LAST_WORKING_DAY")

# /healthz answers 503 "tasks" when a task has waited longer than this for the worker (0: do
# not check the queue, e.g. where the load balancer should not act on it).
TASK_QUEUE_MAX_WAIT_MINUTES = int(os.environ.get("TASK_QUEUE_MAX_WAIT_MINUTES", "15"))

# Monthly returns are overdue after this working day of the month after the period.
RETURN_DEADLINE_WORKING_DAY = int(os.environ.get("RETURN_DEADLINE_WORKING_DAY", "10"))
if not 1 <= RETURN_DEADLINE_WORKING_DAY <= 20:
    raise ImproperlyConfigured("RETURN_DEADLINE_WORKING_DAY must be a working day from 1 to 20")

DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "govuk-table"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_in_one_line": {"()": "wokingham_cs.logs.ForbiddenInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (with DEBUG) would write each record a second time,
        # after the root logger's: Django's records go to the root logger's handler only.
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["forbidden_in_one_line"]},
    },
}
