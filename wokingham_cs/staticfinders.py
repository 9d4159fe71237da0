"""Serves plotly.js from the installed plotly package, so the browser charts need no CDN.

plotly.js ships inside the pinned Python package (plotly/package_data/plotly.min.js); this finder
offers that one file as static/vendor/plotly.min.js, for runserver and for collectstatic.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PACKAGE_DATA = Path(plotly.__file__).parent / "package_data"
FILE_NAME = "plotly.min.js"
PREFIX = "vendor"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PACKAGE_DATA)
        self.storage.prefix = PREFIX

    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False):
        if path == f"{PREFIX}/{FILE_NAME}":
            found = str(PACKAGE_DATA / FILE_NAME)
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        yield FILE_NAME, self.storage
