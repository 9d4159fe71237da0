"""Settings for the test suite: the project's settings with development defaults."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from wokingham_cs.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run at once in tests; the database queue is exercised in its own test.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Packs published by the tests go to a folder of their own, removed when the run ends.
PRIVATE_STORAGE_ROOT = Path(tempfile.mkdtemp(prefix="wokingham-cs-private-"))
atexit.register(shutil.rmtree, PRIVATE_STORAGE_ROOT, ignore_errors=True)
