"""Reading the boards pages in the tests."""

import html
import re
from html.parser import HTMLParser


def text_of(response) -> str:
    """The page's main content as a person reads it: words, one space between them."""
    page = response.content.decode()
    page = page[page.index("<main") :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
            elif attrs.get("type") != "submit":
                self.fields[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(response) -> dict[str, str]:
    """What a browser would send if the page's form were submitted as it is shown."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.fields
