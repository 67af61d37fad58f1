"""Reading pages in tests the way a person reads them: by the ids the templates promise."""

from __future__ import annotations

import html
import re


def element_text(page: str, element_id: str) -> str | None:
    match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</', page, re.DOTALL)
    return html.unescape(match.group(1)).strip() if match else None


def codename_on(page: str) -> str:
    codename = element_text(page, "codename")
    assert codename, "the receipt page shows no codename"
    return codename


def form_token_on(page: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', page)
    assert match, "the form carries no form token"
    return match.group(1)


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of the page's forms (CSRF token, form token), as a browser sends them."""
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return fields


def visible_text(page: str, element_id: str) -> str:
    """All the text inside the element with that id, tags removed, whitespace collapsed."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.parts = 0, []

        def handle_starttag(self, tag, attrs):
            if tag in ("br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"):
                return  # void elements have no end tag
            if self.depth or dict(attrs).get("id") == element_id:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.parts.append(data)

    collector = Collector()
    collector.feed(page)
    return " ".join(" ".join(collector.parts).split())
