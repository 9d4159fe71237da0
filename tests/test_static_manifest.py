"""In production every script, stylesheet and image a page loads has a content hash in its
name, so browsers may cache it for ever and still get the new file after an upgrade: the
pages' own tags, and the imports between our ES modules (app.js imports GOV.UK Frontend)."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from kpis.periods import Period

HASHED = re.compile(r"\.[0-9a-f]{12}\.(js|css|svg|map)$")
# What a page loads: any static URL in an attribute (<script src>, <link href>, <img src>, and
# <script data-plotly-src>, which charts.js loads).
LOADED = re.compile(r'\s[\w-]+="(/static/[^"]+)"')
# What a module imports (after Django's rewriting): import ... from "./x.js", import("./x.js").
IMPORTED = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']""")


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic with the production storage, as in a deployment (DEBUG off), less the
    gzip and Brotli copies, which take most of its time and do not change the names."""
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["js", "css", "map", "svg"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "wokingham_cs.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, ignore_patterns=["src"], verbosity=0)
    return tmp_path


def test_every_file_a_page_loads_is_hashed(collected, manager_client, seeded):
    period = Period.from_date(timezone.localdate()).previous()
    pages = ["/", "/readiness/", "/kpis/PEP/", f"/returns/{period}/", "/login/"]
    loaded = set()
    for path in pages:
        response = manager_client.get(path)
        assert response.status_code == 200, path
        loaded |= set(LOADED.findall(response.content.decode()))
    assert {"app.css", "init.js", "app.js", "charts.js", "plotly-basic.min.js", "returns.js"} <= {
        re.sub(r"\.[0-9a-f]{12}\.", ".", url.rsplit("/", 1)[1]) for url in loaded
    }
    assert [url for url in loaded if not HASHED.search(url)] == []

    # And what those scripts import in turn, followed to the end.
    to_read = [url for url in loaded if url.endswith(".js")]
    while to_read:
        url = to_read.pop()
        folder = url.rsplit("/", 1)[0]
        source = (collected / url.removeprefix("/static/")).read_text(encoding="utf-8")
        for imported in IMPORTED.findall(source):
            assert HASHED.search(imported), f"{url} imports {imported} by its unhashed name"
            to_read.append(f"{folder}/{imported.removeprefix('./')}")
