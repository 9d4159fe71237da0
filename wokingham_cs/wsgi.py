"""WSGI entry point, e.g. `gunicorn wokingham_cs.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wokingham_cs.settings")

application = get_wsgi_application()
